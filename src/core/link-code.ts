// One-time link codes (`share` → `link <code>`): how a room on another platform or workspace joins a
// deal. A code grants access to a deal across tenants, so it is unguessable (80 random bits), short
// lived, good for one link, and stored only as a hash: a leaked Redis dump holds no usable code.
import { createHash } from 'node:crypto';
import { CODE_ALPHABET } from './ids.js';

export const LINK_CODE_TTL_MS = 15 * 60_000;
const LENGTH = 16;
const VALID = new RegExp(`^[${CODE_ALPHABET}]{${LENGTH}}$`);

export interface LinkCode {
  /** As shown: `K7F3-9QXM-2B8R-T4WZ`. */
  readonly display: string;
  /** As stored (hashed) and as `parseLinkCode` reads it back: `K7F39QXM2B8RT4WZ`. */
  readonly canonical: string;
}

/** 16 Crockford base32 characters (32 divides 256: no modulo bias). */
export function newLinkCode(random: (n: number) => Uint8Array): LinkCode {
  const canonical = Array.from(random(LENGTH), (b) => CODE_ALPHABET[b % 32]).join('');
  return { display: canonical.match(/.{4}/g)?.join('-') ?? canonical, canonical };
}

/**
 * The code in canonical form (no separators, upper case), or null. Forgiving the way people copy
 * codes: any case, with or without hyphens or spaces, O for 0 and I or L for 1.
 */
export function parseLinkCode(text: string): string | null {
  const code = text
    .toUpperCase()
    .replace(/[\s\-\u2010-\u2015]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return VALID.test(code) ? code : null;
}

/** What the store keeps instead of the code: SHA-256 of the canonical form. */
export const linkCodeHash = (canonical: string): string =>
  createHash('sha256').update(canonical).digest('hex');
