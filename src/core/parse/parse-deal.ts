// Commands about the deal itself: new, link, stage, stakeholder, timeline.
import type { ParseResult } from '../commands.js';
import { parseDealId } from '../ids.js';
import { parseLinkCode } from '../link-code.js';
import { BUYING_ROLES, DEFAULT_MODEL, STAGES } from '../playbooks.js';
import { type Args, capError, fail, nameOf, ok, rest } from './args.js';
import { LIMITS } from './limits.js';
import { didYouMean } from './suggest.js';
import { quoted } from './text.js';
import { keyword, type Token } from './tokens.js';
import { buyingRoleFrom, filterFrom, modelFrom, normalizeLabel, orList, stageFrom } from './vocab.js';

// Slack and macOS autocorrect turn `--` into an en or em dash; the flag should survive that.
const CHANNEL_FLAG = /^(--|\u2014|\u2013)channel$/i;

export function parseNew(args: Args): ParseResult {
  const words = args.tokens.filter((t) => t.quoted || !CHANNEL_FLAG.test(t.value));
  const createChannel = words.length !== args.tokens.length;
  const last = words[words.length - 1];
  const lastModel = last && !last.quoted ? modelFrom(last.value) : null;
  const model = lastModel ?? DEFAULT_MODEL;
  const name = nameOf(args, lastModel ? words.slice(0, -1) : words);
  if (name === '') return fail(args, 'Give the deal a name, e.g. new "Acme expansion" outbound.');
  const tooLong = capError(name, LIMITS.name, 'The deal name');
  if (tooLong) return fail(args, tooLong);
  return ok({ kind: 'new', name, model, createChannel });
}

// Deal codes are Crockford base32: read aloud, O and I/L are taken for 0 and 1, and people often
// drop the "D-" or the hyphen.
function normalizeDealCode(word: string): string {
  const upper = word.trim().toUpperCase();
  const body = /^D-?(.{6})$/.exec(upper)?.[1] ?? (upper.length === 6 ? upper : null);
  if (body === null) return upper;
  return `D-${body.replace(/O/g, '0').replace(/[IL]/g, '1')}`;
}

export function parseLink(args: Args): ParseResult {
  const [code, extra] = args.tokens;
  if (!code) {
    return fail(args, 'Give the code of the deal to link (like D-7K3F9X), or a one-time code from share.');
  }
  const dealId = parseDealId(normalizeDealCode(code.value));
  // A one-time code pasted with spaces between its groups arrives as several tokens.
  const linkCode = dealId === null ? parseLinkCode(args.tokens.map((t) => t.value).join('')) : null;
  if (linkCode !== null) return ok({ kind: 'link-code', code: linkCode });
  if (extra) return fail(args, 'Give just one code after link, e.g. link D-7K3F9X.');
  if (dealId === null) {
    return fail(
      args,
      `The code ${quoted(code.value, 'you gave')} is neither a deal code ("D-" and 6 letters or digits, like D-7K3F9X) nor a one-time code from share (16 letters or digits, like K7F3-9QXM-2B8R-T4WZ).`,
    );
  }
  return ok({ kind: 'link', dealId });
}

const CLOSE_WORDS = new Set(['close', 'closed']);
const OUTCOMES = new Map<string, 'won' | 'lost'>([
  ['won', 'won'],
  ['win', 'won'],
  ['lost', 'lost'],
  ['lose', 'lost'],
]);

/** `won`, `closed-won`, `close-lost`… as one word (CRMs spell outcomes "Closed Won"). */
function outcomeWord(word: string | null): 'won' | 'lost' | null {
  if (word === null) return null;
  return OUTCOMES.get(word.replace(/^closed?-/, '')) ?? null;
}

function parseClose(args: Args, result: 'won' | 'lost', reasonFrom: number): ParseResult {
  const reason = rest(args, reasonFrom);
  if (result === 'lost' && reason === '') {
    return fail(args, 'Say why the deal was lost, e.g. stage close lost budget cut.');
  }
  const tooLong = capError(reason, LIMITS.reason, 'The reason');
  if (tooLong) return fail(args, tooLong);
  return ok({
    kind: 'stage',
    move: reason === '' ? { to: 'close', result } : { to: 'close', result, reason },
  });
}

export function parseStage(args: Args): ParseResult {
  const [first, second] = args.tokens;
  const word = keyword(first);
  if (!first) return ok({ kind: 'stage', move: { to: 'show' } });
  if (word === 'next') {
    if (second) return fail(args, 'Nothing goes after stage next.');
    return ok({ kind: 'stage', move: { to: 'next' } });
  }
  if (word !== null && CLOSE_WORDS.has(word)) {
    const outcome = outcomeWord(keyword(second));
    if (outcome) return parseClose(args, outcome, 2);
    if (!second) return fail(args, 'Say whether the deal was won or lost, e.g. stage close won.');
    return fail(args, `Close the deal as won or lost, not ${quoted(second.value, 'that')}.`);
  }
  const outcome = outcomeWord(word);
  if (outcome) return parseClose(args, outcome, 1);
  const words = args.tokens.map((t) => t.value).join(' ');
  const stage = stageFrom(words);
  if (stage) return ok({ kind: 'stage', move: { to: 'stage', stage } });
  const hint = didYouMean(normalizeLabel(words), [...STAGES, 'next']);
  return fail(
    args,
    `I don't know the stage ${quoted(words, 'you gave')}.${hint || ` The stages are ${orList(STAGES)}.`}`,
  );
}

export function parseStakeholder(args: Args): ParseResult {
  const [sub] = args.tokens;
  if (!sub) return fail(args, 'Say what to do with the stakeholder, e.g. stakeholder add Jane Doe sponsor.');
  if (keyword(sub) !== 'add') {
    return fail(args, `I only know stakeholder add, not stakeholder ${quoted(sub.value, 'that')}.`);
  }
  const words = args.tokens.slice(1);
  // Only an unquoted word is a role: quoting lets a name contain one ("Coach" Carter).
  const at = words.findIndex((t) => !t.quoted && buyingRoleFrom(t.value) !== null);
  const roleToken: Token | undefined = words[at];
  const role = roleToken ? buyingRoleFrom(roleToken.value) : null;
  if (at < 0 || role === null) {
    return fail(args, `Give the stakeholder's buying role after their name: ${orList(BUYING_ROLES)}.`);
  }
  const name = nameOf(args, words.slice(0, at));
  if (name === '')
    return fail(
      args,
      "Give the stakeholder's name before their role, e.g. stakeholder add Jane Doe sponsor.",
    );
  const nameTooLong = capError(name, LIMITS.name, "The stakeholder's name");
  if (nameTooLong) return fail(args, nameTooLong);
  const title = nameOf(args, words.slice(at + 1));
  const titleTooLong = capError(title, LIMITS.title, "The stakeholder's title");
  if (titleTooLong) return fail(args, titleTooLong);
  return ok(
    title === '' ? { kind: 'stakeholder-add', name, role } : { kind: 'stakeholder-add', name, role, title },
  );
}

export function parseTimeline(args: Args): ParseResult {
  const [first, extra] = args.tokens;
  if (!first) return ok({ kind: 'timeline', filter: 'all' });
  const filter = filterFrom(first.value);
  if (filter === null) {
    const hint = didYouMean(first.value, ['all', 'research', 'handoffs', 'tags']);
    return fail(
      args,
      `I can't filter the timeline by ${quoted(first.value, 'that')}.${hint || ' Use all, research, handoffs or tags.'}`,
    );
  }
  if (extra) return fail(args, 'Give at most one filter after timeline: all, research, handoffs or tags.');
  return ok({ kind: 'timeline', filter });
}
