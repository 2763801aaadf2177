// Button and card action ids, in one place (Slack action_id / callback_id, Teams Action.Execute
// verb), and the payload every button carries. Adapters validate payloads with ActionPayload at
// their trust boundary before building a Command; manifests are tested against these ids.
import { z } from 'zod';
import type { Command } from './commands.js';
import { DEAL_ID_PATTERN, type DealId, type PersonRef } from './ids.js';
import { TIMELINE_FILTERS } from './model.js';

export const ACTION = {
  handoffAccept: 'handoff.accept',
  handoffDecline: 'handoff.decline',
  handoffReassign: 'handoff.reassign',
  timelineOlder: 'timeline.older',
  timelineNewer: 'timeline.newer',
  timelineFilter: 'timeline.filter',
  inboxDone: 'inbox.done',
} as const;
export type ActionId = (typeof ACTION)[keyof typeof ACTION];
export const ACTION_IDS: readonly ActionId[] = Object.values(ACTION);

/** Slack modal asking for a decline reason (view callback_id). */
export const DECLINE_MODAL = 'handoff.decline.reason';

/** Teams Universal Actions `refresh` verb: the card asking for its current state, not a user action. */
export const CARD_REFRESH = 'card.refresh';

const id = z.string().regex(/^[a-z0-9]{1,32}$/);
const cursor = z.string().regex(/^\d{1,16}-\d{1,16}$/);

/** What a button carries: short keys keep Slack `value` (≤ 2000 chars) and card data small. */
export const ActionPayload = z.object({
  d: z
    .string()
    .regex(DEAL_ID_PATTERN)
    .transform((s) => s as DealId)
    .optional(),
  h: id.optional(),
  c: cursor.optional(),
  f: z.enum(TIMELINE_FILTERS).optional(),
  i: z.string().max(200).optional(),
});
export type ActionPayload = z.infer<typeof ActionPayload>;

export type ActionInput =
  | { readonly action: typeof ACTION.handoffAccept; readonly payload: ActionPayload }
  | {
      readonly action: typeof ACTION.handoffDecline;
      readonly payload: ActionPayload;
      readonly reason: string;
    }
  | {
      readonly action: typeof ACTION.handoffReassign;
      readonly payload: ActionPayload;
      readonly to: PersonRef;
    }
  | {
      readonly action:
        | typeof ACTION.timelineOlder
        | typeof ACTION.timelineNewer
        | typeof ACTION.timelineFilter;
      readonly payload: ActionPayload;
    }
  | { readonly action: typeof ACTION.inboxDone; readonly payload: ActionPayload };

/** A validated action → the command it means, or a sentence saying what is missing. */
export function commandForAction(input: ActionInput): Command | { readonly error: string } {
  const p = input.payload;
  switch (input.action) {
    case ACTION.handoffAccept:
      return p.d && p.h
        ? { kind: 'accept', dealId: p.d, handoffId: p.h }
        : { error: 'That button is missing its handoff.' };
    case ACTION.handoffDecline: {
      const reason = input.reason.trim();
      if (!p.d || !p.h) return { error: 'That button is missing its handoff.' };
      if (!reason) return { error: 'Please give a reason for declining, so the SDR knows what to do next.' };
      if (reason.length > 500) return { error: 'A decline reason can be at most 500 characters.' };
      return { kind: 'decline', reason, dealId: p.d, handoffId: p.h };
    }
    case ACTION.handoffReassign:
      return p.d && p.h
        ? { kind: 'reassign', to: input.to, dealId: p.d, handoffId: p.h }
        : { error: 'That button is missing its handoff.' };
    case ACTION.timelineOlder:
      return { kind: 'timeline', filter: p.f ?? 'all', ...(p.c ? { before: p.c } : {}) };
    case ACTION.timelineNewer:
      return { kind: 'timeline', filter: p.f ?? 'all', ...(p.c ? { after: p.c } : {}) };
    case ACTION.timelineFilter:
      return { kind: 'timeline', filter: p.f ?? 'all' };
    case ACTION.inboxDone:
      return p.i ? { kind: 'done', itemId: p.i } : { error: 'That button is missing its inbox item.' };
  }
}
