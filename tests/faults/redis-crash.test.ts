// Redis dies (kill -9) in the middle of a burst of 1,000 commands and comes back: every command
// either succeeded — and its entry is on the timeline afterwards — or got a "try again" sentence;
// nothing is half-applied, nothing acknowledged is lost (AOF, appendfsync always), and the same
// process recovers without a restart.

import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../src/core/core.js';
import { isCodedError, userSentenceFor } from '../../src/core/errors.js';
import type { TimelineEntry } from '../../src/core/model.js';
import type { Store } from '../../src/core/store-port.js';
import { createRedisStore } from '../../src/store/redis/redis-store.js';
import { roomOf, say, who } from '../support/core-harness.js';
import { type RedisServerHandle, startRedisServer } from '../support/redis-server.js';

const sam = who('Sam');
const ana = who('Ana');
const room = roomOf('C-BURST');
const BURST = 1_000;
const CONCURRENCY = 8;

async function allTags(store: Store, dealId: string): Promise<TimelineEntry[]> {
  const out: TimelineEntry[] = [];
  let before: string | undefined;
  for (;;) {
    const page = await store.timeline(dealId as never, {
      filter: 'tags',
      limit: 200,
      ...(before ? { before } : {}),
    });
    out.push(...page.entries);
    if (!page.older) return out;
    before = page.older;
  }
}

async function eventually<T>(fn: () => Promise<T>, timeoutMs: number): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

describe('Redis killed mid-burst', () => {
  let redis: RedisServerHandle;
  beforeAll(async () => {
    redis = await startRedisServer({ extraArgs: ['--appendonly', 'yes', '--appendfsync', 'always'] });
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('loses no acknowledged write and half-applies nothing', async () => {
    const store = createRedisStore({ url: redis.url, prefix: `fault-${randomUUID()}` });
    const core = createCore({ store, handoffSlaMs: 3_600_000 });
    const ctx = { actor: sam, room, via: 'slack' as const };
    const created = await core.run(ctx, say`new Burst deal`);
    const dealId = created.dealId!;

    const acked: string[] = [];
    const refused: string[] = [];
    const unexpected: unknown[] = [];
    let next = 0;
    let faulted = false;
    const worker = async () => {
      while (next < BURST) {
        const i = next++;
        if (i === 300 && !faulted) {
          faulted = true;
          // The crash and the comeback happen while the other workers keep sending.
          void redis.kill9().then(() => new Promise((r) => setTimeout(r, 300)).then(() => redis.restart()));
        }
        const text = `burst #${i}`;
        try {
          const o = await core.run(ctx, { text: `tag <@0> ${text}`, mentions: [ana] });
          if (o.readOnly) unexpected.push(o.reply);
          else acked.push(`@Ana ${text}`);
        } catch (error) {
          if (isCodedError(error) && error.code === 'STORE_UNAVAILABLE') refused.push(`@Ana ${text}`);
          else unexpected.push(error);
          // A client that was told "try again" waits a moment before its next command.
          await new Promise((r) => setTimeout(r, 5));
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));

    expect(unexpected).toEqual([]);
    expect(acked.length + refused.length).toBe(BURST);
    expect(refused.length).toBeGreaterThan(0); // the fault really hit the burst
    expect(userSentenceFor(Object.assign(new Error(), { code: 'x' }))).toMatch(/try again/i);

    // The same store recovers without a restart of the process.
    const after = await eventually(() => core.run(ctx, say`tag ${ana} after the storm`), 10_000);
    expect(after.readOnly).toBe(false);

    const texts = (await allTags(store, dealId)).map((e) => (e.kind === 'tag' ? e.text : ''));
    const onTimeline = new Set(texts);
    expect(texts.length).toBe(onTimeline.size); // no entry twice
    const lost = acked.filter((t) => !onTimeline.has(t));
    expect(lost).toEqual([]);
    // A refused command may still have committed (its reply lost with the connection): then it is
    // wholly there — entry, inbox item and version — like any other.
    const ambiguous = refused.filter((t) => onTimeline.has(t)).length;
    const inbox = await store.inbox(ana, 5_000);
    expect(inbox.length).toBe(texts.length);

    mkdirSync('test-artifacts', { recursive: true });
    writeFileSync(
      'test-artifacts/fault-redis-kill9.json',
      `${JSON.stringify({ commands: BURST, acknowledged: acked.length, refusedTryAgain: refused.length, refusedButCommitted: ambiguous, acknowledgedLost: lost.length }, null, 2)}\n`,
    );
    await store.close();
  });
});
