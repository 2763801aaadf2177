// Argument checks shared by both stores: a bad argument is a caller bug and fails the same way (a
// RangeError, before anything is read or written) whichever store is behind the port.
import type { DealId } from '../core/ids.js';
import type { Commit } from '../core/store-port.js';

/** Page sizes and other counts: a positive integer (Redis would read 0 as "everything"). */
export function requireLimit(limit: number, name = 'limit'): number {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`${name} must be a positive integer`);
  return limit;
}

export function requireVersion(version: number, name: string): number {
  if (!Number.isSafeInteger(version) || version < 0) {
    throw new RangeError(`${name} must be a non-negative integer`);
  }
  return version;
}

export function requireTime(value: number, name: string): number {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite number`);
  return value;
}

/** The deal whose timeline a commit appends to; null when it appends nothing. */
export function timelineTarget(c: Commit): DealId | null {
  if (!c.entries?.length) return null;
  const fromState = c.deal?.state.id;
  if (fromState && c.timelineOf && fromState !== c.timelineOf) {
    throw new RangeError(`commit appends to ${c.timelineOf} but saves deal ${fromState}`);
  }
  const target = c.timelineOf ?? fromState;
  if (!target) throw new RangeError('commit has entries but neither deal nor timelineOf');
  return target;
}
