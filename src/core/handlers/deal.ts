// new, status, stage: the deal's lifecycle (its rooms: rooms.ts).
import type { Command, StageMove } from '../commands.js';
import { findMember, touch, withMember } from '../deal-ops.js';
import type { Deal, TimelineEntry } from '../model.js';
import type { Outcome } from '../outcome.js';
import { PLAYBOOKS, STAGE_LABELS, type Stage, stageIndex } from '../playbooks.js';
import { commitOrRetry, commitWrite, type Env, refuse, replyOnly, roomChange, withIds } from '../runtime.js';
import { summaryView } from '../view-builders.js';
import { notice } from '../views.js';

const NOT_A_ROOM =
  'This channel is not a deal room yet. Start one with: new <deal name> [model], or bind it to an existing deal with: link <deal-code> (or a one-time code from share).';

export async function newDeal(env: Env, cmd: Extract<Command, { kind: 'new' }>): Promise<Outcome> {
  const { ctx, snap, now } = env;
  if (!ctx.room) return refuse('Create deals in a channel: the channel becomes the deal room.');
  if (snap.deal) {
    return refuse(
      `This channel is already the room of deal ${snap.deal.id} "${snap.deal.name}". One channel holds one deal.`,
    );
  }
  const playbook = PLAYBOOKS[cmd.model];
  const stage = playbook.stages[0] as Stage;
  const base: Deal = {
    id: env.newDealId(),
    name: cmd.name,
    model: cmd.model,
    stage,
    home: { platform: ctx.room.platform, workspace: ctx.room.workspace },
    rooms: [ctx.room],
    owner: ctx.actor,
    members: [],
    stakeholders: [],
    researchCount: 0,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  // Whoever opens the room is prospecting it: the SDR, until a handoff makes an AM the owner.
  const deal = withMember(base, ctx.actor, 'sdr', now);
  const entries: TimelineEntry[] = [
    {
      kind: 'deal-created',
      at: now,
      actor: ctx.actor,
      via: ctx.via,
      name: deal.name,
      model: deal.model,
      stage,
    },
  ];
  const ids = await commitOrRetry(env, {
    deal: { state: deal, expectedVersion: 0 },
    entries,
    bindRooms: [{ room: ctx.room, dealId: deal.id }],
  });
  if (typeof ids === 'string')
    return refuse('This channel just became the room of another deal. One channel holds one deal.');
  const headline = `${ctx.actor.name} created deal ${deal.id} "${deal.name}" (${playbook.label}). Link another channel to it with: link ${deal.id}`;
  return {
    reply: summaryView(deal, new Map(), headline),
    visibility: 'room',
    notifications: [],
    updates: [],
    entries: withIds(entries, ids),
    dealId: deal.id,
    readOnly: false,
  };
}

export function requireDeal(env: Env): Deal | Outcome {
  return env.snap.deal ?? refuse(NOT_A_ROOM);
}

export function status(env: Env): Outcome {
  const deal = requireDeal(env);
  if (!('id' in deal)) return deal;
  return replyOnly(summaryView(deal, env.snap.handoffs), 'private', deal.id);
}

type MoveResult = { to: Stage; outcome?: Deal['outcome'] } | { refuse: string };

function planMove(deal: Deal, move: Exclude<StageMove, { to: 'show' }>, now: number): MoveResult {
  const playbook = PLAYBOOKS[deal.model];
  const core = playbook.stages.filter((s) => !playbook.afterWin.includes(s));
  const won = deal.outcome?.result === 'won';
  if (move.to === 'close') {
    if (deal.outcome && deal.stage === 'close' && deal.outcome.result === move.result) {
      return { refuse: `The deal is already closed as ${move.result}.` };
    }
    return {
      to: 'close',
      outcome: { result: move.result, ...(move.reason ? { reason: move.reason } : {}), at: now },
    };
  }
  const i = stageIndex(deal.model, deal.stage);
  const target = move.to === 'next' ? playbook.stages[i + 1] : move.stage;
  if (!target) {
    return {
      refuse:
        deal.stage === 'close' && !deal.outcome
          ? 'The deal is at Close: finish it with stage close won, or stage close lost <reason>.'
          : `The deal is at ${STAGE_LABELS[deal.stage]}, the last stage of the ${playbook.label} playbook.`,
    };
  }
  if (!playbook.stages.includes(target)) {
    return {
      refuse: `${STAGE_LABELS[target]} is not a stage of the ${playbook.label} playbook; its stages are ${playbook.stages.map((s) => STAGE_LABELS[s]).join(' → ')}.`,
    };
  }
  if (target === deal.stage) return { refuse: `The deal is already at ${STAGE_LABELS[target]}.` };
  if (target === 'close' && !deal.outcome) {
    return { refuse: 'Close the deal with an outcome: stage close won, or stage close lost <reason>.' };
  }
  if (playbook.afterWin.includes(target) && !won) {
    return {
      refuse: `${STAGE_LABELS[target]} comes after a won deal: close it as won first (stage close won).`,
    };
  }
  // Moving back into the selling stages reopens a closed deal: its outcome no longer holds.
  const reopens = deal.outcome !== undefined && core.includes(target) && target !== 'close';
  return reopens ? { to: target, outcome: undefined } : { to: target, outcome: deal.outcome };
}

export async function stage(env: Env, cmd: Extract<Command, { kind: 'stage' }>): Promise<Outcome> {
  const deal = requireDeal(env);
  if (!('id' in deal)) return deal;
  const { ctx, now } = env;
  const playbook = PLAYBOOKS[deal.model];
  if (cmd.move.to === 'show') {
    const path = playbook.stages
      .map((s) => (s === deal.stage ? `*${STAGE_LABELS[s]}*` : STAGE_LABELS[s]))
      .join(' → ');
    return replyOnly(
      notice(
        'info',
        `Deal ${deal.id} is at ${STAGE_LABELS[deal.stage]} (${playbook.label}): ${path}. Move it with stage next or stage <stage>.`,
      ),
      'private',
      deal.id,
    );
  }
  const plan = planMove(deal, cmd.move, now);
  if ('refuse' in plan)
    return refuse(plan.refuse, 'Usage: stage [<stage>|next], or stage close won|lost [reason]');
  const entries: TimelineEntry[] =
    cmd.move.to === 'close'
      ? [
          {
            kind: 'deal-closed',
            at: now,
            actor: ctx.actor,
            via: ctx.via,
            result: cmd.move.result,
            from: deal.stage,
            ...(cmd.move.reason ? { reason: cmd.move.reason } : {}),
          },
        ]
      : [{ kind: 'stage-moved', at: now, actor: ctx.actor, via: ctx.via, from: deal.stage, to: plan.to }];
  const { outcome: _old, ...rest } = deal;
  const next: Deal = {
    ...touch(rest, now),
    stage: plan.to,
    ...(plan.outcome ? { outcome: plan.outcome } : {}),
    version: deal.version + 1,
  };
  const after = findMember(next, ctx.actor) ? next : withMember(next, ctx.actor, null, now);
  const ids = await commitWrite(env, {
    deal: { state: after, expectedVersion: deal.version },
    entries,
  });
  const headline =
    cmd.move.to === 'close'
      ? `${ctx.actor.name} closed the deal as ${cmd.move.result}.`
      : `${ctx.actor.name} moved the deal from ${STAGE_LABELS[deal.stage]} to ${STAGE_LABELS[plan.to]}.`;
  const view = summaryView(after, env.snap.handoffs, headline);
  return roomChange(env, after, view, entries, ids);
}
