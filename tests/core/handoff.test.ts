// Handoffs under concurrency, permissions, the AM pool, and SLA timers that survive a restart.
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createCore } from '../../src/core/core.js';
import { createDispatcher, type PlatformSink } from '../../src/core/dispatch.js';
import type { DealId } from '../../src/core/ids.js';
import type { Store } from '../../src/core/store-port.js';
import type { View } from '../../src/core/views.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { createRedisStore } from '../../src/store/redis/redis-store.js';
import { startTimerLoop } from '../../src/timers/timer-loop.js';
import {
  type Harness,
  harness,
  replyText,
  roomOf,
  SLA,
  STORE_KINDS,
  say,
  T0,
  who,
} from '../support/core-harness.js';

const sdr = who('Sam');
const am = who('Alex');
const am2 = who('Bea');
const boss = who('Mia');
const room = roomOf('C-DEAL');
const silent = pino({ level: 'silent' });

async function qualifiedDeal(h: Harness): Promise<DealId> {
  const asSdr = h.as(sdr, room);
  const created = await asSdr(say`new Initech outbound`);
  await asSdr(say`stage qualify`);
  return created.dealId!;
}

async function escalateTo(h: Harness, target = am): Promise<string> {
  const o = await h.as(sdr, room)(say`escalate ${target} ready for a demo`);
  if (o.reply.kind !== 'handoff') throw new Error(`escalation failed: ${replyText(o)}`);
  return o.reply.handoffId;
}

describe.each(STORE_KINDS)('handoffs (%s store)', (kind) => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('gives exactly one outcome to 50 concurrent accepts and declines from two replicas', async () => {
    h = await harness(kind);
    const dealId = await qualifiedDeal(h);
    await h.as(sdr, room)(say`config managers ${boss}`);
    const handoffId = await escalateTo(h);
    const replicas = [h.core, h.replica()];
    const clicks = Array.from({ length: 50 }, (_, i) => {
      const core = replicas[i % 2]!;
      if (i % 3 === 0)
        return core.execute(h.ctx(am, room), { kind: 'decline', reason: `busy ${i}`, dealId, handoffId });
      return core.execute(h.ctx(i % 3 === 1 ? am : boss, room), { kind: 'accept', dealId, handoffId });
    });
    const outcomes = await Promise.all(clicks);
    const winners = outcomes.filter((o) => !o.readOnly);
    expect(winners).toHaveLength(1);
    const snap = await h.store.loadRoom(room);
    const final = snap.handoffs.get(handoffId)!;
    expect(['accepted', 'declined']).toContain(final.state);
    expect(winners[0]!.entries[0]?.kind).toBe(
      final.state === 'accepted' ? 'handoff-accepted' : 'handoff-declined',
    );
    const terminal = (await h.store.timeline(dealId, { filter: 'handoffs', limit: 100 })).entries.filter(
      (e) => e.kind === 'handoff-accepted' || e.kind === 'handoff-declined',
    );
    expect(terminal).toHaveLength(1);
    // The SLA timers went with the answer.
    h.clock.now += 3 * SLA;
    expect(await h.store.claimDueTimers(h.clock.now, 60_000, 10)).toEqual([]);
  });

  it('lets only the target decline, the target or a manager reassign, and moves the inbox item', async () => {
    h = await harness(kind);
    const dealId = await qualifiedDeal(h);
    await h.as(sdr, room)(say`config managers ${boss}`);
    const handoffId = await escalateTo(h);

    const byBoss = await h.core.execute(h.ctx(boss, room), {
      kind: 'decline',
      reason: 'no',
      dealId,
      handoffId,
    });
    expect(replyText(byBoss)).toBe(
      'Only Alex (the account manager it was handed to) can decline this handoff.',
    );

    const byOutsider = await h.as(sdr, room)(say`accept`);
    expect(replyText(byOutsider)).toBe(
      'Only Alex (the account manager it was handed to) or a sales manager (Mia) can accept this handoff.',
    );

    const moved = await h.core.execute(h.ctx(boss, room), { kind: 'reassign', to: am2, dealId, handoffId });
    expect(moved.readOnly).toBe(false);
    expect(moved.updates.map((u) => u.view.kind === 'handoff' && u.view.state)).toEqual(['reassigned']);
    const newCard = moved.notifications.find((n) => n.to.kind === 'person' && n.to.person.user === am2.user);
    expect(newCard?.view.kind).toBe('handoff');
    expect(await h.store.inbox(am, 10)).toEqual([]);
    expect((await h.store.inbox(am2, 10)).map((i) => i.kind)).toEqual(['handoff']);

    // The new target answers by text in the room: a decline needs a reason (the parser says so).
    const noReason = await h.as(am2, room)(say`decline`);
    expect(noReason.readOnly).toBe(true);
    const declined = await h.as(am2, room)(say`decline no capacity this quarter`);
    expect(replyText(declined)).toContain('declined the handoff');
    const snap = await h.store.loadRoom(room);
    expect(snap.deal?.owner).toEqual(sdr);
    expect([...snap.handoffs.values()].map((x) => x.state).sort()).toEqual(['declined', 'reassigned']);
  });

  it('needs a qualified lead, refuses a second open handoff, and rotates the AM pool', async () => {
    h = await harness(kind);
    const asSdr = h.as(sdr, room);
    await asSdr(say`new Hooli outbound`);
    const early = await asSdr(say`escalate ${am} too soon`);
    expect(replyText(early)).toContain('Escalation needs a qualified lead, and this deal is at Prospect');
    await asSdr(say`stage qualify`);

    const noPool = await asSdr(say`escalate @am please`);
    expect(replyText(noPool)).toContain('no account manager pool');
    await asSdr(say`config am-pool ${am} ${am2}`);

    const first = await asSdr(say`escalate @am first`);
    expect(first.reply.kind === 'handoff' && first.reply.to.name).toBe('Alex');
    expect(replyText(await asSdr(say`escalate @am again`))).toContain(
      'already has a handoff waiting for Alex',
    );

    const other = roomOf('C-OTHER');
    await h.as(sdr, other)(say`new Pied Piper inbound`);
    const second = await h.as(sdr, other)(say`escalate @am second`);
    expect(second.reply.kind === 'handoff' && second.reply.to.name).toBe('Bea');
  });
});

/** A sink that records what would be sent. */
function recordingSink(log: { to: string; view: View }[]): PlatformSink {
  return {
    toRoom: async (r, view) => void log.push({ to: `room:${r.channel}`, view }),
    toPerson: async (p, view) => void log.push({ to: `person:${p.name}`, view }),
    update: async () => undefined,
  };
}

describe.each(STORE_KINDS)('SLA timers (%s store)', (kind) => {
  const stores: Store[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
  });

  it('fire once after a restart, across two replicas: a reminder at the SLA, escalation at twice it', async () => {
    const clock = { now: T0 };
    const prefix = `test-${randomUUID()}`;
    const memory = createMemoryStore({ now: () => clock.now });
    const open = async (): Promise<Store> => {
      const s = kind === 'memory' ? memory : await createRedisStore({ url: inject('redisUrl'), prefix });
      stores.push(s);
      return s;
    };
    // Before the "restart": a process escalates, then goes away.
    const before = createCore({ store: await open(), handoffSlaMs: SLA, now: () => clock.now });
    const ctx = { actor: sdr, room, via: 'slack' as const };
    await before.run(ctx, say`new Umbrella outbound`);
    await before.run(ctx, say`stage qualify`);
    await before.run(ctx, say`config managers ${boss}`);
    const esc = await before.run(ctx, say`escalate ${am} hot lead`);
    expect(esc.reply.kind).toBe('handoff');
    if (kind === 'redis') await stores[0]!.close();

    // After it: two replicas poll the same store.
    const log: { to: string; view: View }[] = [];
    const loops = await Promise.all(
      [0, 1].map(async () => {
        const store = await open();
        const core = createCore({ store, handoffSlaMs: SLA, now: () => clock.now });
        const dispatcher = createDispatcher(silent);
        dispatcher.register('slack', recordingSink(log));
        return startTimerLoop({
          store,
          core,
          dispatcher,
          logger: silent,
          intervalMs: 3_600_000,
          now: () => clock.now,
        });
      }),
    );
    const tickAll = () => Promise.all(loops.map((l) => l.tick()));

    clock.now = T0 + SLA - 1;
    expect(await tickAll()).toEqual([0, 0]);
    clock.now = T0 + SLA + 1;
    await tickAll();
    await tickAll();
    expect(log.map((l) => l.to)).toEqual(['person:Alex']);
    expect(log[0]?.view.kind === 'notice' && log[0].view.text).toContain('Reminder');

    clock.now = T0 + 2 * SLA + 1;
    await tickAll();
    await tickAll();
    expect(log.map((l) => l.to).sort()).toEqual(['person:Alex', 'person:Mia', 'room:C-DEAL']);
    const entries = (await stores.at(-1)!.timeline(esc.dealId!, { filter: 'handoffs', limit: 10 })).entries;
    expect(entries.map((e) => e.kind)).toEqual([
      'handoff-escalated',
      'handoff-reminded',
      'handoff-requested',
    ]);
    await Promise.all(loops.map((l) => l.stop()));
  });
});
