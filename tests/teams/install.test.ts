// Install and membership events (recorded conversationUpdate payloads): a welcome card when the bot
// is added, a stored conversation reference in every case, and proactive posts through it later.
import express from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelId, WorkspaceId } from '../../src/core/ids.js';
import { notice } from '../../src/core/views.js';
import { createFakeConnector } from '../../src/playground/fake-connector.js';
import { cardOf, cardText } from '../support/teams-find.js';
import { expectEveryCardValid } from '../support/teams-flows.js';
import { fixture, type Json, startTeams, type TeamsHarness } from '../support/teams-harness.js';

let h: TeamsHarness;
beforeEach(async () => {
  h = await startTeams();
});
afterEach(async () => {
  expectEveryCardValid(h);
  await h.close();
});

const storedConversation = async (id: string) => {
  const raw = await h.store.getRef('teams:conv', id);
  return raw === null ? null : (JSON.parse(raw) as Json);
};

describe('Teams install', () => {
  it('welcomes a team once when the bot is added, saying how to start', async () => {
    const added = fixture('teams-conversationupdate-bot-added-to-team');
    const conversation = added.conversation as Json;
    expect((await h.post(added)).status).toBe(200);
    expect(h.connector.sent).toHaveLength(1);
    const welcome = h.connector.sent[0]!;
    expect(welcome.conversationId).toBe(conversation.id);
    const card = cardOf(welcome.activity);
    expect(card.fallbackText).toBe('Dealroom is here: type @Dealroom help to start.');
    expect(cardText(card)).toContain('@Dealroom new Acme expansion outbound');
    expect(await storedConversation(conversation.id as string)).toEqual({
      serviceUrl: h.connector.url,
      tenantId: conversation.tenantId,
      conversationId: conversation.id,
      conversationType: 'channel',
      bot: added.recipient,
    });

    await h.post(added);
    expect(h.connector.sent).toHaveLength(1);

    // Hours later, with no inbound activity in between, a notification reaches the channel as a new post.
    const room = {
      platform: 'teams' as const,
      workspace: conversation.tenantId as WorkspaceId,
      channel: conversation.id as ChannelId,
    };
    await h.service.dispatcher.deliver({
      notifications: [{ to: { kind: 'room', room }, view: notice('info', 'A reminder for the room.') }],
      updates: [],
    });
    expect(h.connector.sent).toHaveLength(2);
    expect(h.connector.sent[1]).toMatchObject({ conversationId: conversation.id });
    expect(cardText(cardOf(h.connector.sent[1]!.activity))).toBe('A reminder for the room.');
  });

  it('stores the reference but says nothing when someone else joins a team or a group chat', async () => {
    for (const name of [
      'teams-conversationupdate-member-added-team',
      'teams-conversationupdate-member-added-groupchat',
    ]) {
      const event = fixture(name);
      expect((await h.post(event)).status).toBe(200);
      expect(await storedConversation((event.conversation as Json).id as string)).toMatchObject({
        serviceUrl: h.connector.url,
        bot: { id: (event.recipient as Json).id },
      });
    }
    expect(h.connector.events).toEqual([]);
  });
});

describe('the fake connector', () => {
  it('mounts as a router too, and tells subscribers what the bot did', async () => {
    const connector = createFakeConnector();
    const seen: string[] = [];
    const stop = connector.subscribe((e) => seen.push(e.kind));
    const app = express();
    app.use('/connector', connector.router);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const { port } = server.address() as { port: number };
    try {
      const res = await fetch(`http://127.0.0.1:${port}/connector/v3/conversations/a%3A1/activities`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'hi' }),
      });
      expect(res.status).toBe(201);
      expect(connector.sent).toEqual([
        expect.objectContaining({ conversationId: 'a:1', activity: { type: 'message', text: 'hi' } }),
      ]);
      expect(seen).toEqual(['send']);
      stop();
    } finally {
      server.close();
    }
  });
});
