// The command union: what a user can ask of Dealroom, whichever platform and surface it came from.
// Text commands come from the parser (parse-command.ts); button clicks are built by the adapters
// from validated action payloads. Every handler switch over `kind` is exhaustive.
import type { DealId, PersonRef } from './ids.js';
import type { TimelineFilter } from './model.js';
import type { BuyingRole, Model, ResearchCategory, Role, Stage } from './playbooks.js';

/** The parser's input: mentions already resolved by the adapter (DESIGN.md §5). */
export interface CommandInput {
  /**
   * The command text without the bot's own mention or the `/deal` prefix. Each person the platform
   * resolved appears as `<@i>`, an index into `mentions`; the adapter escapes any other `<@`.
   */
  readonly text: string;
  readonly mentions: readonly PersonRef[];
}

export type StageMove =
  | { readonly to: 'show' }
  | { readonly to: 'next' }
  | { readonly to: 'stage'; readonly stage: Stage }
  | { readonly to: 'close'; readonly result: 'won' | 'lost'; readonly reason?: string };

export type Command =
  | { readonly kind: 'new'; readonly name: string; readonly model: Model; readonly createChannel: boolean }
  | { readonly kind: 'link'; readonly dealId: DealId }
  /** Link by a one-time code from `share` (canonical form): rooms of other platforms and workspaces. */
  | { readonly kind: 'link-code'; readonly code: string }
  | { readonly kind: 'share' }
  | { readonly kind: 'unlink' }
  | { readonly kind: 'status' }
  | { readonly kind: 'stage'; readonly move: StageMove }
  | {
      readonly kind: 'tag';
      readonly people: readonly PersonRef[];
      readonly roles: readonly Role[];
      /**
       * Typed `@name` words that are no platform mention: resolved against the deal's members, so a
       * teammate on the other platform (whom this platform cannot mention) can be tagged by name.
       */
      readonly names?: readonly string[];
      readonly text: string;
      /** Set when the tag came from listening to a plain message (Slack permalink, Teams link). */
      readonly permalink?: string;
      /** A plain message overheard in the room, not a command: refusals stay silent. */
      readonly passive?: boolean;
    }
  | {
      readonly kind: 'research';
      readonly category: ResearchCategory;
      readonly text: string;
      readonly link?: string;
    }
  | { readonly kind: 'research-list' }
  | {
      readonly kind: 'escalate';
      /** null with no `toName`: the workspace's AM pool. */
      readonly to: PersonRef | null;
      /** `@name` of a deal member on the other platform (see tag's `names`). */
      readonly toName?: string;
      readonly note: string;
    }
  | { readonly kind: 'loop-in'; readonly person: PersonRef; readonly role: Role; readonly note?: string }
  | {
      readonly kind: 'stakeholder-add';
      readonly name: string;
      readonly role: BuyingRole;
      readonly title?: string;
    }
  | {
      readonly kind: 'timeline';
      readonly filter: TimelineFilter;
      readonly before?: string;
      readonly after?: string;
    }
  | { readonly kind: 'inbox' }
  | { readonly kind: 'help'; readonly topic?: CommandName }
  | { readonly kind: 'config-show' }
  | { readonly kind: 'config-am-pool'; readonly people: readonly PersonRef[] }
  | { readonly kind: 'config-managers'; readonly people: readonly PersonRef[] }
  /** Handoff answers: by button (handoffId given) or by text in the deal room (the open handoff). */
  | { readonly kind: 'accept'; readonly dealId?: DealId; readonly handoffId?: string }
  | {
      readonly kind: 'decline';
      readonly reason: string;
      readonly dealId?: DealId;
      readonly handoffId?: string;
    }
  | {
      readonly kind: 'reassign';
      /** null with `toName`: someone on the other platform, named (see tag's `names`). */
      readonly to: PersonRef | null;
      readonly toName?: string;
      readonly dealId?: DealId;
      readonly handoffId?: string;
    }
  | { readonly kind: 'done'; readonly itemId: string }
  /** Whether plain messages in this room that mention teammates are recorded as tags. */
  | { readonly kind: 'listen'; readonly on: boolean };

export type CommandKind = Command['kind'];

/** The words a user types (help topics, "did you mean"). */
export const COMMAND_NAMES = [
  'new',
  'link',
  'share',
  'unlink',
  'status',
  'stage',
  'tag',
  'research',
  'escalate',
  'loop-in',
  'stakeholder',
  'timeline',
  'inbox',
  'help',
  'config',
  'accept',
  'decline',
  'reassign',
  'done',
  'listen',
] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

export type ParseResult =
  | { readonly ok: true; readonly command: Command }
  | {
      readonly ok: false;
      /** One human sentence saying what was wrong. */
      readonly error: string;
      /** The usage line of the command concerned (or the command list). */
      readonly usage: string;
    };
