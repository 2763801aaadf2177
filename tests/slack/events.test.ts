// Events API through the real service: app mentions run commands, plain messages in deal rooms are
// listened to, and retried deliveries (x-slack-retry-num) have one effect, on Redis.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelId, DealId, RoomRef, WorkspaceId } from '../../src/core/ids.js';
import { BOT, type SlackHarness, startSlackHarness, TEAM, textOf } from '../support/slack-harness.js';
import { fixture, newEventId } from '../support/slack-payloads.js';
import { checkSentPayloads } from '../support/slack-schemas.js';

const roomOf = (channel: string): RoomRef => ({
  platform: 'slack',
  workspace: TEAM as WorkspaceId,
  channel: channel as ChannelId,
});

describe('Slack events over HTTP', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness({ store: 'redis' });
  });
  afterAll(async () => {
    await h?.close();
  });

  const postsIn = (channel: string) =>
    h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);
  const tags = async (channel: string) => {
    const deal = (await h.store.loadRoom(roomOf(channel))).deal;
    return (await h.store.timeline(deal?.id as DealId, { filter: 'tags', limit: 20 })).entries;
  };
  /** Something that must NOT happen needs a moment to (not) happen; then a sentinel proves the queue moved. */
  async function settle(channel: string, user: string) {
    // An app mention: its answer takes the Web API, behind whatever the events before it sent.
    const before = h.fake.callsTo('chat.postEphemeral').length;
    await h.mention(h.who(user, channel), `<@${BOT}> help`);
    await h.fake.waitFor(() => h.fake.callsTo('chat.postEphemeral').length > before);
  }
  async function dealRoom(channel: string) {
    // The summary is the ack's answer (in the channel): nothing is posted for it.
    expect((await h.ask(h.who('USAM', channel), `new Deal of ${channel}`))?.response_type).toBe('in_channel');
  }

  it('replays Slack’s recorded legacy app_mention (no authorizations) as a command', async () => {
    const body = fixture('slack-app-mention-event-callback.json');
    body.team_id = TEAM;
    body.event_id = newEventId();
    body.authed_users = [BOT];
    const event = body.event as Record<string, unknown>;
    Object.assign(event, { text: `<@${BOT}> help`, user: 'USAM', team: TEAM, channel: 'CLEGACY' });
    delete event.blocks;
    expect((await h.event(body)).status).toBe(200);
    await h.fake.waitFor((calls) =>
      calls.some((c) => c.method === 'chat.postEphemeral' && c.args.channel === 'CLEGACY'),
    );
    const reply = h.fake.callsTo('chat.postEphemeral').find((c) => c.args.channel === 'CLEGACY');
    expect(reply?.args.user).toBe('USAM');
    expect(textOf(reply?.args.blocks)).toContain('Dealroom commands');
  });

  it('runs a retried app mention once, and does not answer the retries', async () => {
    await dealRoom('CRETRY');
    const who = h.who('USAM', 'CRETRY');
    const eventId = newEventId();
    const send = (retryNum?: number) =>
      h.mention(who, `<@${BOT}> tag <@UANA> please size the market`, {
        eventId,
        ts: '1700000200.000100',
        ...(retryNum ? { retryNum } : {}),
      });
    expect((await send()).status).toBe(200);
    await h.fake.waitFor(() => postsIn('CRETRY').length >= 1);
    // Slack retries after it missed an ack: the same event id, later, and once more at the same time.
    const retries = await Promise.all([send(1), send(2)]);
    expect(retries.map((r) => r.status)).toEqual([200, 200]);
    await settle('CRETRY', 'USAM');
    expect(await tags('CRETRY')).toHaveLength(1);
    expect(postsIn('CRETRY')).toHaveLength(1);
    expect(
      postsIn('DUANA').filter((c) => textOf(c.args.blocks).includes('please size the market')),
    ).toHaveLength(1);
    // Nothing said to the retries either: the only private answer is the sentinel's help.
    const answers = h.fake.callsTo('chat.postEphemeral').filter((c) => c.args.channel === 'CRETRY');
    expect(answers.map((c) => textOf(c.args.blocks))).toEqual([expect.stringContaining('Dealroom commands')]);
  });

  it('runs a retry of a delivery that failed before it wrote anything', async () => {
    // The first delivery never got as far as the core (here: it never arrived); the retry runs.
    const who = h.who('USAM', 'CLATE');
    await h.mention(who, `<@${BOT}> new Late deal`, { eventId: newEventId(), retryNum: 1 });
    await h.fake.waitFor(() => postsIn('CLATE').length >= 1);
    expect((await h.store.loadRoom(roomOf('CLATE'))).deal?.name).toBe('Late deal');
  });

  it('records a message mentioning a teammate in a deal room as a tag, once, even when retried', async () => {
    await dealRoom('CLISTEN');
    const who = h.who('USAM', 'CLISTEN');
    const eventId = newEventId();
    await h.message(who, 'hey <@UANA> can you check the EMEA numbers?', { eventId, ts: '1700000300.000100' });
    await h.message(who, 'hey <@UANA> can you check the EMEA numbers?', {
      eventId,
      ts: '1700000300.000100',
      retryNum: 1,
    });
    await h.fake.waitFor((calls) =>
      calls.some((c) => c.method === 'reactions.add' && c.args.channel === 'CLISTEN'),
    );
    await settle('CLISTEN', 'USAM');
    const entries = await tags('CLISTEN');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      kind: 'tag',
      text: 'hey @Ana can you check the EMEA numbers?',
      permalink: expect.stringContaining('/archives/CLISTEN/p1700000300000100'),
    });
    expect(h.fake.callsTo('reactions.add').filter((c) => c.args.channel === 'CLISTEN')).toHaveLength(1);
    // No bot reply in the room for an overheard message: the 🏷️ says it was recorded.
    expect(postsIn('CLISTEN')).toHaveLength(0);
  });

  it('ignores edits, bot posts, messages without mentions and messages outside deal rooms', async () => {
    await dealRoom('CQUIET');
    const who = h.who('USAM', 'CQUIET');
    await h.message(who, '<@UANA> edited text', { extra: { subtype: 'message_changed' } });
    await h.message(who, '<@UANA> from a bot', { extra: { bot_id: 'B123' } });
    await h.message(who, 'no mention here, just chatting');
    await h.message(h.who('USAM', 'CNOTADEAL'), '<@UANA> please look at this');
    await settle('CQUIET', 'USAM');
    await settle('CNOTADEAL', 'USAM');
    expect(await tags('CQUIET')).toHaveLength(0);
    expect((await h.store.loadRoom(roomOf('CNOTADEAL'))).deal).toBeNull();
    expect(
      h.fake
        .callsTo('reactions.add')
        .filter((c) => ['CQUIET', 'CNOTADEAL'].includes(c.args.channel as string)),
    ).toHaveLength(0);
  });

  it('counts a message that mentions the bot once: as the command, not also as a tag', async () => {
    await dealRoom('CBOTH');
    const who = h.who('USAM', 'CBOTH');
    const text = `<@${BOT}> tag <@UANA> look at pricing`;
    await h.message(who, text, { ts: '1700000400.000100' });
    await h.mention(who, text, { ts: '1700000400.000100' });
    await h.fake.waitFor(() => postsIn('CBOTH').length >= 1);
    await settle('CBOTH', 'USAM');
    expect(await tags('CBOTH')).toHaveLength(1);
    expect(h.fake.callsTo('reactions.add').filter((c) => c.args.channel === 'CBOTH')).toHaveLength(0);
  });

  it('stops listening after listen off, and starts again after listen on', async () => {
    await dealRoom('CTOGGLE');
    const who = h.who('USAM', 'CTOGGLE');
    expect(textOf((await h.ask(who, 'listen off'))?.blocks)).not.toBe('');
    await h.message(who, '<@UANA> while listening is off');
    await settle('CTOGGLE', 'USAM');
    expect(await tags('CTOGGLE')).toHaveLength(0);
    await h.mention(who, `<@${BOT}> listen on`);
    await h.fake.waitFor(() => postsIn('CTOGGLE').length >= 1);
    await h.message(who, '<@UANA> now it counts');
    await h.fake.waitFor((calls) =>
      calls.some((c) => c.method === 'reactions.add' && c.args.channel === 'CTOGGLE'),
    );
    expect((await tags('CTOGGLE')).map((e) => (e.kind === 'tag' ? e.text : ''))).toEqual([
      '@Ana now it counts',
    ]);
  });

  it('sent only valid Block Kit', () => {
    expect(checkSentPayloads(h.fake.calls, h.acks).failures).toEqual([]);
  });
});
