// The deal aggregate and everything stored beside it. Plain data: the store serialises it as JSON.
import type { DealId, PersonRef, Platform, RoomRef, WorkspaceId, WorkspaceRef } from './ids.js';
import type { BuyingRole, Model, ResearchCategory, Role, Stage } from './playbooks.js';

export interface Member {
  readonly person: PersonRef;
  readonly roles: readonly Role[];
  readonly addedAt: number;
}

export interface Stakeholder {
  readonly name: string;
  readonly role: BuyingRole;
  readonly title?: string;
  readonly addedAt: number;
}

export interface Outcome {
  readonly result: 'won' | 'lost';
  readonly reason?: string;
  readonly at: number;
}

export interface Deal {
  readonly id: DealId;
  readonly name: string;
  readonly model: Model;
  readonly stage: Stage;
  readonly outcome?: Outcome;
  /** The workspace the deal was created in: its tenant for isolation. */
  readonly home: WorkspaceRef;
  /** Every room bound to this deal, possibly on both platforms. */
  readonly rooms: readonly RoomRef[];
  readonly owner: PersonRef;
  readonly members: readonly Member[];
  readonly stakeholders: readonly Stakeholder[];
  readonly researchCount: number;
  /** Rooms (roomKey) where plain messages are not recorded as tags (`listen off`). */
  readonly quietRooms?: readonly string[];
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Compare-and-set version; the store bumps it on every commit. 0 = not yet stored. */
  readonly version: number;
}

export type HandoffState = 'pending' | 'accepted' | 'declined' | 'reassigned';

export interface Handoff {
  readonly id: string;
  readonly dealId: DealId;
  readonly from: PersonRef;
  readonly to: PersonRef;
  readonly note: string;
  /** True when the target was picked round-robin from the workspace's AM pool. */
  readonly viaPool: boolean;
  readonly state: HandoffState;
  readonly createdAt: number;
  readonly dueAt: number;
  readonly remindedAt?: number;
  readonly escalatedAt?: number;
  readonly decidedAt?: number;
  readonly decidedBy?: PersonRef;
  readonly reason?: string;
  /** For `reassigned`: the id of the new pending handoff that replaced this one. */
  readonly next?: string;
}

export type Actor = PersonRef | { readonly platform: 'system'; readonly name: 'Dealroom' };
export const SYSTEM_ACTOR: Actor = { platform: 'system', name: 'Dealroom' };

interface EntryBase {
  /** Stream id assigned by the store on append (`<ms>-<seq>`); the paging cursor. */
  readonly id?: string;
  readonly at: number;
  readonly actor: Actor;
  /** Which platform the action came from ('system' for timers). */
  readonly via: Platform | 'system';
}

export type TimelineEntry = EntryBase &
  (
    | { readonly kind: 'deal-created'; readonly name: string; readonly model: Model; readonly stage: Stage }
    | { readonly kind: 'room-linked'; readonly room: RoomRef }
    /** A one-time link code was issued (the code itself is never recorded). */
    | { readonly kind: 'room-shared'; readonly expiresAt: number }
    | { readonly kind: 'room-unlinked'; readonly room: RoomRef }
    | { readonly kind: 'stage-moved'; readonly from: Stage; readonly to: Stage }
    | {
        readonly kind: 'deal-closed';
        readonly result: 'won' | 'lost';
        readonly reason?: string;
        readonly from: Stage;
      }
    | {
        readonly kind: 'tag';
        readonly tagId: string;
        readonly text: string;
        readonly mentions: readonly PersonRef[];
        readonly roles: readonly Role[];
        readonly permalink?: string;
      }
    | { readonly kind: 'tag-done'; readonly tagId: string }
    | {
        readonly kind: 'research';
        readonly category: ResearchCategory;
        readonly text: string;
        readonly link?: string;
      }
    | {
        readonly kind: 'member-added';
        readonly person: PersonRef;
        readonly role: Role;
        readonly note?: string;
      }
    | { readonly kind: 'stakeholder-added'; readonly stakeholder: Stakeholder }
    | {
        readonly kind: 'handoff-requested';
        readonly handoffId: string;
        readonly to: PersonRef;
        readonly note: string;
        readonly viaPool: boolean;
      }
    | { readonly kind: 'handoff-accepted'; readonly handoffId: string; readonly to: PersonRef }
    | { readonly kind: 'handoff-declined'; readonly handoffId: string; readonly reason: string }
    | {
        readonly kind: 'handoff-reassigned';
        readonly handoffId: string;
        readonly to: PersonRef;
        readonly next: string;
      }
    | { readonly kind: 'handoff-reminded'; readonly handoffId: string; readonly to: PersonRef }
    | {
        readonly kind: 'handoff-escalated';
        readonly handoffId: string;
        readonly managers: readonly PersonRef[];
      }
  );

export type EntryKind = TimelineEntry['kind'];
export const TIMELINE_FILTERS = ['all', 'research', 'handoffs', 'tags'] as const;
export type TimelineFilter = (typeof TIMELINE_FILTERS)[number];
export type EntryCategory = Exclude<TimelineFilter, 'all'>;

/** Which filtered stream (besides `all`) an entry is also appended to; null = only `all`. */
export function entryCategory(kind: EntryKind): EntryCategory | null {
  if (kind === 'research') return 'research';
  if (kind === 'tag' || kind === 'tag-done') return 'tags';
  if (kind.startsWith('handoff-')) return 'handoffs';
  return null;
}

/** An open item in a person's inbox: a tag naming them, or a handoff waiting for their answer. */
export interface InboxItem {
  readonly id: string;
  readonly kind: 'tag' | 'handoff';
  readonly dealId: DealId;
  readonly dealName: string;
  readonly from: PersonRef;
  readonly text: string;
  readonly at: number;
  /** tagId or handoffId */
  readonly ref: string;
}

export const tagInboxId = (dealId: DealId, tagId: string): string => `tag:${dealId}:${tagId}`;
/** The deal and tag an inbox id names (`tag:<dealId>:<tagId>`), or null for anything else. */
export function parseTagInboxId(id: string): { dealId: DealId; tagId: string } | null {
  const m = /^tag:(D-[0-9A-Z]{6}):([a-z0-9]{1,32})$/.exec(id);
  return m?.[1] && m[2] ? { dealId: m[1] as DealId, tagId: m[2] } : null;
}
export const handoffInboxId = (dealId: DealId, handoffId: string): string => `handoff:${dealId}:${handoffId}`;

/** Workspace-level settings (`config am-pool …`, `config managers …`). */
export interface WorkspaceConfig {
  readonly amPool: readonly PersonRef[];
  readonly managers: readonly PersonRef[];
  /** Round-robin cursor into amPool. */
  readonly nextAm: number;
  readonly version: number;
}
export const EMPTY_CONFIG: WorkspaceConfig = { amPool: [], managers: [], nextAm: 0, version: 0 };

/**
 * SLA timers are identified deterministically, so scheduling one twice is one timer. The id carries
 * the workspace the handoff was made in, whose managers are the escalation targets, so firing a
 * timer is one read.
 */
export type TimerKind = 'remind' | 'escalate';
export const timerId = (kind: TimerKind, ws: WorkspaceRef, dealId: DealId, handoffId: string): string =>
  [kind, ws.platform, encodeURIComponent(ws.workspace), dealId, handoffId].join('|');

export function parseTimerId(
  id: string,
): { kind: TimerKind; ws: WorkspaceRef; dealId: DealId; handoffId: string } | null {
  const [kind, platform, workspace, dealId, handoffId, ...rest] = id.split('|');
  if ((kind !== 'remind' && kind !== 'escalate') || (platform !== 'slack' && platform !== 'teams'))
    return null;
  if (!workspace || !dealId || !handoffId || rest.length) return null;
  try {
    return {
      kind,
      ws: { platform, workspace: decodeURIComponent(workspace) as WorkspaceId },
      dealId: dealId as DealId,
      handoffId,
    };
  } catch {
    return null;
  }
}
