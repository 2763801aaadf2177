// What Dealroom's Teams buttons carry, in one place: the verb (ACTION ids from the core), the
// validated payload, and the ids of the inputs some buttons submit. Templates read these through
// the render data, so no id is spelled in a card file.
import { z } from 'zod';
import { ACTION, ACTION_IDS, type ActionId, ActionPayload, CARD_REFRESH } from '../core/actions.js';

/** Teams-only verb for `refresh` (Universal Actions): not a user action, so it is not in ACTION. */
export const REFRESH_VERB = CARD_REFRESH;

/** Key under which every button's data repeats its verb: Action.Submit (the fallback) has no verb. */
export const VERB_KEY = 'dealroom';

/** Ids of the inputs on the handoff card (decline reason, reassign people picker). */
export const INPUT = { reason: 'reason', reassignTo: 'reassignTo' } as const;

export type CardVerb = ActionId | typeof REFRESH_VERB;

/** A button's `data`: the verb again (for Action.Submit) and the core's short payload keys. */
export function buttonData(verb: CardVerb, payload: ActionPayload): Record<string, string> {
  const data: Record<string, string> = { [VERB_KEY]: verb };
  for (const [k, v] of Object.entries(payload)) if (typeof v === 'string') data[k] = v;
  return data;
}

export const button = (verb: CardVerb, payload: ActionPayload) => ({ verb, data: buttonData(verb, payload) });

const KNOWN_VERBS = new Set<string>([...ACTION_IDS, REFRESH_VERB]);
const Inputs = z.object({
  [INPUT.reason]: z.string().max(4000).optional(),
  [INPUT.reassignTo]: z.string().max(200).optional(),
});

export interface ParsedClick {
  readonly verb: CardVerb;
  readonly payload: ActionPayload;
  readonly reason: string;
  readonly reassignTo: string;
}

/**
 * A click's verb and data (from an invoke or an Action.Submit message) → a validated click, or null
 * when it is not one of our buttons (another app's card, a card from an older release, tampering).
 */
export function parseClick(verb: unknown, data: unknown): ParsedClick | null {
  const record =
    data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  const named = typeof verb === 'string' && verb !== '' ? verb : record[VERB_KEY];
  if (typeof named !== 'string' || !KNOWN_VERBS.has(named)) return null;
  const payload = ActionPayload.safeParse(record);
  const inputs = Inputs.safeParse(record);
  if (!payload.success || !inputs.success) return null;
  return {
    verb: named as CardVerb,
    payload: payload.data,
    reason: inputs.data[INPUT.reason] ?? '',
    reassignTo: inputs.data[INPUT.reassignTo]?.trim() ?? '',
  };
}

export const isHandoffVerb = (verb: CardVerb): boolean =>
  verb === ACTION.handoffAccept || verb === ACTION.handoffDecline || verb === ACTION.handoffReassign;
