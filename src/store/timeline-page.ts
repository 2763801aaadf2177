// Timeline paging shared by both stores, so their cursors are identical by construction.
//
// A store fetches `fetch` entries (one more than the limit: the extra one only tells whether more
// exist beyond the page) plus one "edge" fact, then `assemblePage` computes the cursors:
//   latest        XREVRANGE key + - COUNT limit+1
//   before=B      XREVRANGE key (B - COUNT limit+1   and edge = "some entry has id >= B"
//   after=A       XRANGE key (A + COUNT limit+1      and edge = "some entry has id <= A"
// Because the page is contiguous, the edge fact decides exactly whether entries exist on the other
// side of the page: `newer` is null only when the page holds the newest entry, `older` only when it
// holds the oldest, and following a cursor never skips nor repeats an entry.
import type { TimelinePage, TimelineQuery } from '../core/store-port.js';
import { requireLimit } from './store-args.js';
import { formatStreamId, predecessor, requireCursor, type StreamId, successor } from './stream-id.js';

interface PageSize {
  /** Entries on a page. */
  readonly limit: number;
  /** Entries to fetch: one more than the limit, to learn whether more exist. */
  readonly fetch: number;
}

export type PageRequest =
  | (PageSize & { readonly mode: 'latest' })
  | (PageSize & { readonly mode: 'before' | 'after'; readonly cursor: StreamId });

/** `before` wins when a caller passes both cursors. */
export function pageRequest(q: TimelineQuery): PageRequest {
  const limit = requireLimit(q.limit);
  const fetch = limit + 1;
  if (q.before !== undefined)
    return { mode: 'before', cursor: requireCursor(q.before, 'before'), fetch, limit };
  if (q.after !== undefined) return { mode: 'after', cursor: requireCursor(q.after, 'after'), fetch, limit };
  return { mode: 'latest', fetch, limit };
}

/**
 * @param fetched what the range returned, in range order: newest first for latest/before, oldest first
 *   for after.
 * @param edge for before: an entry with id >= cursor exists; for after: one with id <= cursor exists.
 */
export function assemblePage<T extends { readonly id?: string }>(
  req: PageRequest,
  fetched: readonly T[],
  edge: boolean,
): Omit<TimelinePage, 'entries'> & { readonly entries: readonly T[] } {
  const page = fetched.slice(0, req.limit);
  const more = fetched.length > req.limit;
  const first = page[0]?.id ?? null;
  const last = page.at(-1)?.id ?? null;
  if (req.mode === 'latest') return { entries: page, older: more ? last : null, newer: null };
  if (req.mode === 'before') {
    // An empty page (cursor at or before the oldest entry) still points back to the entries >= cursor.
    const newer = edge ? (first ?? formatStreamId(predecessor(req.cursor))) : null;
    return { entries: page, older: more ? last : null, newer };
  }
  const older = edge ? (first ?? formatStreamId(successor(req.cursor))) : null;
  return { entries: page.reverse(), older, newer: more ? last : null };
}
