// Command rate limits: the token bucket on a fake clock, its bounded memory, the config syntax, and
// the core refusing over-limit commands, clicks and overheard tags before it reads or writes anything.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseRateLimit } from '../../src/config.js';
import { createCore } from '../../src/core/core.js';
import { createRateLimiter, rateLimitSentence } from '../../src/core/rate-limit.js';
import type { Store } from '../../src/core/store-port.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { replyText, roomOf, SLA, say, T0, who } from '../support/core-harness.js';

const MINUTE = 60_000;

describe('token bucket', () => {
  it('allows a burst of count, then one per window/count, per person', () => {
    const clock = { now: T0 };
    const l = createRateLimiter({ user: { count: 3, windowMs: MINUTE }, room: null, now: () => clock.now });
    const results = Array.from({ length: 5 }, () => l.take({ user: 'a' }).ok);
    expect(results).toEqual([true, true, true, false, false]);
    // Another person has a bucket of their own.
    expect(l.take({ user: 'b' }).ok).toBe(true);
    const refused = l.take({ user: 'a' });
    expect(refused).toEqual({
      ok: false,
      scope: 'user',
      limit: { count: 3, windowMs: MINUTE },
      retryAfterMs: 20_000,
    });
    clock.now += 19_999;
    expect(l.take({ user: 'a' }).ok).toBe(false);
    clock.now += 1;
    expect(l.take({ user: 'a' }).ok).toBe(true);
    expect(l.take({ user: 'a' }).ok).toBe(false);
    // After a whole window idle the bucket is full again: a burst of 3, not more.
    clock.now += MINUTE;
    expect(Array.from({ length: 4 }, () => l.take({ user: 'a' }).ok)).toEqual([true, true, true, false]);
  });

  it('checks the room too, and a refusal spends from no bucket', () => {
    const clock = { now: T0 };
    const l = createRateLimiter({
      user: { count: 2, windowMs: MINUTE },
      room: { count: 3, windowMs: MINUTE },
      now: () => clock.now,
    });
    expect(l.take({ user: 'a', room: 'r' }).ok).toBe(true);
    expect(l.take({ user: 'b', room: 'r' }).ok).toBe(true);
    expect(l.take({ user: 'c', room: 'r' }).ok).toBe(true);
    const full = l.take({ user: 'd', room: 'r' });
    expect(full.ok === false && full.scope).toBe('room');
    // d was refused by the room: d's own bucket is untouched, so d has 2 elsewhere.
    expect(l.take({ user: 'd', room: 'other' }).ok).toBe(true);
    expect(l.take({ user: 'd', room: 'other' }).ok).toBe(true);
    const own = l.take({ user: 'd', room: 'other' });
    expect(own.ok === false && own.scope).toBe('user');
    // Direct messages (no room) count against the person only.
    expect(l.take({ user: 'e' }).ok).toBe(true);
  });

  it('keeps memory bounded: idle buckets go, and never more than maxKeys', () => {
    const clock = { now: T0 };
    const l = createRateLimiter({
      user: { count: 5, windowMs: MINUTE },
      room: null,
      now: () => clock.now,
      maxKeys: 1_000,
    });
    for (let i = 0; i < 10_000; i++) l.take({ user: `u${i}` });
    expect(l.size).toBeLessThanOrEqual(1_000);
    expect(l.size).toBeGreaterThan(0);
    // A window later every bucket is full again, i.e. idle: the next call sweeps them all.
    clock.now += MINUTE;
    l.take({ user: 'late' });
    expect(l.size).toBe(1);
  });

  it('says which limit was hit, how fast, and how long to wait', () => {
    const base = { ok: false as const, limit: { count: 30, windowMs: MINUTE } };
    expect(rateLimitSentence({ ...base, scope: 'user', retryAfterMs: 11_200 })).toBe(
      "You're sending commands faster than Dealroom accepts (30 a minute); try again in 12 seconds.",
    );
    expect(
      rateLimitSentence({ ...base, scope: 'room', limit: { count: 5, windowMs: 10_000 }, retryAfterMs: 400 }),
    ).toBe(
      'This room is sending commands faster than Dealroom accepts (5 every 10 seconds); try again in 1 second.',
    );
    expect(
      rateLimitSentence({
        ...base,
        scope: 'user',
        limit: { count: 500, windowMs: 3_600_000 },
        retryAfterMs: 7_200_000,
      }),
    ).toBe("You're sending commands faster than Dealroom accepts (500 an hour); try again in 120 minutes.");
  });
});

describe('RATE_LIMIT_USER / RATE_LIMIT_ROOM', () => {
  it('parse <count>/<window> and off, with defaults of 30 and 120 a minute', () => {
    expect(parseRateLimit('30/1m')).toEqual({ count: 30, windowMs: MINUTE });
    expect(parseRateLimit(' 500 / 1h ')).toEqual({ count: 500, windowMs: 3_600_000 });
    expect(parseRateLimit('OFF')).toBeNull();
    for (const bad of ['30', '0/1m', '30/0s', '30/fast', '-1/1m', '1/500ms', ''])
      expect(parseRateLimit(bad)).toBeUndefined();
    expect(loadConfig({}).rateLimits).toEqual({
      user: { count: 30, windowMs: MINUTE },
      room: { count: 120, windowMs: MINUTE },
    });
    expect(loadConfig({ RATE_LIMIT_USER: 'off', RATE_LIMIT_ROOM: '10/10s' }).rateLimits).toEqual({
      user: null,
      room: { count: 10, windowMs: 10_000 },
    });
    expect(() => loadConfig({ RATE_LIMIT_ROOM: 'lots' })).toThrow(ConfigError);
    expect(() => loadConfig({ RATE_LIMIT_USER: '30 per minute' })).toThrow(
      'RATE_LIMIT_USER must be <count>/<window> such as 30/1m or 500/1h (window at least 1s), or off (got "30 per minute").',
    );
  });
});

/** Counts the store calls the core makes: a refused command must make none. */
function counting(store: Store): { store: Store; calls: string[] } {
  const calls: string[] = [];
  const proxy = new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push(String(prop));
        return value.apply(target, args);
      };
    },
  });
  return { store: proxy, calls };
}

describe('the core under a rate limit', () => {
  const sam = who('Sam');
  const ana = who('Ana');
  const room = roomOf('C-LIMIT');

  async function setup(user: number, roomLimit: number | null = null) {
    const clock = { now: T0 };
    const { store, calls } = counting(createMemoryStore({ now: () => clock.now }));
    const warnings: string[] = [];
    const core = createCore({
      store,
      handoffSlaMs: SLA,
      now: () => clock.now,
      logger: { warn: (_o, msg) => warnings.push(msg ?? ''), debug: () => {} },
      rateLimiter: createRateLimiter({
        user: { count: user, windowMs: MINUTE },
        room: roomLimit === null ? null : { count: roomLimit, windowMs: MINUTE },
        now: () => clock.now,
      }),
    });
    return { store, calls, core, clock, warnings, ctx: { actor: sam, room, via: 'slack' as const } };
  }

  it('refuses typed commands over the limit with the sentence, reading and writing nothing', async () => {
    const s = await setup(3);
    expect((await s.core.run(s.ctx, say`new Limited deal`)).readOnly).toBe(false);
    expect((await s.core.run(s.ctx, say`tag ${ana} one`)).readOnly).toBe(false);
    expect((await s.core.run(s.ctx, say`no such command`)).readOnly).toBe(true); // counted too
    const before = s.calls.length;
    const refused = await s.core.run(s.ctx, say`tag ${ana} two`);
    expect(refused.readOnly).toBe(true);
    expect(refused.visibility).toBe('private');
    expect(refused.notifications).toEqual([]);
    expect(replyText(refused)).toBe(
      "You're sending commands faster than Dealroom accepts (3 a minute); try again in 20 seconds.",
    );
    expect(s.calls.length).toBe(before); // not even a read
    const deal = (await s.store.loadRoom(room)).deal!;
    expect((await s.store.timeline(deal.id, { filter: 'tags', limit: 10 })).entries).toHaveLength(1);
    // Clicks (execute) are limited by the same bucket.
    const click = await s.core.execute(s.ctx, { kind: 'timeline', filter: 'all' });
    expect(replyText(click)).toMatch(/^You're sending commands faster than Dealroom accepts/);
    s.clock.now += 20_000;
    expect((await s.core.run(s.ctx, say`tag ${ana} three`)).readOnly).toBe(false);
  });

  it('answers a refresh (a read nobody typed) over the limit, but never a write asked as one', async () => {
    const s = await setup(1);
    await s.core.run(s.ctx, say`new Refresh deal`);
    const inbox = await s.core.execute(s.ctx, { kind: 'inbox' }, { refresh: true });
    expect(inbox.reply.kind).toBe('inbox');
    expect(replyText(await s.core.execute(s.ctx, { kind: 'inbox' }))).toMatch(/^You're sending commands/);
    const write = await s.core.execute(s.ctx, { kind: 'stage', move: { to: 'next' } }, { refresh: true });
    expect(replyText(write)).toMatch(/^You're sending commands/);
  });

  it('ignores overheard messages over the limit silently, logs them, and records none', async () => {
    const s = await setup(2);
    await s.core.run(s.ctx, say`new Listening deal`);
    await s.core.run(s.ctx, say`listen on`);
    const before = s.calls.length;
    expect(await s.core.listen(s.ctx, say`${ana} have a look`)).toBeNull();
    expect(s.calls.length).toBe(before);
    expect(s.warnings).toEqual(['rate limit hit: overheard message not recorded as a tag']);
    // Plain chatter that names nobody takes no token.
    expect(await s.core.listen(s.ctx, say`lunch anyone?`)).toBeNull();
    expect(s.warnings).toHaveLength(1);
    s.clock.now += 30_000;
    const heard = await s.core.listen(s.ctx, say`${ana} have a look`);
    expect(heard?.readOnly).toBe(false);
    const deal = (await s.store.loadRoom(room)).deal!;
    expect((await s.store.timeline(deal.id, { filter: 'tags', limit: 10 })).entries).toHaveLength(1);
  });

  it('limits a room across people', async () => {
    const s = await setup(100, 2);
    await s.core.run(s.ctx, say`new Busy room`);
    await s.core.run({ ...s.ctx, actor: ana }, say`status`);
    const third = await s.core.run({ ...s.ctx, actor: who('Olga') }, say`status`);
    expect(replyText(third)).toBe(
      'This room is sending commands faster than Dealroom accepts (2 a minute); try again in 30 seconds.',
    );
    // The same person elsewhere (a direct message) is not held by this room.
    expect((await s.core.run({ ...s.ctx, actor: who('Olga'), room: null }, say`inbox`)).reply.kind).toBe(
      'inbox',
    );
  });
});
