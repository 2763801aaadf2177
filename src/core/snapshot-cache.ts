// Each replica remembers the last snapshot it read for a room, so a write in a busy room (a tag, the
// chattiest command) decides without first reading the room: one Redis round trip instead of two.
// Remembered state is never trusted on its own word:
// - a commit decided on it carries a guard (the room's deal, the deal's version, the config's
//   version), checked in the same atomic step as the writes; another replica's change makes it
//   'stale', and the core forgets the room and decides again on a fresh read;
// - an outcome that writes nothing (a refusal, a view) is never answered from memory: the core
//   decides again on a fresh read, so what a person is told is always current.
// Every change to a deal's document, its handoffs or its rooms bumps the deal's version, and the
// config has its own, so the guard covers everything a room snapshot holds.
import type { Commit, Snapshot } from './store-port.js';

/** Rooms remembered per replica; the oldest is forgotten first. */
const MAX_ROOMS = 2_000;

export class SnapshotCache {
  private readonly rooms = new Map<string, Snapshot>();

  constructor(private readonly max = MAX_ROOMS) {}

  get(room: string): Snapshot | undefined {
    return this.rooms.get(room);
  }

  /** Remembers a room's snapshot (frozen: handlers must not change what others will read). */
  remember(room: string, snap: Snapshot): void {
    if (!snap.deal) return;
    this.rooms.delete(room);
    if (this.rooms.size >= this.max) this.rooms.delete(this.rooms.keys().next().value as string);
    this.rooms.set(room, deepFreeze(snap));
  }

  forget(room: string): void {
    this.rooms.delete(room);
  }
}

/** The guard for a commit decided on `snap` in `room`. */
export function guardFor(room: NonNullable<Commit['guard']>['room'], snap: Snapshot): Commit['guard'] {
  if (!snap.deal) return undefined;
  return {
    room,
    dealId: snap.deal.id,
    dealVersion: snap.deal.version,
    ws: { platform: room.platform, workspace: room.workspace },
    configVersion: snap.config.version,
  };
}

/** Whether a commit changes what a room snapshot holds (then the remembered one is forgotten). */
export const changesSnapshot = (c: Commit): boolean =>
  c.deal !== undefined ||
  c.config !== undefined ||
  (c.handoffs?.length ?? 0) > 0 ||
  (c.bindRooms?.length ?? 0) > 0 ||
  (c.unbindRooms?.length ?? 0) > 0;

function deepFreeze<T>(value: T): T {
  if (value instanceof Map) {
    for (const v of value.values()) deepFreeze(v);
  } else if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return typeof value === 'object' && value !== null ? Object.freeze(value) : value;
}
