// Contract: timeline paging. Cursors must be exact: walking `older` to the beginning and `newer` back to
// the head visits every entry once, and a null cursor means "nothing more on that side", never "maybe".
import { describe, expect, it } from 'vitest';
import type { DealId } from '../../src/core/ids.js';
import {
  type EntryKind,
  entryCategory,
  type TimelineEntry,
  type TimelineFilter,
} from '../../src/core/model.js';
import type { Store, TimelinePage } from '../../src/core/store-port.js';
import { deal, entry, T0 } from '../support/factories.js';
import { type ContractContext, commitOk, compareIds, createDeal } from './contract-helpers.js';

const BIG = 10_000;
const BATCH = 500;
// Kinds cycled through the big timeline: every category, and entries that are only in 'all'.
const KINDS: readonly EntryKind[] = [
  'research',
  'tag',
  'stage-moved',
  'handoff-requested',
  'tag-done',
  'member-added',
];

/** Entry n of the big timeline; `at` = T0 + n identifies it. */
const nth = (n: number): TimelineEntry => entry(KINDS[n % KINDS.length]!, { at: T0 + n });

/** Pages from the head to the beginning; checks each page's cursors on the way. */
async function walkOlder(store: Store, id: DealId, filter: TimelineFilter, limit: number) {
  const pages: TimelinePage[] = [];
  let before: string | undefined;
  do {
    const page = await store.timeline(id, { filter, limit, ...(before && { before }) });
    expect(page.newer).toBe(pages.length === 0 ? null : page.entries[0]?.id);
    pages.push(page);
    before = page.older ?? undefined;
    if (page.older) expect(page.older).toBe(page.entries.at(-1)?.id);
  } while (before);
  return pages;
}

/** Pages from the beginning's page back to the head, following `newer`. */
async function walkNewer(
  store: Store,
  id: DealId,
  filter: TimelineFilter,
  limit: number,
  from: TimelinePage,
) {
  const pages: TimelinePage[] = [];
  let after = from.newer;
  while (after) {
    const page = await store.timeline(id, { filter, limit, after });
    expect(page.older).toBe(page.entries.at(-1)?.id);
    pages.push(page);
    after = page.newer;
  }
  return pages;
}

const ats = (pages: readonly TimelinePage[]): number[] => pages.flatMap((p) => p.entries.map((e) => e.at));
/** The oldest page and the pages walked forward from it, as one oldest-first list of `at`s. */
const ascending = (oldest: TimelinePage, newer: readonly TimelinePage[]): number[] =>
  [oldest, ...newer].flatMap((p) => ats([p]).reverse());

export function timelineContract({ store: s }: ContractContext): void {
  describe('timeline paging', () => {
    it('returns an empty page with null cursors for an empty timeline', async () => {
      const d = await createDeal(s(), deal());
      for (const filter of ['all', 'research'] as const) {
        expect(await s().timeline(d.id, { filter, limit: 5 })).toEqual({
          entries: [],
          older: null,
          newer: null,
        });
      }
    });

    it('sets older only when more exist: exactly limit entries fit one page', async () => {
      const d = await createDeal(s(), deal(), { entries: [0, 1, 2].map(nth) });
      const full = await s().timeline(d.id, { filter: 'all', limit: 3 });
      expect(full.entries.map((e) => e.at)).toEqual([T0 + 2, T0 + 1, T0]);
      expect([full.older, full.newer]).toEqual([null, null]);
      const short = await s().timeline(d.id, { filter: 'all', limit: 2 });
      expect(short.older).toBe(short.entries[1]?.id);
    });

    it('gives exact cursors at both ends, even for an empty page', async () => {
      const d = await createDeal(s(), deal());
      const [a, b, c] = await commitOk(s(), { timelineOf: d.id, entries: [0, 1, 2].map(nth) });
      // Nothing older than the oldest: empty page, but a way back to it.
      const start = await s().timeline(d.id, { filter: 'all', limit: 2, before: a! });
      expect(start.entries).toEqual([]);
      expect(start.older).toBeNull();
      const back = await s().timeline(d.id, { filter: 'all', limit: 5, after: start.newer! });
      expect(back.entries.map((e) => e.id)).toEqual([c, b, a]);
      expect([back.older, back.newer]).toEqual([null, null]);
      // Nothing newer than the newest: empty page, but a way back to it.
      const head = await s().timeline(d.id, { filter: 'all', limit: 2, after: c! });
      expect(head.entries).toEqual([]);
      expect(head.newer).toBeNull();
      const latest = await s().timeline(d.id, { filter: 'all', limit: 2, before: head.older! });
      expect(latest.entries.map((e) => e.id)).toEqual([c, b]);
      // Between: both cursors point at the page's own ends.
      const middle = await s().timeline(d.id, { filter: 'all', limit: 1, before: c! });
      expect(middle).toEqual({ entries: [{ ...nth(1), id: b }], older: b, newer: b });
      // `before` wins over `after`.
      const both = await s().timeline(d.id, { filter: 'all', limit: 5, before: b!, after: a! });
      expect(both.entries.map((e) => e.id)).toEqual([a]);
    });

    it('rejects malformed cursors and limits', async () => {
      const d = await createDeal(s(), deal());
      await expect(s().timeline(d.id, { filter: 'all', limit: 5, before: 'nope' })).rejects.toThrow(
        RangeError,
      );
      await expect(s().timeline(d.id, { filter: 'all', limit: 0 })).rejects.toThrow(RangeError);
    });

    it(`pages ${BIG} entries back to the beginning and forward to the head, no gap, no repeat`, async () => {
      const d = await createDeal(s(), deal());
      const ids: string[] = [];
      for (let start = 0; start < BIG; start += BATCH) {
        const batch = Array.from({ length: BATCH }, (_, i) => nth(start + i));
        ids.push(...(await commitOk(s(), { timelineOf: d.id, entries: batch })));
      }
      expect(new Set(ids).size).toBe(BIG);
      for (let i = 1; i < BIG; i++) expect(compareIds(ids[i - 1]!, ids[i]!)).toBeLessThan(0);

      const older = await walkOlder(s(), d.id, 'all', 97);
      const descending = Array.from({ length: BIG }, (_, i) => T0 + BIG - 1 - i);
      expect(ats(older)).toEqual(descending);
      const oldest = older.at(-1)!;
      expect(oldest.older).toBeNull();
      // Entries come back as committed, with their stream id.
      const sample = older[3]!.entries[5]!;
      expect(sample).toEqual({ ...nth(sample.at - T0), id: ids[sample.at - T0] });

      const newer = await walkNewer(s(), d.id, 'all', 97, oldest);
      expect(ascending(oldest, newer)).toEqual([...descending].reverse());
      expect(newer.at(-1)?.newer).toBeNull();

      // Filtered views: only their kinds, all of them, with the same ids as in the main stream.
      for (const filter of ['research', 'handoffs', 'tags'] as const) {
        const expected = Array.from({ length: BIG }, (_, n) => n)
          .filter((n) => entryCategory(nth(n).kind) === filter)
          .reverse();
        const pages = await walkOlder(s(), d.id, filter, 250);
        const got = pages.flatMap((p) => p.entries);
        expect(got.map((e) => e.at - T0)).toEqual(expected);
        expect(got.every((e) => e.id === ids[e.at - T0])).toBe(true);
        const forward = await walkNewer(s(), d.id, filter, 250, pages.at(-1)!);
        expect(ascending(pages.at(-1)!, forward)).toEqual([...expected].reverse().map((n) => T0 + n));
      }
    }, 120_000);
  });
}
