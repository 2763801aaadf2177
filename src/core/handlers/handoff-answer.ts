// accept / decline / reassign. Each is one compare-and-set commit on the deal, so of any number of
// concurrent clicks exactly one changes a pending handoff; the others re-read and see it decided.
import type { Command } from '../commands.js';
import { touch, withMember } from '../deal-ops.js';
import { type PersonRef, samePerson } from '../ids.js';
import { type Deal, type Handoff, handoffInboxId, type TimelineEntry } from '../model.js';
import { oneByName } from '../named-people.js';
import { handoffCardKey, type Notification, type Outcome } from '../outcome.js';
import { commitWrite, type Env, refuse, toOtherRooms, withIds } from '../runtime.js';
import { handoffView } from '../view-builders.js';
import { notice } from '../views.js';
import {
  alreadyDecided,
  canActOn,
  cardUpdate,
  locate,
  notAllowed,
  slaTimerIds,
  slaTimers,
} from './handoff-shared.js';

type Answer = Extract<Command, { kind: 'accept' | 'decline' | 'reassign' }>;
/** An answer whose reassignment target is known (a typed name resolved to a member). */
type Decided =
  | Extract<Answer, { kind: 'accept' | 'decline' }>
  | (Extract<Answer, { kind: 'reassign' }> & { readonly to: PersonRef });

const VERB: Record<Answer['kind'], string> = { accept: 'accept', decline: 'decline', reassign: 'reassign' };

export async function answerHandoff(env: Env, cmd: Answer): Promise<Outcome> {
  const located = locate(env, cmd.handoffId);
  if ('refusal' in located) return located.refusal;
  const { deal: current, handoff: h } = located;
  const viaButton = cmd.handoffId !== undefined;
  if (h.state !== 'pending') return alreadyDecided(current, h, env, viaButton);
  const allowed = canActOn(current, h, env);
  // Declining is the target's own call (DESIGN.md §4); accepting and reassigning are open to managers too.
  const who = cmd.kind === 'decline' ? [h.to] : allowed;
  if (!who.some((p) => samePerson(p, env.ctx.actor)))
    return notAllowed(current, h, env, VERB[cmd.kind], who, viaButton);
  if (cmd.kind !== 'reassign') return decide(env, current, h, cmd, allowed);
  const to = cmd.to ?? oneByName(current, cmd.toName ?? '', env.ctx.via);
  if (typeof to === 'string') return refuse(to, 'Usage: reassign @someone');
  if (samePerson(to, h.to)) return refuse(`The handoff is already with ${h.to.name}.`);
  if (samePerson(to, h.from))
    return refuse(`${h.from.name} handed this lead over; pick an account manager instead.`);
  return decide(env, current, h, { ...cmd, to }, allowed);
}

async function decide(
  env: Env,
  current: Deal,
  h: Handoff,
  cmd: Decided,
  allowed: readonly PersonRef[],
): Promise<Outcome> {
  const { ctx, now } = env;
  const decided = { decidedAt: now, decidedBy: ctx.actor };
  let deal = touch(withMember(current, ctx.actor, null, now), now);
  let updated: Handoff;
  let entry: TimelineEntry;
  let successor: Handoff | undefined;
  let headline: string;
  const base = { at: now, actor: ctx.actor, via: ctx.via, handoffId: h.id } as const;
  switch (cmd.kind) {
    case 'accept':
      updated = { ...h, ...decided, state: 'accepted' };
      // The AM owns the deal from now on, even when a manager accepted on their behalf.
      deal = { ...withMember(deal, h.to, 'am', now), owner: h.to };
      entry = { ...base, kind: 'handoff-accepted', to: h.to };
      headline = `✅ ${ctx.actor.name} accepted the handoff of "${deal.name}" from ${h.from.name}; ${h.to.name} now owns the deal.`;
      break;
    case 'decline':
      updated = { ...h, ...decided, state: 'declined', reason: cmd.reason };
      entry = { ...base, kind: 'handoff-declined', reason: cmd.reason };
      headline = `↩️ ${ctx.actor.name} declined the handoff of "${deal.name}": ${cmd.reason}. The deal stays with ${h.from.name}.`;
      break;
    case 'reassign': {
      successor = {
        id: env.newId(),
        dealId: h.dealId,
        from: h.from,
        to: cmd.to,
        note: h.note,
        viaPool: false,
        state: 'pending',
        createdAt: now,
        dueAt: now + env.slaMs,
      };
      updated = { ...h, ...decided, state: 'reassigned', next: successor.id };
      deal = withMember(deal, cmd.to, null, now);
      entry = { ...base, kind: 'handoff-reassigned', to: cmd.to, next: successor.id };
      headline = `🔀 ${ctx.actor.name} reassigned the handoff of "${deal.name}" from ${h.to.name} to ${cmd.to.name}.`;
      break;
    }
  }
  const ids = await commitWrite(env, {
    deal: { state: { ...deal, version: current.version + 1 }, expectedVersion: current.version },
    handoffs: successor ? [updated, successor] : [updated],
    entries: [entry],
    inboxRemove: [{ owner: h.to, itemId: handoffInboxId(deal.id, h.id) }],
    timersCancel: slaTimerIds(h),
    ...(successor
      ? {
          inboxAdd: [
            {
              owner: successor.to,
              item: {
                id: handoffInboxId(deal.id, successor.id),
                kind: 'handoff' as const,
                dealId: deal.id,
                dealName: deal.name,
                from: successor.from,
                text: successor.note,
                at: now,
                ref: successor.id,
              },
            },
          ],
          timersAdd: slaTimers(successor),
        }
      : {}),
  });
  const headlineView = notice(cmd.kind === 'decline' ? 'warning' : 'success', headline);
  // The room the click came from gets the headline as the reply; every other room of the deal gets it too.
  const notifications: Notification[] = toOtherRooms(deal, ctx.room, headlineView);
  if (!samePerson(h.from, ctx.actor))
    notifications.push({ to: { kind: 'person', person: h.from }, view: headlineView });
  if (successor) {
    const view = handoffView(deal, successor, canActOn(deal, successor, env));
    const cardKey = handoffCardKey(successor.id);
    for (const room of deal.rooms) notifications.push({ to: { kind: 'room', room }, view, cardKey });
    notifications.push({ to: { kind: 'person', person: successor.to }, view, cardKey });
  }
  return {
    reply: headlineView,
    visibility: ctx.room ? 'room' : 'private',
    notifications,
    updates: [cardUpdate(deal, updated, allowed)],
    entries: withIds([entry], ids),
    dealId: deal.id,
    readOnly: false,
  };
}
