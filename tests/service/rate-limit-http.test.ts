// Rate limits through the real service over HTTP: signed Slack slash commands, clicks and channel
// messages, and Teams activities and invokes. Over the limit a person gets the sentence, and nothing
// is written: the deal's version and timeline stay as they were, and no card or reaction goes out.
// A slash command's answer (the sentence included) comes back in its ack (src/slack/slash-answer.ts);
// a click's answer and the notifications go through the fake Web API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/core/actions.js';
import type { ChannelId, RoomRef, WorkspaceId } from '../../src/core/ids.js';
import type { Store } from '../../src/core/store-port.js';
import { type SlackHarness, startSlackHarness, TEAM, textOf } from '../support/slack-harness.js';
import { cardOf, cardText, inConversation } from '../support/teams-find.js';
import { dmWith, roomRef, say, settle } from '../support/teams-flows.js';
import {
  AT_BOT,
  channel,
  type Json,
  startTeams,
  type TeamsHarness,
  teamsUser,
  text,
} from '../support/teams-harness.js';

// Real time here (Slack's harness has no fake clock): a token comes back every 15 minutes, far longer
// than the test, however slow the machine.
const LIMITED =
  /^⚠️ You're sending commands faster than Dealroom accepts \(4 an hour\); try again in \d+ minutes\.$/;

async function dealState(store: Store, room: RoomRef) {
  const deal = (await store.loadRoom(room)).deal;
  if (!deal) throw new Error('no deal in the room');
  const page = await store.timeline(deal.id, { filter: 'all', limit: 100 });
  return { version: deal.version, entries: page.entries.length };
}

describe('rate limits before a Slack channel is created', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness({ env: { RATE_LIMIT_USER: '1/1h', RATE_LIMIT_ROOM: 'off' } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('refuses `new … --channel` over the limit without creating the channel', async () => {
    const sam = h.who('USAM', 'CHOME');
    await h.ask(sam, 'new First deal --channel');
    await h.fake.waitFor((calls) => calls.some((c) => c.method === 'conversations.create' && c.ok));
    const created = h.fake.callsTo('conversations.create').length;
    const answer = await h.ask(sam, 'new Second deal --channel');
    expect(textOf(answer?.blocks)).toMatch(
      /^⚠️ You're sending commands faster than Dealroom accepts \(1 an hour\)/,
    );
    expect(answer?.response_type).toBe('ephemeral');
    expect(h.fake.callsTo('conversations.create')).toHaveLength(created);
  });
});

describe('rate limits over Slack HTTP', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness({
      store: 'redis',
      env: { RATE_LIMIT_USER: '4/1h', RATE_LIMIT_ROOM: 'off' },
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  const room: RoomRef = { platform: 'slack', workspace: TEAM as WorkspaceId, channel: 'CLIMIT' as ChannelId };
  const ephemeralsTo = (user: string) =>
    h.fake.callsTo('chat.postEphemeral').filter((c) => c.args.channel === 'CLIMIT' && c.args.user === user);

  it('answers the fifth command in an hour with the sentence and writes nothing', async () => {
    const sam = h.who('USAM', 'CLIMIT');
    // Each command runs before its ack, which carries its answer: four within the limit (listening
    // is on already in a new room, so `listen on` is answered with a notice saying so).
    for (const cmd of ['new Limited deal', 'listen on', 'tag <@UANA> one', 'tag <@UANA> two']) {
      const answer = await h.ask(sam, cmd);
      expect(answer, cmd).not.toBeNull();
      expect(textOf(answer?.blocks), cmd).not.toMatch(/faster than Dealroom accepts/);
    }
    const postsIn = (channel: string) =>
      h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);
    // Everything the four commands send through the Web API has gone out: Ana's two notifications.
    await h.fake.waitFor(() => postsIn('DUANA').length >= 2);
    const before = await dealState(h.store, room);
    expect(before.entries).toBeGreaterThanOrEqual(3);
    const posts = h.fake.callsTo('chat.postMessage').length;
    const acks = h.acks.length;
    const answered = ephemeralsTo('USAM').length;

    // A typed command, then a button click: both refused with the sentence, only Sam sees it (the
    // command's in its ephemeral ack, the click's through chat.postEphemeral).
    const refused = await h.ask(sam, 'tag <@UANA> three');
    expect(refused?.response_type).toBe('ephemeral');
    expect(textOf(refused?.blocks)).toMatch(LIMITED);
    const click = await h.click(sam, {
      actionId: ACTION.timelineFilter,
      value: JSON.stringify({ f: 'tags' }),
    });
    expect(click.status).toBe(200);
    await h.fake.waitFor(() => ephemeralsTo('USAM').length >= answered + 1);
    expect(textOf(ephemeralsTo('USAM')[answered]?.args.blocks)).toMatch(LIMITED);

    // A plain message that would be a tag: not recorded, not answered, no 🏷️.
    expect((await h.message(sam, '<@UANA> can you look at their pricing page?')).status).toBe(200);
    // Someone else's command goes through: the events before it have been handled.
    const bob = h.who('UBOB', 'CLIMIT');
    const timeline = await h.ask(bob, 'timeline');
    expect(timeline?.response_type).toBe('ephemeral');
    expect(textOf(timeline?.blocks)).toContain('one');
    expect(textOf(timeline?.blocks)).not.toMatch(/faster than Dealroom accepts/);
    // Sam was told twice (the refused command and the refused click), and nothing else went anywhere:
    // no other ack with a reply but Bob's, no ephemeral, no post, no reaction.
    expect(h.acks.slice(acks)).toEqual([refused, timeline]);
    expect(ephemeralsTo('USAM')).toHaveLength(answered + 1);
    expect(h.fake.callsTo('chat.postEphemeral')).toHaveLength(answered + 1);
    expect(h.fake.callsTo('reactions.add')).toEqual([]);
    expect(h.fake.callsTo('chat.postMessage').length).toBe(posts);
    expect(await dealState(h.store, room)).toEqual(before);
  });
});

describe('rate limits over Teams HTTP', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeams({
      store: 'redis',
      env: { RATE_LIMIT_USER: '4/1m', RATE_LIMIT_ROOM: '6/1m' },
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  const only = (replies: { activity: Json }[]) => {
    expect(replies).toHaveLength(1);
    return cardText(cardOf(replies[0]!.activity));
  };

  it('answers over the person’s limit with the sentence, on messages and clicks, and writes nothing', async () => {
    const room = channel();
    const sam = teamsUser('Sam');
    const ana = teamsUser('Ana');
    await say(h, room, sam, text`${AT_BOT} new Limited deal`);
    await say(h, room, sam, text`${AT_BOT} listen on`);
    await say(h, room, sam, text`${AT_BOT} tag ${ana} one`);
    await say(h, room, sam, text`${AT_BOT} tag ${ana} two`);
    // Ana's two tag notifications have reached her 1:1 chat: what follows is all there is.
    await settle(() => expect(inConversation(h.connector.sent, dmWith(h, ana) ?? '')).toHaveLength(2));
    const before = await dealState(h.store, roomRef(room));
    const sent = h.connector.sent.length;

    const refused = await say(h, room, sam, text`${AT_BOT} tag ${ana} three`);
    // The fake clock stands still: one token comes back 15 s (a minute / 4) after the last one.
    expect(only(refused.replies)).toContain(
      "You're sending commands faster than Dealroom accepts (4 a minute); try again in 15 seconds.",
    );
    const click = await h.post(
      h.invoke(refused.conversationId, sam, { verb: ACTION.timelineFilter, data: { f: 'tags' } }),
    );
    expect(click.status).toBe(200);
    expect(cardText(click.body?.value as Json)).toContain('faster than Dealroom accepts (4 a minute)');
    // Overheard, over the limit: ignored silently.
    const overheard = await say(h, room, sam, text`${ana} could you check the pricing page?`);
    expect(overheard.replies).toEqual([]);
    expect(await dealState(h.store, roomRef(room))).toEqual(before);
    expect(h.connector.sent.length).toBe(sent + 1); // only the sentence

    h.clock.now += 15_000;
    const again = await say(h, room, sam, text`${AT_BOT} tag ${ana} three`);
    expect(only(again.replies)).not.toContain('faster than Dealroom accepts');
    expect((await dealState(h.store, roomRef(room))).entries).toBe(before.entries + 1);
  });

  it('limits a busy room across people with its own sentence', async () => {
    const room = channel();
    const people = Array.from({ length: 4 }, (_, i) => teamsUser(`P${i}`));
    const [first, ...rest] = people;
    await say(h, room, first!, text`${AT_BOT} new Busy room deal`);
    for (const p of rest) await say(h, room, p, text`${AT_BOT} status`);
    await say(h, room, first!, text`${AT_BOT} status`);
    await say(h, room, rest[0]!, text`${AT_BOT} status`);
    const before = await dealState(h.store, roomRef(room));
    const seventh = await say(h, room, rest[1]!, text`${AT_BOT} stage next`);
    expect(only(seventh.replies)).toContain(
      'This room is sending commands faster than Dealroom accepts (6 a minute); try again in 10 seconds.',
    );
    expect(await dealState(h.store, roomRef(room))).toEqual(before);
  });
});
