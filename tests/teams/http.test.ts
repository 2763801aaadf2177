// /api/messages as an HTTP endpoint: malformed requests get a 4xx and a sentence, Bot Framework auth
// is enforced when an app id is configured (fast, even with the OpenID metadata out of reach), and
// an unexpected failure inside a turn still answers the person with one sentence.
import { afterEach, describe, expect, it } from 'vitest';
import { StoreUnavailableError, userSentenceFor } from '../../src/core/errors.js';
import type { Store } from '../../src/core/store-port.js';
import { cardOf, cardText } from '../support/teams-find.js';
import { expectEveryCardValid } from '../support/teams-flows.js';
import {
  AT_BOT,
  channel,
  type Json,
  startTeams,
  type TeamsHarness,
  teamsUser,
  text,
} from '../support/teams-harness.js';

const APP_ID = '3f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b';
const AUTH_ENV = {
  MICROSOFT_APP_ID: APP_ID,
  MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
  MICROSOFT_APP_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47',
};

const b64url = (x: object) => Buffer.from(JSON.stringify(x)).toString('base64url');
/** A well-formed JWT from the right issuer, for this bot, but signed by nobody the channel trusts. */
const forgedToken = () =>
  [
    b64url({ alg: 'RS256', typ: 'JWT', kid: 'forged-key' }),
    b64url({ iss: 'https://api.botframework.com', aud: APP_ID, exp: Math.floor(Date.now() / 1000) + 3600 }),
    Buffer.from('not a signature').toString('base64url'),
  ].join('.');

let h: TeamsHarness | undefined;
afterEach(async () => {
  if (h) expectEveryCardValid(h);
  await h?.close();
  h = undefined;
});

async function raw(body: string, contentType = 'application/json') {
  const res = await fetch(`${h!.service.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });
  return { status: res.status, body: (await res.json()) as Json };
}

describe('POST /api/messages', () => {
  it('answers malformed JSON and non-activities with a 4xx and a sentence', async () => {
    h = await startTeams();
    for (const [body, type] of [
      ['{"type": "message", ', 'application/json'],
      ['[]', 'application/json'],
      ['{}', 'application/json'],
      ['{"type":"message","serviceUrl":"ftp://x","channelId":"msteams"}', 'application/json'],
      ['type=message', 'application/x-www-form-urlencoded'],
    ] as const) {
      const res = await raw(body, type);
      expect(res.status, body).toBe(400);
      expect(res.body.error, body).toMatch(
        /^The request body (is not valid JSON|must be a Bot Framework activity)/,
      );
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(js|ts):\d+/);
    }
    expect((await raw(JSON.stringify({ pad: 'x'.repeat(300_000) }))).status).toBe(413);
    expect(h.connector.events).toEqual([]);
  });

  it('accepts unsigned requests when no app id is configured (local use)', async () => {
    h = await startTeams();
    const res = await h.post(h.roomMessage(channel(), teamsUser('Sam'), text`${AT_BOT} help`));
    expect(res.status).toBe(200);
    expect(cardText(cardOf(h.connector.sent[0]!.activity))).toContain('Dealroom commands');
  });

  it('with an app id, refuses missing, garbage and forged tokens with a fast 401', async () => {
    h = await startTeams({ env: AUTH_ENV });
    const room = channel();
    const activity = h.roomMessage(room, teamsUser('Sam'), text`${AT_BOT} new Stolen deal`);
    for (const authorization of [
      undefined,
      'Basic c2FtOnB3',
      'Bearer garbage',
      'Bearer a.b.c',
      `Bearer ${forgedToken()}`,
    ]) {
      const started = Date.now();
      const res = await h.post(activity, authorization ? { authorization } : {});
      expect(res.status, authorization).toBe(401);
      expect(res.body?.error).toBe(
        'Unauthorized: this endpoint accepts only requests signed by the Bot Framework for this bot.',
      );
      // Generous: the forged token may wait for the (unreachable) signing keys, bounded at 5 s.
      expect(Date.now() - started).toBeLessThan(9_000);
    }
    expect(h.connector.events).toEqual([]);
    const snap = await h.store.loadRoom({
      platform: 'teams',
      workspace: (activity.conversation as Json).tenantId as never,
      channel: room.id as never,
    });
    expect(snap.deal).toBeNull();
  });

  it('tells the person one sentence when the store is down, for a message and for a click', async () => {
    const failing = (s: Store): Store =>
      new Proxy(s, {
        get(target, prop, receiver) {
          if (prop === 'loadRoom' || prop === 'loadDeal')
            return () => Promise.reject(new StoreUnavailableError('redis timed out after 2000 ms'));
          return Reflect.get(target, prop, receiver);
        },
      });
    h = await startTeams({ wrapStore: failing });
    const room = channel();
    const sam = teamsUser('Sam');
    const res = await h.post(h.roomMessage(room, sam, text`${AT_BOT} status`));
    expect(res.status).toBe(200);
    const said = cardText(cardOf(h.connector.sent[0]!.activity));
    expect(said).toBe(userSentenceFor(new StoreUnavailableError('x')));
    expect(said).not.toContain('redis timed out');

    const click = await h.post(
      h.invoke(room.id, sam, {
        verb: 'handoff.accept',
        data: { dealroom: 'handoff.accept', d: 'D-AAAAAA', h: 'abc' },
      }),
    );
    expect(click.status).toBe(200);
    expect(click.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(cardText(click.body?.value as Json)).toBe(userSentenceFor(new StoreUnavailableError('x')));
  });
});
