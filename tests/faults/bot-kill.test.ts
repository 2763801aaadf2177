// The bot process is killed (kill -9) in the middle of a burst of signed Slack slash commands and
// started again. Dealroom runs a slash command before it acks it and answers in the ack's body
// (src/slack/slash-answer.ts); a handoff card, and a reply that missed the 2 s deadline, go through
// the Web API instead. So what a person has been told is an ack carrying the reply, or the reply
// posted in the room at the fake Web API; an empty 200 ack tells nobody anything (Slack shows nothing)
// and confirms nothing. Every command confirmed either way before the crash is on the timeline exactly
// once; a command the crash cut off is either wholly there or not at all (deal version, timeline,
// handoffs and inbox agree); and the SLA timers of handoffs made before the crash fire once, after the
// restart.
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelId, DealId, RoomRef, UserId, WorkspaceId } from '../../src/core/ids.js';
import type { Store } from '../../src/core/store-port.js';
import { type FakeSlackApi, startFakeSlackApi } from '../../src/playground/fake-slack-api.js';
import { createRedisStore } from '../../src/store/redis/redis-store.js';
import { callText, childEnv, pool, wholeTimeline } from '../support/fleet.js';
import { type RedisServerHandle, startRedisServer } from '../support/redis-server.js';
import { type ServiceProcess, startServiceProcess } from '../support/service-process.js';
import { ackText, type SlashResult, slackClient } from '../support/slack-client.js';
import { BOT, SECRET, TEAM, USERS } from '../support/slack-harness.js';
import type { Who } from '../support/slack-payloads.js';

const ROOMS = 12;
const TAGS_PER_ROOM = 8;
/** The burst's HTTP answers after which the process dies: well inside the burst. */
const KILL_AFTER = 40;
const SLA_MS = 10_000;

const roomOf = (channel: string): RoomRef => ({
  platform: 'slack',
  workspace: TEAM as WorkspaceId,
  channel: channel as ChannelId,
});
const channels = Array.from({ length: ROOMS }, (_, i) => `CKILL${i}`);
const who = (user: string, channel: string): Who => ({ team: TEAM, user, channel });

describe('bot process killed mid-burst', () => {
  let redis: RedisServerHandle;
  let fake: FakeSlackApi;
  let bot: ServiceProcess | undefined;
  let store: Store;
  beforeAll(async () => {
    redis = await startRedisServer();
    fake = await startFakeSlackApi({ teamId: TEAM, botUserId: BOT, users: USERS });
    store = createRedisStore({ url: redis.url });
  });
  afterAll(async () => {
    await bot?.stop();
    await store?.close();
    await fake?.close();
    await redis?.stop();
  });

  it('keeps every confirmed command once, half-applies nothing, and fires pending SLA timers once', {
    timeout: 240_000,
  }, async () => {
    bot = await startServiceProcess(childEnv(fake, redis.url, { HANDOFF_SLA: `${SLA_MS / 1_000}s` }));
    const slack = slackClient(bot.url, SECRET);
    const postsIn = (channel: string) =>
      fake.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);

    // Setup, confirmed one by one in the acks: an inbound deal (at Qualify, so it can be escalated)
    // per room.
    for (const [i, channel] of channels.entries()) {
      const created = await slack.ask(who('USAM', channel), `new Kill deal ${i} inbound`);
      expect(created?.response_type).toBe('in_channel');
      expect(ackText(created)).toContain(`Kill deal ${i}`);
    }
    const deals = new Map<string, DealId>();
    const base = new Map<string, number>();
    for (const channel of channels) {
      const deal = (await store.loadRoom(roomOf(channel))).deal!;
      deals.set(channel, deal.id);
      expect(await wholeTimeline(store, deal.id)).toHaveLength(1);
      base.set(channel, deal.version);
    }

    // The burst: per room an escalation (an SLA timer) and tags, interleaved across rooms, each
    // command with a token of its own so its confirmation and its entry can be found.
    const burst: { token: string; channel: string; text: string }[] = [];
    for (let k = 0; k <= TAGS_PER_ROOM; k++) {
      for (const channel of channels) {
        const token = `tok${channel}x${k}`;
        const text =
          k === 0 ? `escalate <@UALEX> ${token} champion found` : `tag <@UANA> ${token} please look`;
        burst.push({ token, channel, text });
      }
    }
    let answered = 0;
    let killed: Promise<void> | undefined;
    const results = await pool(
      burst.map((c) => async (): Promise<SlashResult> => {
        try {
          const res = await slack.command(who('USAM', c.channel), c.text);
          if (++answered === KILL_AFTER) killed = bot!.kill9();
          return res;
        } catch {
          // The connection died with the process: the command was never acked, nobody was told.
          return { status: 0, ack: null };
        }
      }),
      6,
    );
    await killed;
    const status = results.map((r) => r.status);
    expect(status.some((s) => s >= 500)).toBe(false);
    // Told in the ack: the reply to the room (a refusal would be ephemeral, and is no confirmation).
    const inAck = (c: (typeof burst)[number], i: number) => {
      const r = results[i]!;
      return r.status === 200 && r.ack?.response_type === 'in_channel' && ackText(r.ack).includes(c.token);
    };
    // Told through the Web API, before the crash (every call recorded by now was made before it): the
    // handoff card posted in the room, or a reply posted there after the ack deadline. Notifications
    // to other people (Ana's and Alex's DMs) are not what the person who typed the command was told.
    const inRoom = (c: (typeof burst)[number]) =>
      postsIn(c.channel).some((call) => callText(call).includes(c.token));
    const confirmedInAck = burst.filter(inAck).map((c) => c.token);
    const confirmedInRoom = burst.filter((c, i) => !inAck(c, i) && inRoom(c)).map((c) => c.token);
    const confirmedBeforeCrash = new Set([...confirmedInAck, ...confirmedInRoom]);
    // A 200 whose ack carried nothing and whose reply did not reach the room before the crash.
    const emptyAcks = burst.filter((c, i) => status[i] === 200 && !confirmedBeforeCrash.has(c.token));

    const crashedAt = Date.now();
    await bot.restart();
    // The process works again: one more tag per room, confirmed in its ack.
    for (const channel of channels) {
      const back = await slack.ask(who('USAM', channel), `tag <@UANA> after${channel} back`);
      expect(back?.response_type).toBe('in_channel');
      expect(ackText(back)).toContain(`after${channel} back`);
    }

    // Every handoff committed gets its reminder once the SLA passes, after the restart.
    const handoffs = new Map<string, string>(); // handoff id → channel
    for (const channel of channels) {
      for (const h of (await store.loadRoom(roomOf(channel))).handoffs.values()) handoffs.set(h.id, channel);
    }
    const reminders = () =>
      fake.calls.filter(
        (c) =>
          c.method === 'chat.postMessage' && c.args.channel === 'DUALEX' && callText(c).includes('Reminder'),
      );
    await fake.waitFor(() => reminders().length >= handoffs.size, 120_000);
    // Two more timer polls: a second firing of any timer would show up now. Then stop the process, so
    // the state read below is one state (its timers would otherwise keep writing while we read).
    await new Promise((r) => setTimeout(r, 2_500));
    await bot.stop();

    const everything: string[] = [];
    let tagEntries = 0;
    for (const channel of channels) {
      const dealId = deals.get(channel)!;
      const deal = (await store.loadRoom(roomOf(channel))).deal!;
      const entries = await wholeTimeline(store, dealId);
      // Nothing half-applied: every commit's version is matched by its entry.
      const snap = await store.loadRoom(roomOf(channel));
      // Nothing half-applied. Every commit that changes the deal adds its version: all but tags,
      // which are plain appends unless they bring someone new into the deal (Ana, once per room).
      const members = new Set(deal.members.map((m) => m.person.user));
      const newcomers = new Set(
        entries.flatMap((e) => (e.kind === 'tag' ? e.mentions.map((p) => p.user) : [])),
      );
      for (const user of newcomers) expect(members.has(user)).toBe(true);
      const changes = entries.slice(1).filter((e) => e.kind !== 'tag').length;
      expect(deal.version).toBe(base.get(channel)! + changes + newcomers.size);
      for (const e of entries) {
        if (e.kind === 'tag') {
          tagEntries++;
          everything.push(e.text);
        }
        if (e.kind === 'handoff-requested') {
          everything.push(e.note);
          expect(snap.handoffs.get(e.handoffId)?.state).toBe('pending');
        }
      }
      const requested = entries.filter((e) => e.kind === 'handoff-requested');
      const reminded = entries.filter((e) => e.kind === 'handoff-reminded');
      expect(requested.length).toBe(snap.handoffs.size);
      expect(reminded.map((e) => (e.kind === 'handoff-reminded' ? e.handoffId : '')).sort()).toEqual(
        requested.map((e) => (e.kind === 'handoff-requested' ? e.handoffId : '')).sort(),
      );
    }
    const tokenCount = (token: string) => everything.filter((t) => t.includes(`${token} `)).length;
    const lost = [...confirmedBeforeCrash].filter((t) => tokenCount(t) === 0);
    const duplicated = burst.filter((c) => tokenCount(c.token) > 1).map((c) => c.token);
    expect(lost).toEqual([]);
    expect(duplicated).toEqual([]);
    // Each tag is in Ana's inbox, each handoff in Alex's: the side writes went with their commits.
    const ana = {
      platform: 'slack' as const,
      workspace: TEAM as WorkspaceId,
      user: 'UANA' as UserId,
      name: 'Ana',
    };
    const alex = { ...ana, user: 'UALEX' as UserId, name: 'Alex' };
    expect((await store.inbox(ana, 5_000)).length).toBe(tagEntries);
    expect((await store.inbox(alex, 5_000)).length).toBe(handoffs.size);
    // One reminder per handoff, never two.
    const perDeal = new Map<string, number>();
    for (const r of reminders()) {
      const name = /Kill deal \d+/.exec(callText(r))?.[0] ?? '?';
      perDeal.set(name, (perDeal.get(name) ?? 0) + 1);
    }
    expect([...perDeal.values()].every((n) => n === 1)).toBe(true);
    expect(reminders()).toHaveLength(handoffs.size);

    const applied = burst.filter((c) => tokenCount(c.token) === 1).length;
    // The crash really cut the burst: some commands never took effect, some did before it.
    expect(applied).toBeLessThan(burst.length);
    expect(confirmedBeforeCrash.size).toBeGreaterThan(0);
    // Both ways of being told were exercised: tags answered in their acks, handoff cards posted.
    expect(confirmedInAck.length).toBeGreaterThan(0);
    expect(confirmedInRoom.length).toBeGreaterThan(0);
    expect(handoffs.size).toBeGreaterThan(0);
    // Timers made before the crash were still pending across it (the SLA is 10 s; the burst far shorter).
    const afterRestart = reminders().filter((c) => c.at > crashedAt).length;
    expect(afterRestart).toBeGreaterThan(0);
    mkdirSync('test-artifacts', { recursive: true });
    writeFileSync(
      'test-artifacts/fault-bot-kill9.json',
      `${JSON.stringify(
        {
          commands: burst.length,
          httpAcked: status.filter((s) => s === 200).length,
          connectionLost: status.filter((s) => s === 0).length,
          confirmedBeforeCrash: confirmedBeforeCrash.size,
          confirmedInAck: confirmedInAck.length,
          confirmedByWebApi: confirmedInRoom.length,
          emptyAcks: emptyAcks.length,
          emptyAcksApplied: emptyAcks.filter((c) => tokenCount(c.token) === 1).length,
          applied,
          appliedUnconfirmed: burst.filter(
            (c) => tokenCount(c.token) === 1 && !confirmedBeforeCrash.has(c.token),
          ).length,
          confirmedLost: lost.length,
          duplicates: duplicated.length,
          handoffs: handoffs.size,
          reminders: reminders().length,
          remindersAfterRestart: afterRestart,
          processStarts: bot.starts,
        },
        null,
        2,
      )}\n`,
    );
  });
});
