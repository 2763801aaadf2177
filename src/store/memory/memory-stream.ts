// An append-only stream kept sorted by id (appends are monotonic), so every range is a binary search
// plus a slice: a timeline page costs O(log n + page size) however long the deal's history is.
import { compareStreamIds, formatStreamId, type StreamId, type StreamRecord } from '../stream-id.js';

interface Item extends StreamRecord {
  readonly sid: StreamId;
}

export class MemoryStream {
  private readonly items: Item[] = [];

  get lastId(): StreamId | null {
    return this.items.at(-1)?.sid ?? null;
  }

  /** Like XADD with an explicit id: it must be greater than the last one. */
  append(sid: StreamId, json: string): string {
    const last = this.lastId;
    if (last && compareStreamIds(sid, last) <= 0) {
      throw new Error('stream id must be greater than the last entry (XADD semantics)');
    }
    const id = formatStreamId(sid);
    this.items.push({ id, sid, json });
    return id;
  }

  /** Up to `count` entries older than `before` (all when undefined), newest first: XREVRANGE. */
  revBefore(before: StreamId | undefined, count: number): StreamRecord[] {
    const end = before ? this.lowerBound(before) : this.items.length;
    return this.items
      .slice(Math.max(0, end - count), end)
      .reverse()
      .map(toRecord);
  }

  /** Up to `count` entries newer than `after`, oldest first: XRANGE (after + COUNT count. */
  after(after: StreamId, count: number): StreamRecord[] {
    const start = this.upperBound(after);
    return this.items.slice(start, start + count).map(toRecord);
  }

  hasAtOrAfter(id: StreamId): boolean {
    return this.lowerBound(id) < this.items.length;
  }

  hasAtOrBefore(id: StreamId): boolean {
    return this.upperBound(id) > 0;
  }

  /** First index whose id is >= `id`. */
  private lowerBound(id: StreamId): number {
    return this.firstWhere((item) => compareStreamIds(item, id) >= 0);
  }

  /** First index whose id is > `id`. */
  private upperBound(id: StreamId): number {
    return this.firstWhere((item) => compareStreamIds(item, id) > 0);
  }

  /** Binary search for the first index where the (monotonic) predicate holds; length if none. */
  private firstWhere(holds: (sid: StreamId) => boolean): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (holds(this.items[mid]!.sid)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

const toRecord = (item: Item): StreamRecord => ({ id: item.id, json: item.json });
