// The Redis store against the shared contract, plus what only Redis has: round trips, the key layout,
// corrupt data, and behaviour while Redis is down or hung.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import { CodedError, StoreUnavailableError } from '../../src/core/errors.js';
import type { Store } from '../../src/core/store-port.js';
import { createRedisStore } from '../../src/store/redis/redis-store.js';
import { countCommandsOf } from '../support/command-counter.js';
import { deal, entry, handoff, inboxItem, person, room, T0 } from '../support/factories.js';
import { startRedisServer } from '../support/redis-server.js';
import { storeContract } from './contract.js';
import { commitOk, createDeal } from './contract-helpers.js';

const url = inject('redisUrl');
const admin = new Redis(url, { lazyConnect: true });
afterAll(async () => {
  await admin.quit();
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Deletes one test's keys (never FLUSH: the server may be shared). */
async function dropPrefix(prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length) await admin.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}

async function keysOf(prefix: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    found.push(...keys);
    cursor = next;
  } while (cursor !== '0');
  return found.sort();
}

function isolatedStore(options: { connectionName?: string } = {}): { store: Store; prefix: string } {
  const prefix = `test-${randomUUID()}`;
  return { store: createRedisStore({ url, prefix, ...options }), prefix };
}

storeContract(
  'redis',
  async () => {
    const { store, prefix } = isolatedStore();
    return {
      store,
      cleanup: async () => {
        await store.close();
        await dropPrefix(prefix);
      },
    };
  },
  { elapse: sleep, shortTtlMs: 150 },
);

describe('redis store', () => {
  it('costs exactly one round trip per loadRoom, loadDeal and commit, first call and later', async () => {
    const connectionName = `dealroom-test-${randomUUID()}`;
    const { store, prefix } = isolatedStore({ connectionName });
    await store.ping();
    const counter = await countCommandsOf(url, connectionName);
    try {
      const d = deal();
      const create = await counter.count(() =>
        createDeal(store, d, {
          handoffs: [handoff(d.id)],
          entries: [entry('deal-created'), entry('tag'), entry('research')],
          inboxAdd: [{ owner: person('Bob'), item: inboxItem(d.id) }],
          timersAdd: [{ id: 'remind|x|h1', dueAt: T0 }],
        }),
      );
      expect(create.commands).toEqual(['eval']); // first use on this connection: the body, once
      expect(create.scripted).toBeGreaterThan(5);
      const update = await counter.count(() =>
        commitOk(store, { deal: { state: d, expectedVersion: 1 }, entries: [entry('stage-moved')] }),
      );
      expect(update.commands).toEqual(['evalsha']);
      const loads = [
        () => store.loadRoom(room('C1')),
        () => store.loadRoom(room('C1')),
        () => store.loadDeal(d.id, d.home),
      ];
      const counted = [];
      for (const load of loads) counted.push((await counter.count(load)).commands);
      expect(counted).toEqual([['eval'], ['evalsha'], ['evalsha']]);
    } finally {
      await counter.close();
      await store.close();
      await dropPrefix(prefix);
    }
  });

  it('lays keys out as DESIGN.md §5 documents', async () => {
    const { store, prefix } = isolatedStore();
    try {
      const d = deal();
      const bob = person('Bob');
      await createDeal(store, d, {
        handoffs: [handoff(d.id)],
        entries: [entry('research'), entry('tag'), entry('handoff-requested'), entry('stage-moved')],
        inboxAdd: [{ owner: bob, item: inboxItem(d.id) }],
        timersAdd: [{ id: 'remind|x|h1', dueAt: T0 }],
        config: {
          ws: d.home,
          state: { amPool: [], managers: [], nextAm: 0, version: 0 },
          expectedVersion: 0,
        },
      });
      await store.addCardRef(d.id, 'handoff:h1', 'ref');
      await store.claimOnce('slack', 'Ev1', 60_000);
      const deal_ = `${prefix}:{deal:${d.id}}`;
      const expected: Record<string, string> = {
        [`${deal_}:state`]: 'hash',
        [`${deal_}:timeline`]: 'stream',
        [`${deal_}:timeline:research`]: 'stream',
        [`${deal_}:timeline:tags`]: 'stream',
        [`${deal_}:timeline:handoffs`]: 'stream',
        [`${deal_}:handoffs`]: 'hash',
        [`${deal_}:cards:handoff%3Ah1`]: 'set',
        [`${prefix}:room:slack:T1:C1`]: 'string',
        [`${prefix}:{ws:slack:T1}:deals`]: 'zset',
        [`${prefix}:{ws:slack:T1}:config`]: 'hash',
        [`${prefix}:{inbox:slack:T1:UBOB}:open`]: 'zset',
        [`${prefix}:{inbox:slack:T1:UBOB}:items`]: 'hash',
        [`${prefix}:timers`]: 'zset',
        [`${prefix}:dedupe:slack:Ev1`]: 'string',
      };
      expect(await keysOf(prefix)).toEqual(Object.keys(expected).sort());
      for (const [key, type] of Object.entries(expected)) expect(await admin.type(key)).toBe(type);
      expect(await admin.hget(`${deal_}:state`, 'v')).toBe('1');
      expect(await admin.pttl(`${prefix}:dedupe:slack:Ev1`)).toBeGreaterThan(50_000);
      expect(await admin.xlen(`${deal_}:timeline`)).toBe(4);
    } finally {
      await store.close();
      await dropPrefix(prefix);
    }
  });

  it('reports unreadable stored data as STORE_CORRUPT', async () => {
    const { store, prefix } = isolatedStore();
    try {
      const d = await createDeal(store, deal());
      await admin.hset(`${prefix}:{deal:${d.id}}:state`, 'j', '{"truncated":');
      const error = await store.loadDeal(d.id, d.home).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CodedError);
      expect((error as CodedError).code).toBe('STORE_CORRUPT');
      await admin.hset(`${prefix}:room:slack:T1:C2`, 'x', 'y'); // a room key of the wrong type
      const wrongType = await store.loadRoom(room('C2')).catch((e: unknown) => e);
      expect((wrongType as CodedError).code).toBe('STORE_CORRUPT');
    } finally {
      await store.close();
      await dropPrefix(prefix);
    }
  });
});

describe('redis store while Redis is down', () => {
  const BOUND_MS = 3000;

  async function expectFastUnavailable(operation: () => Promise<unknown>): Promise<void> {
    const started = performance.now();
    const error = await operation().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(performance.now() - started).toBeLessThan(BOUND_MS);
  }

  async function eventuallyUp(store: Store): Promise<void> {
    const deadline = Date.now() + 5000;
    for (;;) {
      try {
        await store.ping();
        return;
      } catch (error) {
        expect(error).toBeInstanceOf(StoreUnavailableError);
        if (Date.now() > deadline) throw error;
        await sleep(100);
      }
    }
  }

  it('fails fast with StoreUnavailableError, then recovers on the same store when Redis returns', async () => {
    const server = await startRedisServer();
    const logger = { debug: vi.fn(), warn: vi.fn() };
    const store = createRedisStore({ url: server.url, prefix: 'down', logger });
    try {
      const d = await createDeal(store, deal());
      await server.stop();
      await expectFastUnavailable(() => store.ping());
      await expectFastUnavailable(() => store.loadRoom(room('C1')));
      await expectFastUnavailable(() => store.commit({ deal: { state: d, expectedVersion: 1 } }));

      // Failed reconnects go to the logger (at debug), not to an unhandled 'error' event.
      await vi.waitFor(
        () => expect(logger.debug).toHaveBeenCalledWith(expect.anything(), 'redis connection error'),
        {
          timeout: 2000,
        },
      );
      expect(logger.warn).toHaveBeenCalledWith({}, 'redis connection lost; reconnecting');

      await server.restart();
      await eventuallyUp(store);
      expect(logger.warn).toHaveBeenLastCalledWith({}, 'redis connection restored');
      // The restarted server is empty (no persistence): the store works, from scratch.
      expect((await store.loadRoom(room('C1'))).deal).toBeNull();
      await createDeal(store, d);
      expect((await store.loadRoom(room('C1'))).deal?.id).toBe(d.id);
    } finally {
      await store.close();
      await server.stop();
    }
  });

  it('times out calls to a server that stops answering, and recovers when it answers again', async () => {
    const server = await startRedisServer();
    const store = createRedisStore({ url: server.url, prefix: 'hung', commandTimeoutMs: 500 });
    try {
      await store.ping();
      server.pause();
      await expectFastUnavailable(() => store.ping());
      await expectFastUnavailable(() => store.loadRoom(room('C1')));
      server.resume();
      await eventuallyUp(store);
      expect((await store.loadRoom(room('C1'))).deal).toBeNull();
    } finally {
      server.resume();
      await store.close();
      await server.stop();
    }
  });

  it('fails within the connect timeout when Redis was never reachable', async () => {
    const server = await startRedisServer();
    await server.stop(); // a port with nothing behind it
    const store = createRedisStore({ url: server.url, prefix: 'never', connectTimeoutMs: 500 });
    try {
      await expectFastUnavailable(() => store.ping());
      await expectFastUnavailable(() => store.commit({ timelineOf: deal().id, entries: [entry('tag')] }));
    } finally {
      await store.close();
    }
  });
});
