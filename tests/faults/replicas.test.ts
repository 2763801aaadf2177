// Two Dealroom processes (replicas) on one Redis, with requests alternating between them at the HTTP
// level as a round-robin load balancer would send them: 50 concurrent Accept clicks on one handoff
// give one acceptance, a burst of commands lands once each with the deal consistent, and every SLA
// reminder is sent once although both replicas poll the timers. A slash command's reply comes back in
// its ack (src/slack/slash-answer.ts); handoff cards, click answers and reminders go through the fake
// Web API.
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/core/actions.js';
import type { ChannelId, RoomRef, WorkspaceId } from '../../src/core/ids.js';
import type { Store } from '../../src/core/store-port.js';
import { type FakeSlackApi, startFakeSlackApi } from '../../src/playground/fake-slack-api.js';
import { createRedisStore } from '../../src/store/redis/redis-store.js';
import { callText, childEnv, pool, wholeTimeline } from '../support/fleet.js';
import { type RedisServerHandle, startRedisServer } from '../support/redis-server.js';
import { type ServiceProcess, startServiceProcess } from '../support/service-process.js';
import { ackText, type SlackClient, slackClient } from '../support/slack-client.js';
import { BOT, SECRET, TEAM, USERS } from '../support/slack-harness.js';
import type { Who } from '../support/slack-payloads.js';

const ROOMS = 8;
const TAGS_PER_ROOM = 6;
const CLICKS = 50;

const roomOf = (channel: string): RoomRef => ({
  platform: 'slack',
  workspace: TEAM as WorkspaceId,
  channel: channel as ChannelId,
});
const who = (user: string, channel: string): Who => ({ team: TEAM, user, channel });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('two replicas on one Redis', () => {
  let redis: RedisServerHandle;
  let fake: FakeSlackApi;
  let store: Store;
  const replicas: ServiceProcess[] = [];
  let clients: SlackClient[] = [];
  let turn = 0;
  /** What the click race gave, for the figures the burst test writes. */
  let acceptances = -1;
  /** Round robin: each request goes to the next replica. */
  const next = () => clients[turn++ % clients.length]!;

  beforeAll(async () => {
    redis = await startRedisServer();
    fake = await startFakeSlackApi({ teamId: TEAM, botUserId: BOT, users: USERS });
    store = createRedisStore({ url: redis.url });
    const env = childEnv(fake, redis.url, { HANDOFF_SLA: '8s' });
    replicas.push(...(await Promise.all([startServiceProcess(env), startServiceProcess(env)])));
    clients = replicas.map((r) => slackClient(r.url, SECRET));
  }, 120_000);
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await store?.close();
    await fake?.close();
    await redis?.stop();
  });

  const postsIn = (channel: string) =>
    fake.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);
  const reminders = () =>
    fake.calls.filter(
      (c) =>
        c.method === 'chat.postMessage' && c.args.channel === 'DUALEX' && callText(c).includes('Reminder'),
    );

  it('50 concurrent Accept clicks over both replicas give exactly one acceptance', {
    timeout: 120_000,
  }, async () => {
    const channel = 'CCLICKS';
    const created = await next().ask(who('USAM', channel), 'new Click race inbound');
    expect(created?.response_type).toBe('in_channel');
    expect(ackText(created)).toContain('Click race');
    // The handoff card is posted (it is updated later), not carried in the ack.
    expect(await next().ask(who('USAM', channel), 'escalate <@UALEX> please take it')).toBeNull();
    await fake.waitFor(() => postsIn(channel).some((c) => callText(c).includes('please take it')), 30_000);
    const snap = await store.loadRoom(roomOf(channel));
    const [handoff] = [...snap.handoffs.values()];
    const value = JSON.stringify({ d: snap.deal!.id, h: handoff!.id });

    // Each click on a copy of its own (message ts): a double click on one copy is dropped before the
    // core by design, and the race to prove is between clicks that all reach it.
    const statuses = await Promise.all(
      Array.from({ length: CLICKS }, (_, i) =>
        next()
          .click(who('UALEX', channel), {
            actionId: ACTION.handoffAccept,
            value,
            messageTs: `1700000000.${String(i).padStart(6, '0')}`,
          })
          .then((r) => r.status),
      ),
    );
    expect(statuses.every((s) => s === 200)).toBe(true);
    // Every click is answered: one with the acceptance, the others privately.
    const ephemeral = () =>
      fake.callsTo('chat.postEphemeral').filter((c) => c.args.channel === channel && c.args.user === 'UALEX');
    const accepted = () => postsIn(channel).filter((c) => /accepted/i.test(callText(c)));
    await fake.waitFor(() => ephemeral().length + accepted().length >= CLICKS, 60_000);
    await sleep(1_000);
    acceptances = accepted().length;
    expect(accepted()).toHaveLength(1);
    expect(ephemeral()).toHaveLength(CLICKS - 1);
    for (const c of ephemeral()) expect(callText(c)).toContain('This handoff is no longer open');

    const after = await store.loadRoom(roomOf(channel));
    expect(after.handoffs.get(handoff!.id)?.state).toBe('accepted');
    expect(after.deal!.owner.user).toBe('UALEX');
    const entries = await wholeTimeline(store, after.deal!.id);
    expect(entries.filter((e) => e.kind === 'handoff-accepted')).toHaveLength(1);
    expect(entries.filter((e) => e.kind === 'handoff-declined' || e.kind === 'handoff-reassigned')).toEqual(
      [],
    );
  });

  it('applies an alternating burst once each, keeps deals consistent, and sends each reminder once', {
    timeout: 180_000,
  }, async () => {
    const channels = Array.from({ length: ROOMS }, (_, i) => `CREP${i}`);
    for (const [i, channel] of channels.entries()) {
      const created = await next().ask(who('USAM', channel), `new Replica deal ${i} inbound`);
      expect(created?.response_type).toBe('in_channel');
      expect(ackText(created)).toContain(`Replica deal ${i}`);
    }
    const base = new Map<string, number>();
    for (const c of channels) base.set(c, (await store.loadRoom(roomOf(c))).deal!.version);

    const burst: { token: string; channel: string; text: string }[] = [];
    for (let k = 0; k <= TAGS_PER_ROOM; k++) {
      for (const channel of channels) {
        const token = `tok${channel}x${k}`;
        const text = k === 0 ? `escalate <@UALEX> ${token} ready` : `tag <@UANA> ${token} have a look`;
        burst.push({ token, channel, text });
      }
    }
    const results = await pool(
      burst.map((c) => () => next().command(who('USAM', c.channel), c.text)),
      8,
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    // Every command was confirmed to its room: a tag in its ack's reply to the room, an escalation by
    // its handoff card posted there (a reply past the ack deadline would be posted there too).
    const inAck = burst.filter(
      (c, i) => results[i]!.ack?.response_type === 'in_channel' && ackText(results[i]!.ack).includes(c.token),
    );
    const inRoom = (c: (typeof burst)[number]) =>
      postsIn(c.channel).some((call) => callText(call).includes(c.token));
    await fake.waitFor(() => burst.every((c) => inAck.includes(c) || inRoom(c)), 90_000);
    expect(inAck.length).toBeGreaterThan(0);
    await fake.waitFor(() => reminders().length >= ROOMS, 90_000);
    // A few more timer polls on both replicas: a second reminder would show up now. Then stop them,
    // so that what is read below is one state.
    await sleep(2_500);
    await Promise.all(replicas.map((r) => r.stop()));

    const texts: string[] = [];
    for (const channel of channels) {
      const snap = await store.loadRoom(roomOf(channel));
      const entries = await wholeTimeline(store, snap.deal!.id);
      for (const e of entries) {
        if (e.kind === 'tag') texts.push(e.text);
        if (e.kind === 'handoff-requested') texts.push(e.note);
      }
      const requested = entries.filter((e) => e.kind === 'handoff-requested');
      expect(requested).toHaveLength(1);
      expect(entries.filter((e) => e.kind === 'handoff-reminded')).toHaveLength(1);
      expect(snap.handoffs.size).toBe(1);
      // Version: one per change of the deal (tags append without one, unless Ana joins: once).
      const changes = entries.slice(1).filter((e) => e.kind !== 'tag').length;
      expect(snap.deal!.version).toBe(base.get(channel)! + changes + 1);
      expect(snap.deal!.members.map((m) => m.person.user).sort()).toEqual(['UALEX', 'UANA', 'USAM']);
    }
    const counts = burst.map((c) => texts.filter((t) => t.includes(`${c.token} `)).length);
    expect(counts.filter((n) => n !== 1)).toEqual([]);
    expect(reminders()).toHaveLength(ROOMS);
    const perDeal = new Set(reminders().map((r) => /Replica deal \d+/.exec(callText(r))?.[0]));
    expect(perDeal.size).toBe(ROOMS);

    mkdirSync('test-artifacts', { recursive: true });
    writeFileSync(
      'test-artifacts/fault-replicas.json',
      `${JSON.stringify({ replicas: 2, clicks: CLICKS, acceptances, commands: burst.length, confirmedInAck: inAck.length, confirmedByWebApi: burst.length - inAck.length, appliedOnce: counts.filter((n) => n === 1).length, handoffs: ROOMS, reminders: reminders().length }, null, 2)}\n`,
    );
  });
});
