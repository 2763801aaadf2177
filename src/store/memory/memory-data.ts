// The in-memory twin's data: a tiny subset of Redis data types keyed by the same keys.ts keys, so the
// store above reads like the Lua scripts it mirrors. Values are strings, as in Redis.
import { MemoryStream } from './memory-stream.js';

/** Redis orders equal scores by member bytes (memcmp), not by JS string order. */
const byteCompare = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** The value at `key`, created on first use (as Redis creates a key on its first write). */
function getOrCreate<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

export class MemoryData {
  private readonly strings = new Map<string, { readonly value: string; readonly expiresAt: number | null }>();
  private readonly hashes = new Map<string, Map<string, string>>();
  private readonly zsets = new Map<string, Map<string, number>>();
  private readonly streams = new Map<string, MemoryStream>();
  private readonly sets = new Map<string, Set<string>>();

  constructor(private readonly now: () => number) {}

  get(key: string): string | null {
    const entry = this.strings.get(key);
    if (!entry) return null;
    // Redis: a key with expiry `when` is expired once now > when.
    if (entry.expiresAt !== null && this.now() > entry.expiresAt) {
      this.strings.delete(key);
      return null;
    }
    return entry.value;
  }

  /** SET [NX] [PX ttl | KEEPTTL]; false when NX and the key exists. */
  set(key: string, value: string, opts: { nx?: boolean; pxMs?: number; keepTtl?: boolean } = {}): boolean {
    if (opts.nx && this.get(key) !== null) return false;
    const kept = opts.keepTtl ? (this.strings.get(key)?.expiresAt ?? null) : null;
    const expiresAt = opts.pxMs === undefined ? kept : this.now() + opts.pxMs;
    this.strings.set(key, { value, expiresAt });
    return true;
  }

  del(key: string): void {
    this.strings.delete(key);
  }

  hget(key: string, field: string): string | null {
    return this.hashes.get(key)?.get(field) ?? null;
  }

  hset(key: string, field: string, value: string): void {
    getOrCreate(this.hashes, key, () => new Map<string, string>()).set(field, value);
  }

  hdel(key: string, field: string): void {
    const hash = this.hashes.get(key);
    hash?.delete(field);
    if (hash?.size === 0) this.hashes.delete(key);
  }

  hgetall(key: string): ReadonlyMap<string, string> {
    return new Map(this.hashes.get(key));
  }

  zadd(key: string, member: string, score: number): void {
    getOrCreate(this.zsets, key, () => new Map<string, number>()).set(member, score);
  }

  zrem(key: string, member: string): void {
    const zset = this.zsets.get(key);
    zset?.delete(member);
    if (zset?.size === 0) this.zsets.delete(key);
  }

  zcard(key: string): number {
    return this.zsets.get(key)?.size ?? 0;
  }

  /** ZREVRANGE key 0 count-1: highest score first, ties by member bytes descending. */
  zrevrange(key: string, count: number): string[] {
    return this.sorted(key)
      .reverse()
      .slice(0, count)
      .map(([member]) => member);
  }

  /** ZRANGEBYSCORE key -inf max LIMIT 0 count: lowest score first, ties by member bytes ascending. */
  zrangeByScore(key: string, max: number, count: number): string[] {
    return this.sorted(key)
      .filter(([, score]) => score <= max)
      .slice(0, count)
      .map(([member]) => member);
  }

  /** The stream at `key`, created empty on first use (as XADD does). */
  stream(key: string): MemoryStream {
    return getOrCreate(this.streams, key, () => new MemoryStream());
  }

  /** Reading must not create keys: an absent stream reads as empty. */
  existingStream(key: string): MemoryStream | undefined {
    return this.streams.get(key);
  }

  sadd(key: string, member: string): void {
    getOrCreate(this.sets, key, () => new Set<string>()).add(member);
  }

  smembers(key: string): string[] {
    return [...(this.sets.get(key) ?? [])];
  }

  // Sorting on read is fine for the embedded store: inboxes, workspaces' deal lists and the timer set
  // are small next to timelines, which are the one thing that must page in O(log n).
  private sorted(key: string): [string, number][] {
    return [...(this.zsets.get(key) ?? [])].sort(([ma, sa], [mb, sb]) => sa - sb || byteCompare(ma, mb));
  }
}
