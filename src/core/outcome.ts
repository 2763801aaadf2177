// What a command or a timer produces: the reply to the person who acted, messages for rooms and
// people, and card updates. Nothing platform-specific: adapters render and deliver.
import type { DealId, PersonRef, Platform, RoomRef } from './ids.js';
import type { TimelineEntry } from './model.js';
import type { View } from './views.js';

export interface CommandContext {
  readonly actor: PersonRef;
  /** The channel the command came from; null for a direct message or a card outside any room. */
  readonly room: RoomRef | null;
  readonly via: Platform;
}

export type Audience =
  | { readonly kind: 'room'; readonly room: RoomRef }
  | { readonly kind: 'person'; readonly person: PersonRef };

export interface Notification {
  readonly to: Audience;
  readonly view: View;
  /** Set for handoff cards, so the copy can be found and updated later. */
  readonly cardKey?: string;
}

/** Every posted copy of the card with this key should now show `view`. */
export interface CardUpdate {
  readonly dealId: DealId;
  readonly cardKey: string;
  readonly view: View;
}

export interface Outcome {
  readonly reply: View;
  /** 'room': everyone in the channel sees it; 'private': only the actor (ephemeral / personal). */
  readonly visibility: 'room' | 'private';
  /** Set when the reply is itself a card that must be kept up to date (a new handoff). */
  readonly replyCardKey?: string;
  readonly notifications: readonly Notification[];
  readonly updates: readonly CardUpdate[];
  /** Entries committed, with their stream ids. */
  readonly entries: readonly TimelineEntry[];
  /** The deal this outcome concerns, when any. */
  readonly dealId?: DealId;
  /** True when nothing was written (read-only commands, refusals, errors). */
  readonly readOnly: boolean;
  /**
   * The reply holds a secret for the actor alone (a one-time link code): where a platform has no
   * message only one person sees (Teams channels), it goes to their direct chat instead.
   */
  readonly confidential?: boolean;
  /** A retried delivery of a request that already took effect: adapters send nothing. */
  readonly duplicate?: boolean;
}

export const handoffCardKey = (handoffId: string): string => `handoff:${handoffId}`;
