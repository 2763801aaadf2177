// The machinery every handler shares: the snapshot it decides on, the clock, ids, and a commit that
// turns a lost compare-and-set race into a retry of the whole decision on fresh state.

import type { DealId, PersonRef, RoomRef, WorkspaceRef } from './ids.js';
import { personKey, sameRoom, sameWorkspace } from './ids.js';
import type { LinkCode } from './link-code.js';
import type { Deal, TimelineEntry } from './model.js';
import type { CommandContext, Notification, Outcome } from './outcome.js';
import { changesSnapshot } from './snapshot-cache.js';
import type { Commit, CommitResult, Snapshot, Store } from './store-port.js';
import type { View } from './views.js';

export interface Env {
  readonly ctx: CommandContext;
  readonly snap: Snapshot;
  readonly store: Store;
  readonly now: number;
  readonly slaMs: number;
  /** A fresh random id (tags, handoffs): 12 base32 chars. */
  newId(): string;
  newDealId(): DealId;
  /** A fresh one-time link code (`share`). */
  newLinkCode(): LinkCode;
  /** The request's idempotency key (a platform event or activity id), claimed inside the commit. */
  readonly once?: Commit['once'];
  /** The decision uses a remembered snapshot: its commits apply only while it is still current. */
  readonly guard?: Commit['guard'];
  /** Told when a commit changed what the room's snapshot holds (the remembered one is forgotten). */
  readonly snapshotChanged?: () => void;
}

/** Thrown when the request's idempotency key already committed: a retried delivery. */
export class DuplicateRequest extends Error {
  override name = 'DuplicateRequest';
}

/** Thrown by `commitOrRetry` when another writer got there first: the core re-reads and decides again. */
export class RetryDecision extends Error {
  override name = 'RetryDecision';
}

/** Commits; a version conflict becomes a retry. Returns entry ids, or why a precondition failed. */
export async function commitOrRetry(
  env: Env,
  commit: Commit,
): Promise<readonly string[] | 'room-taken' | 'gone'> {
  const result = await committed(env, commit);
  return typeof result === 'string' ? result : result.entryIds;
}

/** As commitOrRetry, with the whole result (for a commit that also reads, e.g. `readInbox`). */
export async function committed(
  env: Env,
  commit: Commit,
): Promise<Extract<CommitResult, { ok: true }> | 'room-taken' | 'gone'> {
  // One copy with the request's key and guard set on it (no throwaway objects to spread).
  const full: { -readonly [K in keyof Commit]: Commit[K] } = { ...commit };
  if (env.once) full.once = env.once;
  if (env.guard) full.guard = env.guard;
  const result = await env.store.commit(full);
  if (result.ok) {
    if (changesSnapshot(commit)) env.snapshotChanged?.();
    return result;
  }
  if (result.conflict === 'room-taken' || result.conflict === 'gone') return result.conflict;
  if (result.conflict === 'duplicate') throw new DuplicateRequest();
  throw new RetryDecision(result.conflict);
}

/** For commits that bind no room: any conflict is a lost race, so decide again on fresh state. */
export async function commitWrite(env: Env, commit: Commit): Promise<readonly string[]> {
  const result = await committed(env, commit);
  if (typeof result === 'string') throw new RetryDecision(result);
  return result.entryIds;
}

export const withIds = (entries: readonly TimelineEntry[], ids: readonly string[]): TimelineEntry[] =>
  entries.map((e, i) => ({ ...e, id: ids[i] }));

export function replyOnly(reply: View, visibility: 'room' | 'private' = 'private', dealId?: DealId): Outcome {
  return { reply, visibility, notifications: [], updates: [], entries: [], readOnly: true, dealId };
}

export const refuse = (text: string, usage?: string): Outcome =>
  replyOnly(
    usage === undefined
      ? { kind: 'notice', tone: 'warning', text }
      : { kind: 'notice', tone: 'warning', text, usage },
  );

/** The workspace a command acts in: its room's, or (in a direct message) the actor's. */
export const workspaceOf = (ctx: CommandContext): WorkspaceRef => {
  const { platform, workspace } = ctx.room ?? ctx.actor;
  return { platform, workspace };
};

/** Every room of the deal other than the one the command came from (rooms on the other platform too). */
export function otherRooms(deal: Deal, from: RoomRef | null): RoomRef[] {
  return deal.rooms.filter((r) => !from || !sameRoom(r, from));
}

/** Room notifications mirroring a room-visible reply into the deal's other rooms. */
export const toOtherRooms = (deal: Deal, from: RoomRef | null, view: View, cardKey?: string) =>
  otherRooms(deal, from).map((room) => ({ to: { kind: 'room' as const, room }, view, cardKey }));

/**
 * The outcome of a change the room should see: the reply in the room, the same view in the deal's
 * other rooms (on either platform), and any personal notifications.
 */
export function roomChange(
  env: Env,
  deal: Deal,
  view: View,
  entries: readonly TimelineEntry[],
  ids: readonly string[],
  personal: readonly Notification[] = [],
): Outcome {
  return {
    reply: view,
    visibility: 'room',
    notifications: [...toOtherRooms(deal, env.ctx.room, view), ...personal],
    updates: [],
    entries: withIds(entries, ids),
    dealId: deal.id,
    readOnly: false,
  };
}

/** Tenant isolation: a deal is visible from its home workspace and the workspaces of its rooms. */
export function dealVisibleFrom(deal: Deal, ws: WorkspaceRef): boolean {
  return sameWorkspace(deal.home, ws) || deal.rooms.some((r) => sameWorkspace(r, ws));
}

export const uniquePeople = (people: readonly PersonRef[]): PersonRef[] => {
  // Most lists (a tag's mentions) hold one person: nothing to compare, no set and no key strings.
  if (people.length < 2) return [...people];
  const seen = new Set<string>();
  return people.filter((p) => {
    const k = personKey(p);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
};
