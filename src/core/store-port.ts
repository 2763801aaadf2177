// The storage port. The core talks only to this interface; src/store/redis and src/store/memory
// implement it and pass the same contract tests (tests/store/contract.ts).
import type { DealId, PersonRef, RoomRef, WorkspaceRef } from './ids.js';
import type { Deal, Handoff, InboxItem, TimelineEntry, TimelineFilter, WorkspaceConfig } from './model.js';

/** What one command reads before deciding: one round trip. */
export interface Snapshot {
  readonly deal: Deal | null;
  /** Every handoff of the deal, by id (a deal has a handful, never thousands). */
  readonly handoffs: ReadonlyMap<string, Handoff>;
  readonly config: WorkspaceConfig;
}

/**
 * One atomic write: every check passes and every write lands, or nothing is written.
 * One round trip (a Lua script on Redis).
 */
export interface Commit {
  /**
   * Idempotency inside the commit: refused as 'duplicate' (nothing written) when this key already
   * committed within `ttlMs`. Claimed in the same atomic step as the writes, so a request that
   * failed before committing can still be retried, and one that committed cannot apply twice.
   */
  readonly once?: { readonly source: string; readonly id: string; readonly ttlMs: number };
  /**
   * The commit applies only while the state a decision was made on is still the stored state: the
   * room is still bound to `dealId`, the deal is still at `dealVersion` and the workspace config at
   * `configVersion` (else 'stale', nothing written). Set when the decision used a remembered
   * snapshot instead of one read for it (snapshot-cache.ts).
   */
  readonly guard?: {
    readonly room: RoomRef;
    readonly dealId: DealId;
    readonly dealVersion: number;
    readonly ws: WorkspaceRef;
    readonly configVersion: number;
  };
  /** The deal's new state, written only if the stored version still equals `expectedVersion` (0 = create). */
  readonly deal?: { readonly state: Deal; readonly expectedVersion: number };
  readonly handoffs?: readonly Handoff[];
  /** Appended to the deal's timeline in order (the deal of `deal.state`, or `timelineOf`). */
  readonly entries?: readonly TimelineEntry[];
  readonly timelineOf?: DealId;
  /** Room → deal bindings; refused (whole commit) when a room is bound to another deal. */
  readonly bindRooms?: readonly { readonly room: RoomRef; readonly dealId: DealId }[];
  readonly unbindRooms?: readonly { readonly room: RoomRef; readonly dealId: DealId }[];
  /** The commit applies only while this item is open in this person's inbox (else 'gone'). */
  readonly requireInbox?: { readonly owner: PersonRef; readonly itemId: string };
  readonly inboxAdd?: readonly { readonly owner: PersonRef; readonly item: InboxItem }[];
  readonly inboxRemove?: readonly { readonly owner: PersonRef; readonly itemId: string }[];
  readonly timersAdd?: readonly { readonly id: string; readonly dueAt: number }[];
  readonly timersCancel?: readonly string[];
  /** Issues a one-time link code (`/deal share`), stored only as its hash, expiring after `ttlMs`. */
  readonly codeIssue?: { readonly hash: string; readonly dealId: DealId; readonly ttlMs: number };
  /**
   * Uses a link code: the commit applies only while the code is unused and names this deal (else
   * 'gone'), and marks it used in the same atomic step, so two rooms racing for one code get one link.
   */
  readonly codeUse?: { readonly hash: string; readonly dealId: DealId };
  /**
   * After the writes, in the same atomic step and round trip: the owner's inbox as `inboxPage` reads
   * it (newest `limit` open items and the count). What a Done click answers with.
   */
  readonly readInbox?: { readonly owner: PersonRef; readonly limit: number };
  /** Workspace settings, compare-and-set on their own version. */
  readonly config?: {
    readonly ws: WorkspaceRef;
    readonly state: WorkspaceConfig;
    readonly expectedVersion: number;
  };
}

export type CommitResult =
  | { readonly ok: true; readonly entryIds: readonly string[]; readonly inbox?: InboxPage }
  | {
      readonly ok: false;
      readonly conflict: 'version' | 'room-taken' | 'config-version' | 'duplicate' | 'gone' | 'stale';
    };

export interface TimelineQuery {
  readonly filter: TimelineFilter;
  /** Older than this cursor (exclusive); newest first. */
  readonly before?: string;
  /** Newer than this cursor (exclusive). */
  readonly after?: string;
  readonly limit: number;
}

export interface TimelinePage {
  /** Newest first. */
  readonly entries: readonly TimelineEntry[];
  /** Cursor for the next older page, or null at the beginning of history. */
  readonly older: string | null;
  /** Cursor for the next newer page, or null when this page holds the newest entry. */
  readonly newer: string | null;
}

export interface InboxPage {
  readonly items: readonly InboxItem[];
  readonly total: number;
}

export interface Store {
  readonly kind: 'redis' | 'memory';
  /** The deal bound to a room (if any), its handoffs, and the room's workspace settings. */
  loadRoom(room: RoomRef): Promise<Snapshot>;
  /** A deal by id, with its handoffs and the given workspace's settings. */
  loadDeal(dealId: DealId, ws: WorkspaceRef): Promise<Snapshot>;
  loadConfig(ws: WorkspaceRef): Promise<WorkspaceConfig>;
  commit(commit: Commit): Promise<CommitResult>;
  timeline(dealId: DealId, query: TimelineQuery): Promise<TimelinePage>;
  /** The deal a link code (by its hash) was issued for, and whether it was used; null if unknown or expired. */
  linkCode(hash: string): Promise<{ readonly dealId: DealId; readonly used: boolean } | null>;
  /** Open items, newest first. */
  inbox(owner: PersonRef, limit: number): Promise<readonly InboxItem[]>;
  /** The newest `limit` open items and how many are open in all, in one round trip. */
  inboxPage(owner: PersonRef, limit: number): Promise<InboxPage>;
  /** Deals of a workspace by last activity, newest first. */
  recentDeals(ws: WorkspaceRef, limit: number): Promise<readonly DealId[]>;
  /** Idempotency: true the first time `source:id` is claimed within `ttlMs`, false on every repeat. */
  claimOnce(source: string, id: string, ttlMs: number): Promise<boolean>;
  /**
   * Timers due at `now`: each returned id is leased for `leaseMs` (other replicas will not see it
   * until the lease runs out), so a crash mid-handling means a retry, not a loss.
   */
  claimDueTimers(now: number, leaseMs: number, limit: number): Promise<readonly string[]>;
  cancelTimer(id: string): Promise<void>;
  /** Posted copies of a card (e.g. every message showing one handoff), so they can all be updated. */
  addCardRef(dealId: DealId, cardKey: string, ref: string): Promise<void>;
  cardRefs(dealId: DealId, cardKey: string): Promise<readonly string[]>;
  /**
   * Small per-adapter records that are not deal state: a Teams conversation reference, a Slack DM
   * channel id, a room's listen setting. `ns` names the kind; a TTL makes one expire.
   */
  putRef(ns: string, key: string, value: string, ttlMs?: number): Promise<void>;
  getRef(ns: string, key: string): Promise<string | null>;
  /** Throws StoreUnavailableError when the backend cannot be reached in time. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
