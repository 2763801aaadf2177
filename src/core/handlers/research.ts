// Research: findings open once the deal has passed Qualify (account-based: from the start).
import type { Command } from '../commands.js';
import { touch, withMember } from '../deal-ops.js';
import { RESEARCH_LABELS } from '../labels.js';
import type { TimelineEntry } from '../model.js';
import type { Outcome } from '../outcome.js';
import { PLAYBOOKS, researchOpen, STAGE_LABELS } from '../playbooks.js';
import { commitWrite, type Env, refuse, replyOnly, roomChange } from '../runtime.js';
import { researchView } from '../view-builders.js';
import { notice } from '../views.js';
import { requireDeal } from './deal.js';

/** The digest reads at most this many newest findings (one bounded stream read). */
const DIGEST_LIMIT = 100;

export async function research(env: Env, cmd: Extract<Command, { kind: 'research' }>): Promise<Outcome> {
  const current = requireDeal(env);
  if (!('id' in current)) return current;
  const { ctx, now } = env;
  if (!researchOpen(current.model, current.stage)) {
    const after = PLAYBOOKS[current.model].researchAfter;
    return refuse(
      `Research opens after ${after ? STAGE_LABELS[after] : 'the first stage'}, and this deal is at ${STAGE_LABELS[current.stage]}; move it on with stage next (or stage research) first.`,
    );
  }
  const entry: TimelineEntry = {
    kind: 'research',
    at: now,
    actor: ctx.actor,
    via: ctx.via,
    category: cmd.category,
    text: cmd.text,
    ...(cmd.link ? { link: cmd.link } : {}),
  };
  const deal = {
    ...touch(withMember(current, ctx.actor, null, now), now),
    researchCount: current.researchCount + 1,
  };
  const ids = await commitWrite(env, {
    deal: { state: { ...deal, version: current.version + 1 }, expectedVersion: current.version },
    entries: [entry],
  });
  const view = notice(
    'success',
    `🔎 ${ctx.actor.name} logged ${RESEARCH_LABELS[cmd.category].toLowerCase()} research: ${cmd.text}`,
  );
  return roomChange(env, deal, view, [entry], ids);
}

export async function researchList(env: Env): Promise<Outcome> {
  const deal = requireDeal(env);
  if (!('id' in deal)) return deal;
  const page = await env.store.timeline(deal.id, { filter: 'research', limit: DIGEST_LIMIT });
  return replyOnly(researchView(deal, page.entries), 'private', deal.id);
}
