// Text helpers: echoing user words safely in errors, rendering mention markers, finding links.
import type { PersonRef } from '../ids.js';
import { LIMITS } from './limits.js';
import { MENTION_MARKERS, markerIndex } from './tokens.js';

// `<` and `>` could close into platform markup (`<!channel>`, `<@U1>`, Teams `<at>`), and `@` could
// become a mention where the platform links names; an error must never broadcast or fake a mention.
const UNSAFE = /[<>@]/g;
// Control characters and newlines would break the one-sentence shape of an error, and bidi overrides
// could make it read backwards. (Joiners inside emoji are left alone.)
const CONTROL_OR_SPACE = /[\p{Cc}\p{Zl}\p{Zp}\s\u202a-\u202e\u2066-\u2069]+/gu;

/** A user's word made safe to repeat in an error: no markup characters, one line, at most ~40 chars. */
export function echo(word: string): string | null {
  const clean = word.replace(UNSAFE, '').replace(CONTROL_OR_SPACE, ' ').trim();
  if (clean === '') return null;
  const chars = Array.from(clean);
  return chars.length > LIMITS.echo ? `${chars.slice(0, LIMITS.echo).join('').trimEnd()}…` : clean;
}

/** `"word"` for a sentence, or the fallback when nothing printable is left of the word. */
export function quoted(word: string, fallback: string): string {
  const e = echo(word);
  return e === null ? fallback : `"${e}"`;
}

/** What a person is called in rendered text; a blank platform name still reads as a mention. */
export const displayName = (p: PersonRef): string => `@${p.name.trim() || 'someone'}`;

/** Replaces each `<@i>` marker with `@Name`. Out-of-range markers are rejected earlier; kept as-is here. */
export function renderMentions(text: string, mentions: readonly PersonRef[]): string {
  return text.replace(MENTION_MARKERS, (marker, digits: string) => {
    const person = mentions[markerIndex(digits)];
    return person ? displayName(person) : marker;
  });
}

/** The first out-of-range marker index in `text`, or null when every marker resolves. */
export function firstUnknownMention(text: string, count: number): number | null {
  for (const m of text.matchAll(MENTION_MARKERS)) {
    const i = markerIndex(m[1] ?? '');
    if (!(i < count)) return i;
  }
  return null;
}

// Stops at characters that cannot be in a bare URL and at Slack's `<url|label>` markup.
const URL_CANDIDATE = /https?:\/\/[^\s<>"|\u201c\u201d]+/iu;
const TRAILING_PUNCTUATION = /[.,;:!?'*_]+$/;

/** The first http(s) URL in `text`, without the sentence punctuation that usually follows it. */
export function firstUrl(text: string): string | null {
  const match = URL_CANDIDATE.exec(text);
  if (!match) return null;
  let url = match[0].replace(TRAILING_PUNCTUATION, '');
  // "(see https://x.y/z)": the closing paren is the sentence's unless the URL opened one itself.
  while (url.endsWith(')') && !url.includes('(')) url = url.slice(0, -1).replace(TRAILING_PUNCTUATION, '');
  return URL.canParse(url) ? url : null;
}

/** True when `text` has something besides whitespace and punctuation (a word, a number, an emoji). */
export const hasWords = (text: string): boolean => /[^\s\p{P}]/u.test(text);
