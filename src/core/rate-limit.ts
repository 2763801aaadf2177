// Command rate limits per person and per room: token buckets in process memory. A bucket holds up to
// `count` tokens and refills at count/windowMs, so a person may burst `count` commands and then keeps
// a steady `count` per window. No Redis round trip: the write path stays at two round trips per
// command, at the price that N replicas behind a load balancer accept up to N× the limit.
import { notice } from './views.js';

export interface RateLimit {
  /** Commands accepted per window (and the largest burst). */
  readonly count: number;
  readonly windowMs: number;
}

export interface RateLimiterOptions {
  /** Per person (platform + workspace + user); null: unlimited. */
  readonly user: RateLimit | null;
  /** Per room (platform + workspace + channel); null: unlimited. */
  readonly room: RateLimit | null;
  readonly now?: () => number;
  /**
   * Most buckets kept. Idle buckets (full again) are dropped as they are passed; past this bound the
   * least recently used go first, which only ever makes the limit more lenient for them.
   */
  readonly maxKeys?: number;
}

export type RateDecision =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly scope: 'user' | 'room';
      readonly limit: RateLimit;
      readonly retryAfterMs: number;
    };

export interface RateLimiter {
  /** Takes one token from each bucket named, or none when any is empty. */
  take(keys: { readonly user: string; readonly room?: string }): RateDecision;
  /** Buckets held now (tests check memory stays bounded). */
  readonly size: number;
}

interface Bucket {
  tokens: number;
  at: number;
  /** When this bucket is full again: from then on it is the same as no bucket at all. */
  fullAt: number;
  readonly limit: RateLimit;
}

const OK: RateDecision = { ok: true };

export function createRateLimiter(o: RateLimiterOptions): RateLimiter {
  const now = o.now ?? Date.now;
  const maxKeys = o.maxKeys ?? 50_000;
  // Map iteration order is insertion order; a touched key is re-inserted, so the front is the LRU.
  const buckets = new Map<string, Bucket>();

  const level = (b: Bucket, t: number): number =>
    Math.min(b.limit.count, b.tokens + ((t - b.at) * b.limit.count) / b.limit.windowMs);

  function evict(t: number): void {
    for (const [key, b] of buckets) {
      if (b.fullAt > t && buckets.size <= maxKeys) break;
      buckets.delete(key);
    }
  }

  function check(key: string, limit: RateLimit, t: number): number {
    const b = buckets.get(key);
    const tokens = b ? level(b, t) : limit.count;
    return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) * limit.windowMs) / limit.count);
  }

  function spend(key: string, limit: RateLimit, t: number): void {
    const b = buckets.get(key);
    const tokens = (b ? level(b, t) : limit.count) - 1;
    buckets.delete(key);
    buckets.set(key, {
      tokens,
      at: t,
      fullAt: t + ((limit.count - tokens) * limit.windowMs) / limit.count,
      limit,
    });
  }

  return {
    take(keys) {
      const t = now();
      const named: ['user' | 'room', string, RateLimit][] = [];
      if (o.user) named.push(['user', `u:${keys.user}`, o.user]);
      if (o.room && keys.room !== undefined) named.push(['room', `r:${keys.room}`, o.room]);
      // Check every bucket before spending from any: a refused command costs nothing.
      for (const [scope, key, limit] of named) {
        const wait = check(key, limit, t);
        if (wait > 0) return { ok: false, scope, limit, retryAfterMs: wait };
      }
      for (const [, key, limit] of named) spend(key, limit, t);
      evict(t);
      return OK;
    },
    get size() {
      return buckets.size;
    },
  };
}

const PER: Record<number, string> = {
  1000: 'a second',
  60000: 'a minute',
  3600000: 'an hour',
  86400000: 'a day',
};

function every(windowMs: number): string {
  const named = PER[windowMs];
  if (named) return named;
  for (const [ms, unit] of [
    [86_400_000, 'days'],
    [3_600_000, 'hours'],
    [60_000, 'minutes'],
  ] as const) {
    if (windowMs % ms === 0) return `every ${windowMs / ms} ${unit}`;
  }
  return `every ${Math.round(windowMs / 1_000)} seconds`;
}

function wait(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1_000));
  if (s < 120) return s === 1 ? '1 second' : `${s} seconds`;
  return `${Math.ceil(s / 60)} minutes`;
}

/** The sentence a person reads when a limit is hit, e.g. "…(30 a minute); try again in 12 seconds." */
export function rateLimitSentence(d: Extract<RateDecision, { ok: false }>): string {
  const who = d.scope === 'user' ? "You're sending" : 'This room is sending';
  return `${who} commands faster than Dealroom accepts (${d.limit.count} ${every(d.limit.windowMs)}); try again in ${wait(d.retryAfterMs)}.`;
}

export const rateLimitNotice = (d: Extract<RateDecision, { ok: false }>) =>
  notice('warning', rateLimitSentence(d));
