// Small pure helpers over the deal aggregate.
import type { PersonRef } from './ids.js';
import { samePerson } from './ids.js';
import type { Deal, Handoff, Member, WorkspaceConfig } from './model.js';
import type { Role } from './playbooks.js';
import { dealVisibleFrom, uniquePeople } from './runtime.js';

export function findMember(deal: Deal, person: PersonRef): Member | undefined {
  return deal.members.find((m) => samePerson(m.person, person));
}

/** Adds the person (or the role to an existing member); keeps the freshest display name. */
export function withMember(deal: Deal, person: PersonRef, role: Role | null, now: number): Deal {
  const existing = findMember(deal, person);
  if (!existing) {
    return { ...deal, members: [...deal.members, { person, roles: role ? [role] : [], addedAt: now }] };
  }
  // Already a member, same name, same roles: the deal as it is (tags do this for every mention).
  if (existing.person.name === person.name && (!role || existing.roles.includes(role))) return deal;
  const roles = role && !existing.roles.includes(role) ? [...existing.roles, role] : existing.roles;
  return {
    ...deal,
    members: deal.members.map((m) =>
      m === existing ? { ...m, person: { ...m.person, name: person.name }, roles } : m,
    ),
  };
}

/** A member the deal still reaches: of its home workspace or of a workspace with a room on it. */
export const reachable = (deal: Deal, person: PersonRef): boolean => dealVisibleFrom(deal, person);

/** Who holds `role` on the deal, among the members it still reaches (an unlinked team is not told). */
export const holdersOf = (deal: Deal, role: Role): PersonRef[] =>
  deal.members.filter((m) => m.roles.includes(role) && reachable(deal, m.person)).map((m) => m.person);

/** Sales managers: the workspace's configured managers and the deal's members with the manager role. */
export const managersOf = (deal: Deal, config: WorkspaceConfig): PersonRef[] =>
  uniquePeople([...config.managers, ...holdersOf(deal, 'manager')]);

export const pendingHandoffs = (handoffs: ReadonlyMap<string, Handoff>): Handoff[] =>
  [...handoffs.values()].filter((h) => h.state === 'pending').sort((a, b) => a.createdAt - b.createdAt);

export const touch = (deal: Deal, now: number): Deal => ({ ...deal, updatedAt: now });
