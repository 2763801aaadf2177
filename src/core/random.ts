// The core's random bytes, drawn from a pool, and the ids of tags and handoffs made from them.
import { randomBytes } from 'node:crypto';

const ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/**
 * Cryptographic random bytes drawn from a 4 KB block: one `randomBytes` call per few hundred ids
 * instead of one per id (a per-call cost that showed in profiles of the write path). Every byte is
 * handed out once.
 */
export function pooledRandom(): (n: number) => Uint8Array {
  let pool = new Uint8Array(0);
  let at = 0;
  return (n) => {
    if (at + n > pool.length) {
      pool = randomBytes(Math.max(4096, n));
      at = 0;
    }
    at += n;
    return pool.subarray(at - n, at);
  };
}

/** A fresh random id (tags, handoffs): 12 base32 chars. */
export function newEntityId(random: (n: number) => Uint8Array): string {
  let id = '';
  // A plain loop: Array.from(…).join('') allocated an array per id on the write path.
  for (const b of random(12)) id += ID_ALPHABET[b & 31];
  return id;
}
