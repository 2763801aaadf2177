// loop-in and stakeholder add: who works the deal, and who buys.
import type { Command } from '../commands.js';
import { findMember, touch, withMember } from '../deal-ops.js';
import { samePerson } from '../ids.js';
import { BUYING_ROLE_LABELS } from '../labels.js';
import type { Stakeholder, TimelineEntry } from '../model.js';
import type { Outcome } from '../outcome.js';
import { ROLE_LABELS } from '../playbooks.js';
import { commitWrite, type Env, refuse, roomChange } from '../runtime.js';
import { notice } from '../views.js';
import { requireDeal } from './deal.js';

const MAX_MEMBERS = 200;
const MAX_STAKEHOLDERS = 100;

export async function loopIn(env: Env, cmd: Extract<Command, { kind: 'loop-in' }>): Promise<Outcome> {
  const current = requireDeal(env);
  if (!('id' in current)) return current;
  const { ctx, now } = env;
  const existing = findMember(current, cmd.person);
  if (existing?.roles.includes(cmd.role)) {
    return refuse(`${cmd.person.name} is already on this deal as ${ROLE_LABELS[cmd.role].toLowerCase()}.`);
  }
  if (!existing && current.members.length >= MAX_MEMBERS) {
    return refuse(`A deal holds at most ${MAX_MEMBERS} members; this one is full.`);
  }
  const entry: TimelineEntry = {
    kind: 'member-added',
    at: now,
    actor: ctx.actor,
    via: ctx.via,
    person: cmd.person,
    role: cmd.role,
    ...(cmd.note ? { note: cmd.note } : {}),
  };
  const deal = touch(withMember(withMember(current, ctx.actor, null, now), cmd.person, cmd.role, now), now);
  const ids = await commitWrite(env, {
    deal: { state: { ...deal, version: current.version + 1 }, expectedVersion: current.version },
    entries: [entry],
  });
  const label = ROLE_LABELS[cmd.role].toLowerCase();
  const view = notice(
    'success',
    `👋 ${ctx.actor.name} looped in ${cmd.person.name} as ${label}${cmd.note ? `: ${cmd.note}` : '.'}`,
  );
  const personal = samePerson(cmd.person, ctx.actor)
    ? []
    : [
        {
          to: { kind: 'person' as const, person: cmd.person },
          view: notice(
            'info',
            `${ctx.actor.name} looped you into deal ${deal.id} "${deal.name}" as ${label}${cmd.note ? `: ${cmd.note}` : '.'}`,
          ),
        },
      ];
  return roomChange(env, deal, view, [entry], ids, personal);
}

export async function addStakeholder(
  env: Env,
  cmd: Extract<Command, { kind: 'stakeholder-add' }>,
): Promise<Outcome> {
  const current = requireDeal(env);
  if (!('id' in current)) return current;
  const { ctx, now } = env;
  const same = current.stakeholders.find(
    (s) => s.name.toLowerCase() === cmd.name.toLowerCase() && s.role === cmd.role,
  );
  if (same)
    return refuse(`${cmd.name} is already recorded as ${BUYING_ROLE_LABELS[cmd.role].toLowerCase()}.`);
  if (current.stakeholders.length >= MAX_STAKEHOLDERS) {
    return refuse(`A deal records at most ${MAX_STAKEHOLDERS} stakeholders; this one is full.`);
  }
  const stakeholder: Stakeholder = {
    name: cmd.name,
    role: cmd.role,
    ...(cmd.title ? { title: cmd.title } : {}),
    addedAt: now,
  };
  const entry: TimelineEntry = {
    kind: 'stakeholder-added',
    at: now,
    actor: ctx.actor,
    via: ctx.via,
    stakeholder,
  };
  const deal = {
    ...touch(withMember(current, ctx.actor, null, now), now),
    stakeholders: [...current.stakeholders, stakeholder],
  };
  const ids = await commitWrite(env, {
    deal: { state: { ...deal, version: current.version + 1 }, expectedVersion: current.version },
    entries: [entry],
  });
  const view = notice(
    'success',
    `👤 ${ctx.actor.name} added ${cmd.name} to the buying committee as ${BUYING_ROLE_LABELS[cmd.role].toLowerCase()}${cmd.title ? ` (${cmd.title})` : ''}.`,
  );
  return roomChange(env, deal, view, [entry], ids);
}
