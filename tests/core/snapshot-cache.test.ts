// Remembered room snapshots: a write in a room a replica already read skips the read, and is still
// decided on current state. Another replica's change makes the guarded commit 'stale' (decided again,
// fresh); a refusal is never answered from memory; the guard itself is checked by both stores.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/core/store-port.js';
import { type Harness, harness, replyText, roomOf, STORE_KINDS, say, who } from '../support/core-harness.js';

const sam = who('Sam');
const ana = who('Ana');
const room = roomOf('C-MEMO');

/** The store, counting room reads. */
function counting(store: Store): { store: Store; loads: () => number } {
  let loads = 0;
  return {
    store: new Proxy(store, {
      get(target, key, receiver) {
        if (key === 'loadRoom') {
          return (...args: Parameters<Store['loadRoom']>) => {
            loads++;
            return target.loadRoom(...args);
          };
        }
        return Reflect.get(target, key, receiver);
      },
    }),
    loads: () => loads,
  };
}

describe.each(STORE_KINDS)('remembered room snapshots (%s store)', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness(kind);
  });
  afterEach(async () => {
    await h.close();
  });

  it('reads a room once for a run of tags, and again after a write that changes the deal', async () => {
    const { createCore } = await import('../../src/core/core.js');
    const c = counting(h.store);
    const core = createCore({ store: c.store, handoffSlaMs: 1_000, now: () => h.clock.now });
    const ctx = h.ctx(sam, room);
    await core.run(ctx, say`new Memo`);
    await core.run(ctx, say`tag ${ana} first`); // ana joins: the deal changes, the memory is dropped
    const before = c.loads();
    for (let i = 0; i < 5; i++) {
      const o = await core.run(ctx, { text: `tag <@0> again ${i}`, mentions: [ana] });
      expect(o.readOnly).toBe(false);
    }
    expect(c.loads() - before).toBe(1); // the first of the five read; four decided from memory
    const tags = await h.store.timeline((await h.store.loadRoom(room)).deal!.id, {
      filter: 'tags',
      limit: 10,
    });
    expect(tags.entries).toHaveLength(6);
  });

  it("decides again on fresh state when another replica changed the deal ('stale')", async () => {
    const ctx = h.ctx(sam, room);
    await h.core.run(ctx, say`new Memo`);
    await h.core.run(ctx, say`tag ${ana} hello`);
    await h.core.run(ctx, say`tag ${ana} remembered now`);
    // Another replica turns listening off: this core's memory still says on.
    const other = h.replica();
    expect(replyText(await other.run(ctx, say`listen off`))).toContain('turned listening off');
    const overheard = await h.core.listen(ctx, say`${ana} can you look at this`);
    expect(overheard).toBeNull(); // not recorded: the guarded commit was stale, the fresh read refused
    const dealId = (await h.store.loadRoom(room)).deal!.id;
    const tags = await h.store.timeline(dealId, { filter: 'tags', limit: 10 });
    expect(tags.entries).toHaveLength(2);
  });

  it('never answers a refusal from memory', async () => {
    const ctx = h.ctx(sam, room);
    await h.core.run(ctx, say`new Memo`);
    await h.core.run(ctx, say`tag ${ana} hello`);
    await h.core.run(ctx, say`tag ${ana} remembered now`);
    // From memory nobody is the AM; another replica has just looped Ana in as one.
    await h.replica().run(ctx, say`loop-in ${ana} am`);
    const o = await h.core.run(ctx, say`tag @am please price this`);
    expect(o.readOnly).toBe(false);
    expect(replyText(o)).toContain('Ana');
  });

  it('refuses a guarded commit as stale for each of room, deal version and config version', async () => {
    const ctx = h.ctx(sam, room);
    await h.core.run(ctx, say`new Memo`);
    const snap = await h.store.loadRoom(room);
    const deal = snap.deal!;
    const guard = {
      room,
      dealId: deal.id,
      dealVersion: deal.version,
      ws: { platform: room.platform, workspace: room.workspace },
      configVersion: snap.config.version,
    };
    const note = { timelineOf: deal.id, entries: [] };
    expect((await h.store.commit({ ...note, guard })).ok).toBe(true);
    for (const stale of [
      { ...guard, dealVersion: deal.version + 1 },
      { ...guard, configVersion: snap.config.version + 1 },
      { ...guard, room: roomOf('C-ELSEWHERE') },
    ]) {
      expect(await h.store.commit({ ...note, guard: stale, inboxAdd: [] })).toEqual({
        ok: false,
        conflict: 'stale',
      });
    }
  });
});
