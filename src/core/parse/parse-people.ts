// Commands whose subject is people: tag, escalate, loop-in, reassign, config am-pool/managers.
import type { ParseResult } from '../commands.js';
import { type PersonRef, personKey } from '../ids.js';
import { ROLES, type Role } from '../playbooks.js';
import { type Args, capError, fail, ok, personOf, rest, restRaw } from './args.js';
import { LIMITS } from './limits.js';
import { didYouMean } from './suggest.js';
import { hasWords, quoted } from './text.js';
import { keyword, MENTION_MARKERS, markerIndex, type Token } from './tokens.js';
import { orList, roleFrom } from './vocab.js';

// A role mention is `@am` standing alone: not inside an email address (ann@am.io) nor a longer
// handle (@amanda, @am-team). Built from ROLES so a new role is mentionable without a code change.
const ROLE_MENTION = new RegExp(`(?<![\\p{L}\\p{N}_@])@(${ROLES.join('|')})(?![\\p{L}\\p{N}_-])`, 'giu');

function uniquePeople(people: readonly PersonRef[]): PersonRef[] {
  const seen = new Set<string>();
  return people.filter((p) => {
    const key = personKey(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// `@ann`, `@ann.lee`, `@"Ann Lee"`: someone named in plain text rather than through the platform's
// mention picker. That is the only way to name a teammate on the other platform, which this
// platform cannot mention; the core resolves names against the deal's members. `<@0>` markers (also
// neutralised ones, `‹@0>`), emails (ann@x.io), roles and broadcast words are not names.
const NAME_MENTION =
  /(?<![\p{L}\p{N}_@<\u2039])@(?:["\u201c]([^"\u201d\n]{1,80})["\u201d]|(\p{L}[\p{L}\p{N}._-]*))/gu;
const NOT_NAMES = new Set<string>(['here', 'channel', 'everyone', ...ROLES]);
/** More named people than this in one command is not a tag but a list: the rest stay plain text. */
const MAX_NAMES = 20;

function nameFrom(match: RegExpMatchArray): string | null {
  const name = (match[1] ?? match[2] ?? '').replace(/[._-]+$/u, '').trim();
  return name && !NOT_NAMES.has(name.toLowerCase()) ? name : null;
}

function mentionedNames(raw: string): string[] {
  const names = new Set<string>();
  for (const m of raw.matchAll(NAME_MENTION)) {
    const name = nameFrom(m);
    if (name) names.add(name);
  }
  return [...names].slice(0, MAX_NAMES);
}

const LEADING_NAME = new RegExp(`^${NAME_MENTION.source}`, 'u');

/**
 * A typed `@name` (or `@"Full Name"`) opening the arguments, as a target (escalate @bob, reassign
 * @bob) when it is not a platform mention or a role; with the index of the first token after it.
 */
function nameTarget(args: Args): { name: string; next: number } | null {
  const [first] = args.tokens;
  if (!first || first.mention !== null) return null;
  const m = LEADING_NAME.exec(args.input.text.slice(first.start));
  const name = m ? nameFrom(m) : null;
  if (!m || !name) return null;
  const end = first.start + m[0].length;
  // `@bob,` ends at the comma; `@"Bob"x` is no name: a name must end its token.
  const next = args.tokens.findIndex((t) => t.start >= end);
  const inside = args.tokens.filter((t) => t.start < end);
  const last = inside.at(-1);
  if (last && last.end > end && /[\p{L}\p{N}]/u.test(args.input.text.slice(end, last.end))) return null;
  return { name, next: next === -1 ? args.tokens.length : next };
}

function mentionedPeople(args: Args, raw: string): PersonRef[] {
  const people: PersonRef[] = [];
  for (const m of raw.matchAll(MENTION_MARKERS)) {
    const person = args.input.mentions[markerIndex(m[1] ?? '')];
    if (person) people.push(person);
  }
  return uniquePeople(people);
}

function mentionedRoles(raw: string): Role[] {
  const roles = new Set<Role>();
  for (const m of raw.matchAll(ROLE_MENTION)) {
    const role = roleFrom(m[1] ?? '');
    if (role) roles.add(role);
  }
  return [...roles];
}

export function parseTag(args: Args): ParseResult {
  const raw = restRaw(args, 0);
  const people = mentionedPeople(args, raw);
  const roles = mentionedRoles(raw);
  const names = mentionedNames(raw);
  if (people.length === 0 && roles.length === 0 && names.length === 0) {
    return fail(args, 'Mention at least one person, or a role such as @am, to tag.');
  }
  const words = raw.replace(MENTION_MARKERS, ' ').replace(ROLE_MENTION, ' ');
  if (!hasWords(people.length || roles.length ? words : words.replace(NAME_MENTION, ' '))) {
    return fail(args, 'Add a few words to the tag saying what you need.');
  }
  const text = rest(args, 0);
  const tooLong = capError(text, LIMITS.text, 'The tag text');
  if (tooLong) return fail(args, tooLong);
  return ok({ kind: 'tag', people, roles, ...(names.length ? { names } : {}), text });
}

/** A bare role word used as a target: `@am`, `@AM:`. */
function roleTarget(token: Token | undefined): Role | null {
  const word = keyword(token);
  return word?.startsWith('@') ? roleFrom(word) : null;
}

export function parseEscalate(args: Args): ParseResult {
  const [first] = args.tokens;
  const person = personOf(args, first);
  const role = roleTarget(first);
  if (role !== null && role !== 'am') {
    return fail(args, `Escalate to a person or to @am (the account-manager pool), not to the ${role} role.`);
  }
  const named = person === null && role === null ? nameTarget(args) : null;
  const note = rest(args, named ? named.next : person !== null || role !== null ? 1 : 0);
  if (note === '') {
    return fail(args, 'Add a note for the account manager saying why the lead is qualified.');
  }
  const tooLong = capError(note, LIMITS.text, 'The note');
  if (tooLong) return fail(args, tooLong);
  return ok({ kind: 'escalate', to: person, ...(named ? { toName: named.name } : {}), note });
}

export function parseLoopIn(args: Args): ParseResult {
  const [who, roleToken] = args.tokens;
  const person = personOf(args, who);
  if (person === null) return fail(args, 'Start with the person to loop in, e.g. loop-in @ann se.');
  if (!roleToken) return fail(args, `Say which role they take on this deal: ${orList(ROLES)}.`);
  const role = roleFrom(roleToken.value);
  if (role === null) {
    return fail(args, `I don't know the role ${quoted(roleToken.value, 'you gave')}; use ${orList(ROLES)}.`);
  }
  const note = rest(args, 2);
  const tooLong = capError(note, LIMITS.text, 'The note');
  if (tooLong) return fail(args, tooLong);
  return ok(note === '' ? { kind: 'loop-in', person, role } : { kind: 'loop-in', person, role, note });
}

export function parseReassign(args: Args): ParseResult {
  const [who] = args.tokens;
  const person = personOf(args, who);
  const named = person === null ? nameTarget(args) : null;
  if (person === null && named === null)
    return fail(args, 'Mention the account manager to hand this over to, e.g. reassign @bob.');
  // "reassign @bob." — a trailing full stop is not a second argument.
  if (args.tokens.slice(named ? named.next : 1).some((t) => hasWords(t.value)))
    return fail(args, 'Mention just one person to reassign the handoff to.');
  return ok(named ? { kind: 'reassign', to: null, toName: named.name } : { kind: 'reassign', to: person });
}

const SETTINGS = new Map<string, 'config-am-pool' | 'config-managers'>([
  ['am-pool', 'config-am-pool'],
  ['ampool', 'config-am-pool'],
  ['pool', 'config-am-pool'],
  ['managers', 'config-managers'],
  ['manager', 'config-managers'],
]);
// Separators people naturally put between mentions ("@ann, @bob and @cy").
const FILLERS = new Set([',', 'and', '&', '+']);

export function parseConfig(args: Args): ParseResult {
  const [sub] = args.tokens;
  const word = keyword(sub);
  if (!sub || (word === 'show' && args.tokens.length === 1)) return ok({ kind: 'config-show' });
  const kind = word === null ? undefined : SETTINGS.get(word);
  if (kind === undefined) {
    const hint = didYouMean(sub.value, ['am-pool', 'managers']);
    return fail(
      args,
      `I don't know the setting ${quoted(sub.value, 'you gave')}.${hint || ' Use am-pool or managers.'}`,
    );
  }
  const setting = kind === 'config-am-pool' ? 'am-pool' : 'managers';
  const people: PersonRef[] = [];
  for (const token of args.tokens.slice(1)) {
    if (!token.quoted && FILLERS.has(token.value.toLowerCase())) continue;
    const person = personOf(args, token);
    if (person === null) {
      return fail(
        args,
        `Only mention people after config ${setting}; ${quoted(token.value, 'that')} is not a mention.`,
      );
    }
    people.push(person);
  }
  if (people.length === 0) {
    return fail(
      args,
      `Mention at least one person after config ${setting}, e.g. config ${setting} @ann @bob.`,
    );
  }
  return ok({ kind, people: uniquePeople(people) });
}
