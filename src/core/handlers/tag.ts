// Tags: a comment that @mentions teammates, on the timeline and in each tagged person's inbox.
import type { Command } from '../commands.js';
import { holdersOf, reachable, touch, withMember } from '../deal-ops.js';
import { type PersonRef, samePerson } from '../ids.js';
import { type InboxItem, type TimelineEntry, tagInboxId } from '../model.js';
import { ambiguousName, findByName, unknownName } from '../named-people.js';
import type { Notification, Outcome } from '../outcome.js';
import { ROLE_LABELS } from '../playbooks.js';
import { commitWrite, type Env, refuse, roomChange, uniquePeople } from '../runtime.js';
import { notice, personView } from '../views.js';
import { requireDeal } from './deal.js';
import { overheardAllowed } from './listen.js';

export async function tag(env: Env, cmd: Extract<Command, { kind: 'tag' }>): Promise<Outcome> {
  if (cmd.passive && !overheardAllowed(env)) return refuse('Listening is off in this room.');
  const current = requireDeal(env);
  if (!('id' in current)) return current;
  const { ctx, now } = env;
  const named: PersonRef[] = [];
  const unknown: string[] = [];
  for (const name of cmd.names ?? []) {
    const found = findByName(current, name);
    if (found.kind === 'ambiguous') return refuse(ambiguousName(name, found.people));
    if (found.kind === 'unknown') unknown.push(name);
    else named.push(...found.people);
  }
  // `@acme-team` in a tag that names real people is just text; as the only target it is a mistake.
  const [firstUnknown] = unknown;
  if (firstUnknown && cmd.people.length + cmd.roles.length + named.length === 0) {
    return refuse(unknownName(firstUnknown));
  }
  const mentioned = uniquePeople([...cmd.people, ...named]);
  // A role nobody holds would silently notify no one: refuse, and say how to fill the role.
  for (const role of cmd.roles) {
    if (role === 'manager' && env.snap.config.managers.length > 0) continue;
    if (holdersOf(current, role).length === 0) {
      return refuse(
        `Nobody on this deal is the ${ROLE_LABELS[role].toLowerCase()} (@${role}) yet; loop someone in first with: loop-in @someone ${role}.`,
      );
    }
  }
  const fromRoles = cmd.roles.flatMap((r) =>
    r === 'manager' ? [...holdersOf(current, r), ...env.snap.config.managers] : holdersOf(current, r),
  );
  const tagged = (fromRoles.length === 0 ? mentioned : uniquePeople([...mentioned, ...fromRoles])).filter(
    (p) => reachable(current, p),
  );
  const others = tagged.filter((p) => !samePerson(p, ctx.actor));
  const tagId = env.newId();
  const entry: TimelineEntry = {
    kind: 'tag',
    at: now,
    actor: ctx.actor,
    via: ctx.via,
    tagId,
    text: cmd.text,
    mentions: mentioned,
    roles: cmd.roles,
    ...(cmd.permalink ? { permalink: cmd.permalink } : {}),
  };
  // Tagging someone brings them into the deal, as CRM users expect.
  let deal = withMember(current, ctx.actor, null, now);
  for (const p of mentioned) deal = withMember(deal, p, null, now);
  // Tags are the chattiest write. When nobody new joins, the deal's state does not change, so the
  // tag is a plain append with no compare-and-set: a busy room's tags never make each other retry.
  const joins = deal.members.length !== current.members.length;
  const item: Omit<InboxItem, 'id'> = {
    kind: 'tag',
    dealId: deal.id,
    dealName: deal.name,
    from: ctx.actor,
    text: cmd.text,
    at: now,
    ref: tagId,
  };
  const entries = [entry];
  const inboxAdd = others.map((owner) => ({ owner, item: { ...item, id: tagInboxId(deal.id, tagId) } }));
  const ids = await commitWrite(
    env,
    joins
      ? {
          deal: {
            state: { ...touch(deal, now), version: current.version + 1 },
            expectedVersion: current.version,
          },
          entries,
          inboxAdd,
        }
      : { timelineOf: deal.id, entries, inboxAdd },
  );
  const names = tagged.map((p) => p.name).join(', ');
  const view = {
    ...notice('info', `🏷️ ${ctx.actor.name} tagged ${names}: ${cmd.text}`),
    people: tagged.map(personView),
  };
  const personal: Notification[] = others.map((person: PersonRef) => ({
    to: { kind: 'person', person },
    view: notice('info', `${ctx.actor.name} tagged you in deal ${deal.id} "${deal.name}": ${cmd.text}`),
  }));
  return roomChange(env, deal, view, entries, ids, personal);
}
