// One ConnectorClient per (app id, audience, service URL) and one UserTokenClient per app id, reused
// across activities and proactive messages instead of built per activity; bounded in number.
import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { ReusedClientsAuthentication } from '../../src/teams/reused-clients.js';

const activity = (serviceUrl: string) =>
  ({ type: 'message', serviceUrl, channelId: 'msteams', conversation: { id: 'c' } }) as Activity;

async function clientFor(auth: ReusedClientsAuthentication, serviceUrl: string) {
  const result = await auth.authenticateRequest(activity(serviceUrl), '');
  return result.connectorFactory!.create(serviceUrl, result.audience);
}

describe('Teams client reuse', () => {
  it('gives every activity to one service URL the same connector client, and another URL its own', async () => {
    const auth = new ReusedClientsAuthentication({});
    const a1 = await clientFor(auth, 'https://smba.example/amer/');
    const a2 = await clientFor(auth, 'https://smba.example/amer/');
    const b = await clientFor(auth, 'https://smba.example/emea/');
    expect(a2).toBe(a1);
    expect(b).not.toBe(a1);
  });

  it('shares the connector clients with proactive messages and reuses the user token client', async () => {
    const auth = new ReusedClientsAuthentication({});
    const inbound = await auth.authenticateRequest(activity('https://smba.example/amer/'), '');
    const client = await inbound.connectorFactory!.create('https://smba.example/amer/', inbound.audience);
    const proactive = auth.createConnectorFactory(inbound.claimsIdentity);
    expect(await proactive.create('https://smba.example/amer/', inbound.audience)).toBe(client);
    const t1 = await auth.createUserTokenClient(inbound.claimsIdentity);
    expect(await auth.createUserTokenClient(inbound.claimsIdentity)).toBe(t1);
  });

  it('keeps a bounded number of clients: the oldest is rebuilt when asked for again', async () => {
    const auth = new ReusedClientsAuthentication({});
    const first = await clientFor(auth, 'https://smba.example/0/');
    for (let i = 1; i <= 64; i++) await clientFor(auth, `https://smba.example/${i}/`);
    const newest = await clientFor(auth, 'https://smba.example/64/');
    expect(await clientFor(auth, 'https://smba.example/64/')).toBe(newest);
    expect(await clientFor(auth, 'https://smba.example/0/')).not.toBe(first);
  });
});
