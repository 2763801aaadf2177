// Resolving `@name` (typed, not picked) to the deal's members. A Slack user cannot @mention a Teams
// user and the other way round, so on a deal with rooms on both platforms people name each other;
// the deal's member list (both platforms) is the directory, and nothing outside the deal is found.
import type { PersonRef } from './ids.js';
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
export function findByName(deal: Pick<Deal, 'members'>, name: string): NameLookup {
  const key = nameKey(name);
  if (!key) return { kind: 'unknown' };
  const people = uniquePeople(deal.members.map((m) => m.person));
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

/** The one member `name` means (a handoff target), or the sentence saying why there is none. */
export function oneByName(deal: Pick<Deal, 'members'>, name: string): PersonRef | string {
  const found = findByName(deal, name);
  if (found.kind === 'unknown') return unknownName(name);
  const [only, ...more] = found.people;
  return only && more.length === 0 ? only : ambiguousName(name, found.people);
}
