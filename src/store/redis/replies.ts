// Narrowing of raw Redis replies (typed `unknown` on purpose): a reply of an unexpected shape means
// the data or a script is not what this code wrote, so it is reported as STORE_CORRUPT.
import { CodedError } from '../../core/errors.js';
import type { StreamRecord } from '../stream-id.js';

const corrupt = (what: string): CodedError =>
  new CodedError('STORE_CORRUPT', `unexpected Redis reply: ${what}`);

export function asArray(reply: unknown, what: string): readonly unknown[] {
  if (!Array.isArray(reply)) throw corrupt(`${what} is not an array`);
  return reply;
}

export function asString(reply: unknown, what: string): string {
  if (typeof reply !== 'string') throw corrupt(`${what} is not a string`);
  return reply;
}

/** Lua `false` and a missing key both arrive as null. */
export function asOptionalString(reply: unknown, what: string): string | null {
  return reply === null || reply === undefined ? null : asString(reply, what);
}

/** `[field, value, field, value, …]` (HGETALL inside a script) as a map. */
export function asFieldMap(reply: unknown, what: string): Map<string, string> {
  const flat = asArray(reply, what);
  if (flat.length % 2 !== 0) throw corrupt(`${what} has an odd number of elements`);
  const map = new Map<string, string>();
  for (let i = 0; i < flat.length; i += 2) map.set(asString(flat[i], what), asString(flat[i + 1], what));
  return map;
}

/** XRANGE/XREVRANGE: `[[id, [field, value, …]], …]`; the document is in field `j`. */
export function asStreamRecords(reply: unknown, what: string): StreamRecord[] {
  return asArray(reply, what).map((item) => {
    const [id, fields] = asArray(item, what);
    const map = asFieldMap(fields, what);
    const json = map.get('j');
    if (json === undefined) throw corrupt(`${what} entry without field j`);
    return { id: asString(id, what), json };
  });
}
