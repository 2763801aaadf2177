// JSON as both stores keep it. Storing text (not objects) is also what makes the in-memory store
// behave like Redis: callers can never mutate stored state, and `undefined` fields vanish the same way.
import { CodedError } from '../core/errors.js';
import type { TimelineEntry } from '../core/model.js';

/**
 * Parses a stored document. The store trusts its own writes for the shape; text that is not a JSON
 * object means someone else wrote the key (or it was truncated), which no retry will fix.
 */
export function parseStored<T extends object>(json: string, what: string): T {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (cause) {
    throw new CodedError('STORE_CORRUPT', `stored ${what} is not valid JSON`, { cause });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CodedError('STORE_CORRUPT', `stored ${what} is not a JSON object`);
  }
  return value as T;
}

/** An entry without its id: the stream id is the id, set again on read. */
export const entryJson = (entry: TimelineEntry): string => JSON.stringify({ ...entry, id: undefined });

export function entryFromStored(id: string, json: string): TimelineEntry {
  return { ...parseStored<TimelineEntry>(json, `timeline entry ${id}`), id };
}
