// Redis stream ids (`<ms>-<seq>`, two unsigned 64-bit numbers) as used for timeline cursors. Both
// stores produce and order them identically; BigInt because a forged cursor may exceed 2^53.

export interface StreamId {
  readonly ms: bigint;
  readonly seq: bigint;
}

/** One stored timeline entry: its stream id and its JSON (field `j`). */
export interface StreamRecord {
  readonly id: string;
  readonly json: string;
}

const PATTERN = /^(\d{1,20})-(\d{1,20})$/;
const MAX = (1n << 64n) - 1n;

export function parseStreamId(text: string): StreamId | null {
  const m = PATTERN.exec(text);
  if (!m) return null;
  const ms = BigInt(m[1]!);
  const seq = BigInt(m[2]!);
  return ms > MAX || seq > MAX ? null : { ms, seq };
}

export const formatStreamId = (id: StreamId): string => `${id.ms}-${id.seq}`;

export function compareStreamIds(a: StreamId, b: StreamId): number {
  if (a.ms !== b.ms) return a.ms < b.ms ? -1 : 1;
  if (a.seq !== b.seq) return a.seq < b.seq ? -1 : 1;
  return 0;
}

/** A cursor from a caller (e.g. a button payload): a malformed one is a caller bug, not a store error. */
export function requireCursor(text: string, name: 'before' | 'after'): StreamId {
  const id = parseStreamId(text);
  if (!id) throw new RangeError(`invalid timeline cursor ${name}=${JSON.stringify(text)}`);
  return id;
}

/**
 * The largest id below `id`, so that an exclusive `after` cursor includes `id` itself. `0-0` maps to
 * itself: no entry can have id 0-0 (XADD refuses it), so an exclusive `(0-0` already includes all.
 */
export function predecessor(id: StreamId): StreamId {
  if (id.seq > 0n) return { ms: id.ms, seq: id.seq - 1n };
  if (id.ms > 0n) return { ms: id.ms - 1n, seq: MAX };
  return id;
}

/** The smallest id above `id`, so that an exclusive `before` cursor includes `id` itself. */
export function successor(id: StreamId): StreamId {
  if (id.seq < MAX) return { ms: id.ms, seq: id.seq + 1n };
  if (id.ms < MAX) return { ms: id.ms + 1n, seq: 0n };
  return id;
}

/** The id XADD `*` gives the next entry: the clock's ms, never going back behind the last id. */
export function nextStreamId(last: StreamId | null, nowMs: number): StreamId {
  const ms = BigInt(Math.max(0, Math.floor(nowMs)));
  if (!last || ms > last.ms) return { ms, seq: 0n };
  return last.seq < MAX ? { ms: last.ms, seq: last.seq + 1n } : { ms: last.ms + 1n, seq: 0n };
}
