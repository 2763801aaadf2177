// escalate: an SDR hands a qualified lead to a named account manager or to the workspace AM pool.
import type { Command } from '../commands.js';
import { pendingHandoffs, touch, withMember } from '../deal-ops.js';
import { type PersonRef, personKey, samePerson } from '../ids.js';
import { type Handoff, handoffInboxId, type TimelineEntry } from '../model.js';
import { oneByName } from '../named-people.js';
import { handoffCardKey, type Outcome } from '../outcome.js';
import { PLAYBOOKS, qualified, STAGE_LABELS } from '../playbooks.js';
import { commitWrite, type Env, refuse, toOtherRooms, withIds, workspaceOf } from '../runtime.js';
import { handoffView } from '../view-builders.js';
import { requireDeal } from './deal.js';
import { canActOn, slaTimers } from './handoff-shared.js';

const USAGE = 'Usage: escalate [@account-manager] <note>';

export async function escalate(env: Env, cmd: Extract<Command, { kind: 'escalate' }>): Promise<Outcome> {
  const current = requireDeal(env);
  if (!('id' in current)) return current;
  const { ctx, now, snap } = env;
  if (!qualified(current.model, current.stage)) {
    const stages = PLAYBOOKS[current.model].stages;
    return refuse(
      `Escalation needs a qualified lead, and this deal is at ${STAGE_LABELS[current.stage]}; move it to ${STAGE_LABELS.qualify} first (stage qualify).`,
      stages.includes('qualify') ? USAGE : undefined,
    );
  }
  const open = pendingHandoffs(snap.handoffs)[0];
  if (open) {
    return refuse(
      `This deal already has a handoff waiting for ${open.to.name}; it can be accepted, declined or reassigned before a new one starts.`,
    );
  }
  let target: PersonRef | undefined = cmd.to ?? undefined;
  if (cmd.toName) {
    const named = oneByName(current, cmd.toName, ctx.via);
    if (typeof named === 'string') return refuse(named, USAGE);
    target = named;
  }
  let config = snap.config;
  if (!target) {
    const pool = config.amPool.filter((p) => !samePerson(p, ctx.actor));
    if (pool.length === 0) {
      return refuse(
        'There is no account manager pool in this workspace yet; name one (escalate @someone <note>), or have a manager set it with: config am-pool @a @b.',
        USAGE,
      );
    }
    // Round robin over the pool; the cursor moves in the same atomic commit as the handoff.
    target = pool[config.nextAm % pool.length] as PersonRef;
    config = { ...config, nextAm: config.nextAm + 1, version: config.version + 1 };
  }
  if (personKey(target) === personKey(ctx.actor)) return refuse('You cannot hand a lead to yourself.', USAGE);
  const handoff: Handoff = {
    id: env.newId(),
    dealId: current.id,
    from: ctx.actor,
    to: target,
    note: cmd.note,
    viaPool: cmd.to === null && !cmd.toName,
    state: 'pending',
    createdAt: now,
    dueAt: now + env.slaMs,
  };
  const entry: TimelineEntry = {
    kind: 'handoff-requested',
    at: now,
    actor: ctx.actor,
    via: ctx.via,
    handoffId: handoff.id,
    to: target,
    note: cmd.note,
    viaPool: handoff.viaPool,
  };
  const deal = touch(withMember(withMember(current, ctx.actor, null, now), target, null, now), now);
  const ids = await commitWrite(env, {
    deal: { state: { ...deal, version: current.version + 1 }, expectedVersion: current.version },
    handoffs: [handoff],
    entries: [entry],
    inboxAdd: [
      {
        owner: target,
        item: {
          id: handoffInboxId(deal.id, handoff.id),
          kind: 'handoff',
          dealId: deal.id,
          dealName: deal.name,
          from: ctx.actor,
          text: cmd.note,
          at: now,
          ref: handoff.id,
        },
      },
    ],
    timersAdd: slaTimers(handoff),
    ...(config !== snap.config
      ? { config: { ws: workspaceOf(ctx), state: config, expectedVersion: snap.config.version } }
      : {}),
  });
  const cardKey = handoffCardKey(handoff.id);
  const view = handoffView(deal, handoff, canActOn(deal, handoff, env));
  return {
    reply: view,
    visibility: 'room',
    replyCardKey: cardKey,
    notifications: [
      ...toOtherRooms(deal, ctx.room, view, cardKey),
      { to: { kind: 'person', person: target }, view, cardKey },
    ],
    updates: [],
    entries: withIds([entry], ids),
    dealId: deal.id,
    readOnly: false,
  };
}
