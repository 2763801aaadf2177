// Platform-neutral view models: what the Slack and Teams card templates (cards/) expand. Plain,
// JSON-safe data; times as epoch ms plus a preformatted UTC string so templates need no logic.

import type { CommandName } from './commands.js';
import type { DealId, PersonRef, Platform } from './ids.js';
import type { HandoffState, TimelineFilter } from './model.js';

export interface PersonView {
  readonly name: string;
  /** Present for real people, so adapters can render a platform mention. */
  readonly ref?: PersonRef;
}

export interface SummaryView {
  readonly kind: 'summary';
  readonly dealId: DealId;
  readonly name: string;
  readonly model: string;
  readonly stage: string;
  readonly stages: readonly { readonly label: string; readonly state: 'done' | 'current' | 'todo' }[];
  readonly outcome?: string;
  readonly owner: PersonView;
  readonly members: readonly { readonly person: PersonView; readonly roles: string }[];
  readonly stakeholders: readonly { readonly name: string; readonly role: string; readonly title?: string }[];
  readonly researchCount: number;
  readonly openHandoffs: number;
  readonly rooms: readonly { readonly platform: string }[];
  readonly headline?: string;
}

export interface TimelineItemView {
  readonly id: string;
  readonly at: number;
  readonly when: string;
  readonly actor: PersonView;
  readonly via: string;
  readonly icon: string;
  readonly text: string;
  readonly link?: string;
}

export interface TimelineView {
  readonly kind: 'timeline';
  readonly dealId: DealId;
  readonly dealName: string;
  readonly filter: TimelineFilter;
  readonly items: readonly TimelineItemView[];
  /** Cursors for the Older / Newer buttons; null hides the button. */
  readonly older: string | null;
  readonly newer: string | null;
  readonly empty: string;
}

export interface HandoffView {
  readonly kind: 'handoff';
  readonly dealId: DealId;
  readonly dealName: string;
  readonly handoffId: string;
  readonly from: PersonView;
  readonly to: PersonView;
  readonly note: string;
  readonly state: HandoffState;
  /** One line for the card's status area, e.g. "Accepted by Ann at 14:02 UTC". */
  readonly status: string;
  readonly createdAt: number;
  readonly due: string;
  /** Buttons are shown only while pending. */
  readonly open: boolean;
  /** Who may answer (target and managers): Teams `refresh.userIds`, and the refusal sentence. */
  readonly canAct: readonly PersonRef[];
  /** A sentence for the one person who clicked (e.g. a refusal), shown on their copy only. */
  readonly notice?: string;
}

export interface ResearchView {
  readonly kind: 'research';
  readonly dealId: DealId;
  readonly dealName: string;
  readonly total: number;
  readonly groups: readonly {
    readonly category: string;
    readonly label: string;
    readonly findings: readonly {
      readonly text: string;
      readonly link?: string;
      readonly by: PersonView;
      readonly when: string;
    }[];
  }[];
  readonly empty: string;
}

export interface InboxView {
  readonly kind: 'inbox';
  readonly owner: PersonView;
  readonly items: readonly {
    readonly id: string;
    readonly kind: 'tag' | 'handoff';
    readonly dealId: DealId;
    readonly dealName: string;
    readonly from: PersonView;
    readonly text: string;
    readonly when: string;
  }[];
  /** How many items are open in all; `items` holds the newest of them. */
  readonly total: number;
  readonly empty: string;
}

export interface HelpView {
  readonly kind: 'help';
  readonly topic?: CommandName;
  readonly title: string;
  readonly lines: readonly { readonly usage: string; readonly summary: string }[];
  readonly examples: readonly string[];
}

export interface NoticeView {
  readonly kind: 'notice';
  readonly tone: 'info' | 'success' | 'warning' | 'error';
  readonly text: string;
  /** The usage line, for errors about a command's shape. */
  readonly usage?: string;
  readonly people?: readonly PersonView[];
}

export type View =
  | SummaryView
  | TimelineView
  | HandoffView
  | ResearchView
  | InboxView
  | HelpView
  | NoticeView;
export type ViewKind = View['kind'];

export const notice = (tone: NoticeView['tone'], text: string, usage?: string): NoticeView =>
  usage === undefined ? { kind: 'notice', tone, text } : { kind: 'notice', tone, text, usage };

const pad = (n: number) => String(n).padStart(2, '0');
/** "2026-11-24 14:02 UTC": one unambiguous format on both platforms. */
export function formatWhen(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

export const personView = (p: PersonRef): PersonView => ({ name: p.name, ref: p });

/**
 * The newest open items an inbox shows, per platform; the view says how many more are open, and
 * marking these done brings the older ones in. Every Done click answers with this list, so it is
 * kept short, and only what the platform shows is read: a Teams card of 10 stays under 10 KB
 * (teams/render/prepare-lists.ts), a Slack message takes 20.
 */
export const INBOX_LIMITS: Readonly<Record<Platform, number>> = { slack: 20, teams: 10 };
