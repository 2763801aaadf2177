// What the three handoff answers and the SLA timers share.
import { managersOf, pendingHandoffs } from '../deal-ops.js';
import { type PersonRef, personKey, samePerson } from '../ids.js';
import type { Deal, Handoff } from '../model.js';
import { timerId } from '../model.js';
import { type CardUpdate, handoffCardKey, type Outcome } from '../outcome.js';
import { type Env, refuse, replyOnly, uniquePeople } from '../runtime.js';
import { handoffView } from '../view-builders.js';

export const canActOn = (deal: Deal, h: Handoff, env: Pick<Env, 'snap'>): PersonRef[] =>
  uniquePeople([h.to, ...managersOf(deal, env.snap.config)]);

export const slaTimers = (h: Handoff) => [
  { id: timerId('remind', h.from, h.dealId, h.id), dueAt: h.dueAt },
  { id: timerId('escalate', h.from, h.dealId, h.id), dueAt: h.createdAt + 2 * (h.dueAt - h.createdAt) },
];
export const slaTimerIds = (h: Handoff) => slaTimers(h).map((t) => t.id);

export const cardUpdate = (deal: Deal, h: Handoff, canAct: readonly PersonRef[]): CardUpdate => ({
  dealId: deal.id,
  cardKey: handoffCardKey(h.id),
  view: handoffView(deal, h, canAct),
});

export type Located = { deal: Deal; handoff: Handoff } | { refusal: Outcome };

/**
 * The handoff a command answers: the one a button names, or, typed in the room, the oldest pending
 * handoff the actor may answer.
 */
export function locate(env: Env, handoffId: string | undefined): Located {
  const deal = env.snap.deal;
  if (!deal) {
    return {
      refusal: refuse(
        handoffId
          ? 'That handoff is not available here.'
          : 'This channel is not a deal room, so there is no handoff to answer here.',
      ),
    };
  }
  if (handoffId) {
    const h = env.snap.handoffs.get(handoffId);
    return h ? { deal, handoff: h } : { refusal: refuse('That handoff is not available here.') };
  }
  const pending = pendingHandoffs(env.snap.handoffs);
  const mine = pending.find((h) => samePerson(h.to, env.ctx.actor));
  const managed = pending.find((h) => canActOn(deal, h, env).some((p) => samePerson(p, env.ctx.actor)));
  const h = mine ?? managed ?? pending[0];
  return h
    ? { deal, handoff: h }
    : { refusal: refuse('There is no handoff waiting for an answer on this deal.') };
}

/** A click on a handoff that is no longer pending: show its current state, change nothing. */
export function alreadyDecided(deal: Deal, h: Handoff, env: Env, viaButton: boolean): Outcome {
  const view = handoffView(deal, h, canActOn(deal, h, env));
  const sentence = `This handoff is no longer open: ${view.status}`;
  return viaButton ? replyOnly({ ...view, notice: sentence }, 'private', deal.id) : refuse(sentence);
}

/** The refusal names who can act, so the clicker knows whom to ask. */
export function notAllowed(
  deal: Deal,
  h: Handoff,
  env: Env,
  verb: string,
  who: readonly PersonRef[],
  viaButton: boolean,
) {
  const managers = who.filter((p) => personKey(p) !== personKey(h.to));
  const names = managers.length
    ? `${h.to.name} (the account manager it was handed to) or a sales manager (${managers.map((m) => m.name).join(', ')})`
    : `${h.to.name} (the account manager it was handed to)`;
  const sentence = `Only ${names} can ${verb} this handoff.`;
  return viaButton
    ? replyOnly({ ...handoffView(deal, h, canActOn(deal, h, env)), notice: sentence }, 'private', deal.id)
    : refuse(sentence);
}
