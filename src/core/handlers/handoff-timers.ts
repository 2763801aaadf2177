// SLA timers: a reminder to the target at the deadline, escalation to the managers at twice it.
// The timer loop leases due timer ids; this decides on fresh state, so a timer that fires twice
// (a lease that ran out, two replicas) still records one reminder: the second sees remindedAt.
import { managersOf } from '../deal-ops.js';
import { parseTimerId, SYSTEM_ACTOR, type TimelineEntry } from '../model.js';
import { handoffCardKey, type Notification, type Outcome } from '../outcome.js';
import { commitWrite, type Env, withIds } from '../runtime.js';
import { handoffView } from '../view-builders.js';
import { notice } from '../views.js';
import { canActOn, cardUpdate } from './handoff-shared.js';

/** Returns null when the timer no longer applies (answered, or already fired); it is then cancelled. */
export async function fireTimer(env: Env, id: string): Promise<Outcome | null> {
  const parsed = parseTimerId(id);
  const deal = env.snap.deal;
  const h = parsed ? env.snap.handoffs.get(parsed.handoffId) : undefined;
  const due =
    parsed &&
    deal &&
    h &&
    h.state === 'pending' &&
    (parsed.kind === 'remind' ? !h.remindedAt : !h.escalatedAt);
  if (!parsed || !deal || !h || !due) {
    await env.store.cancelTimer(id);
    return null;
  }
  const { now } = env;
  const base = { at: now, actor: SYSTEM_ACTOR, via: 'system' as const, handoffId: h.id };
  const managers = managersOf(deal, env.snap.config);
  const updated = parsed.kind === 'remind' ? { ...h, remindedAt: now } : { ...h, escalatedAt: now };
  const entry: TimelineEntry =
    parsed.kind === 'remind'
      ? { ...base, kind: 'handoff-reminded', to: h.to }
      : { ...base, kind: 'handoff-escalated', managers };
  const ids = await commitWrite(env, {
    deal: { state: { ...deal, updatedAt: now, version: deal.version + 1 }, expectedVersion: deal.version },
    handoffs: [updated],
    entries: [entry],
    timersCancel: [id],
  });
  const canAct = canActOn(deal, updated, env);
  const card = handoffView(deal, updated, canAct);
  const cardKey = handoffCardKey(h.id);
  const notifications: Notification[] =
    parsed.kind === 'remind'
      ? [
          {
            to: { kind: 'person', person: h.to },
            view: notice(
              'warning',
              `⏰ Reminder: ${h.from.name}'s handoff of "${deal.name}" is waiting for your answer.`,
            ),
          },
        ]
      : [
          ...managers.map(
            (person): Notification => ({ to: { kind: 'person', person }, view: card, cardKey }),
          ),
          ...deal.rooms.map(
            (room): Notification => ({
              to: { kind: 'room', room },
              view: notice(
                'warning',
                managers.length
                  ? `🚨 The handoff to ${h.to.name} is unanswered at twice its deadline; escalated to ${managers.map((m) => m.name).join(', ')}.`
                  : `🚨 The handoff to ${h.to.name} is unanswered at twice its deadline, and no sales manager is set up (config managers @someone).`,
              ),
            }),
          ),
        ];
  return {
    reply: card,
    visibility: 'private',
    notifications,
    updates: [cardUpdate(deal, updated, canAct)],
    entries: withIds([entry], ids),
    dealId: deal.id,
    readOnly: false,
  };
}
