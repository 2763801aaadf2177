// What each sub-parser receives: the tokens after the command word, with helpers to read mentions and
// free text from them, and the two ways to finish (ok / fail with this command's usage line).
import type { Command, CommandInput, ParseResult } from '../commands.js';
import type { PersonRef } from '../ids.js';
import { exceeds, tooLong } from './limits.js';
import { renderMentions } from './text.js';
import type { Token } from './tokens.js';
import { USAGE, type UsageWord } from './usage.js';

export interface Args {
  readonly input: CommandInput;
  /** Tokens after the command word. */
  readonly tokens: readonly Token[];
  readonly word: UsageWord;
}

export const ok = (command: Command): ParseResult => ({ ok: true, command });

export const failWith = (error: string, usage: string): ParseResult => ({ ok: false, error, usage });

/** A failure carrying this command's usage line. */
export const fail = (args: Args, error: string): ParseResult => failWith(error, USAGE[args.word]);

/** The person an unquoted `<@i>` token refers to (indices were range-checked before dispatch). */
export function personOf(args: Args, token: Token | undefined): PersonRef | null {
  if (!token || token.mention === null) return null;
  return args.input.mentions[token.mention] ?? null;
}

/**
 * Free text from token `from` to the end, as the user typed it (spacing and newlines kept), trimmed,
 * with markers rendered as `@Name`. A lone quoted group loses its quotes: they were only grouping.
 */
export function rest(args: Args, from: number): string {
  const first = args.tokens[from];
  if (!first) return '';
  const only = from === args.tokens.length - 1 && first.quoted;
  const raw = only ? first.value : args.input.text.slice(first.start);
  return renderMentions(raw, args.input.mentions).trim();
}

/** The raw source from token `from` to the end, markers left in (for scanning mentions). */
export function restRaw(args: Args, from: number): string {
  const first = args.tokens[from];
  return first ? args.input.text.slice(first.start) : '';
}

/**
 * A short name (deal, stakeholder) from a run of tokens: quotes dropped, whitespace collapsed to single
 * spaces, since a name is shown on one line in cards.
 */
export function nameOf(args: Args, tokens: readonly Token[]): string {
  const joined = tokens.map((t) => t.value).join(' ');
  return renderMentions(joined, args.input.mentions).replace(/\s+/gu, ' ').trim();
}

/** The error for text over its cap, or null when it fits. */
export function capError(text: string, limit: number, what: string): string | null {
  return exceeds(text, limit) ? tooLong(what, limit) : null;
}
