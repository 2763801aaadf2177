// The in-memory store against the shared contract, on a fake clock; plus what only it can show.
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { deal, entry, T0 } from '../support/factories.js';
import { storeContract } from './contract.js';
import { createDeal } from './contract-helpers.js';

// One clock for every store the contract makes: "time passes" is a jump, not a wait.
const clock = { now: T0 };

storeContract(
  'memory',
  async () => {
    const store = createMemoryStore({ now: () => clock.now });
    return { store, cleanup: () => store.close() };
  },
  {
    elapse: async (ms) => {
      clock.now += ms;
    },
    shortTtlMs: 1000,
  },
);

describe('memory store', () => {
  it('gives entries stream ids from its clock: <ms>-<seq>, monotonic within a millisecond', async () => {
    const at = { now: T0 };
    const store = createMemoryStore({ now: () => at.now });
    const d = await createDeal(store, deal(), { entries: [entry('deal-created'), entry('tag')] });
    at.now = T0 - 5_000; // a clock stepping back must not reorder the timeline
    const result = await store.commit({ timelineOf: d.id, entries: [entry('tag-done')] });
    expect(result).toEqual({ ok: true, entryIds: [`${T0}-2`] });
    at.now = T0 + 7;
    expect(await store.commit({ timelineOf: d.id, entries: [entry('tag')] })).toEqual({
      ok: true,
      entryIds: [`${T0 + 7}-0`],
    });
    const page = await store.timeline(d.id, { filter: 'all', limit: 10 });
    expect(page.entries.map((e) => e.id)).toEqual([`${T0 + 7}-0`, `${T0}-2`, `${T0}-1`, `${T0}-0`]);
  });

  it('expires a claim exactly after its TTL on the injected clock', async () => {
    const at = { now: T0 };
    const store = createMemoryStore({ now: () => at.now });
    expect(await store.claimOnce('src', 'id', 1000)).toBe(true);
    at.now = T0 + 1000;
    expect(await store.claimOnce('src', 'id', 1000)).toBe(false);
    at.now = T0 + 1001;
    expect(await store.claimOnce('src', 'id', 1000)).toBe(true);
  });
});
