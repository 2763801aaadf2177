// Resolving `@name` (typed, not picked) to the deal's members. A Slack user cannot @mention a Teams
// user and the other way round, so on a deal with rooms on both platforms people name each other;
// the deal's member list (both platforms) is the directory, and nothing outside the deal is found.

import { reachable } from './deal-ops.js';
import type { PersonRef, Platform } from './ids.js';
import type { Deal } from './model.js';
import { uniquePeople } from './runtime.js';

/** "Ann-Marie Lee", "ann.marie.lee", "@AnnMarieLee" all compare equal: letters and digits only. */
const nameKey = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');

export type NameLookup =
  | { readonly kind: 'found'; readonly people: readonly PersonRef[] }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'ambiguous'; readonly people: readonly PersonRef[] };

/**
 * Members whose full name or first name is `name`. A full-name match wins over first names. The same
 * full name on both platforms is taken as one person with two accounts, and both are found;
 * otherwise more than one match is ambiguous.
 */
export function findByName(deal: Deal, name: string): NameLookup {
  const key = nameKey(name);
  if (!key) return { kind: 'unknown' };
  // Members of a team whose room was unlinked are no longer reached by the deal.
  const people = uniquePeople(deal.members.map((m) => m.person).filter((p) => reachable(deal, p)));
  const full = people.filter((p) => nameKey(p.name) === key);
  const matches = full.length
    ? full
    : people.filter((p) => nameKey(p.name.trim().split(/\s+/u)[0] ?? '') === key);
  if (matches.length === 0) return { kind: 'unknown' };
  const oneName = new Set(matches.map((p) => nameKey(p.name))).size === 1;
  const onePerPlatform = new Set(matches.map((p) => p.platform)).size === matches.length;
  return matches.length === 1 || (oneName && onePerPlatform)
    ? { kind: 'found', people: matches }
    : { kind: 'ambiguous', people: matches };
}

export const ambiguousName = (name: string, people: readonly PersonRef[]): string => {
  const names = people.map((p) => `${p.name} (${p.platform === 'slack' ? 'Slack' : 'Teams'})`);
  return `@${name} could be ${names.slice(0, -1).join(', ')} or ${names.at(-1)}; write the full name, e.g. @"${people[0]?.name ?? name}".`;
};

export const unknownName = (name: string): string =>
  `Nobody on this deal is called @${name}. Mention a teammate, name a member of the deal (e.g. @ann or @"Ann Lee"), or use a role such as @am.`;

/**
 * The one member `name` means (a handoff target), or the sentence saying why there is none. One
 * person with an account on each platform is taken on the platform the command came from, else on
 * the deal's home platform: a handoff has one addressee.
 */
export function oneByName(deal: Deal, name: string, from: Platform): PersonRef | string {
  const found = findByName(deal, name);
  if (found.kind === 'unknown') return unknownName(name);
  if (found.kind === 'ambiguous') return ambiguousName(name, found.people);
  const [only, ...more] = found.people;
  if (only && more.length === 0) return only;
  return (
    found.people.find((p) => p.platform === from) ??
    found.people.find((p) => p.platform === deal.home.platform) ??
    ambiguousName(name, found.people)
  );
}
