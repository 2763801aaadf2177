// The tokenizer keeps each token's position in the original text, so free text (notes, reasons, tag
// text) can be sliced from the source with the user's own spacing instead of being re-joined.

export interface Token {
  /** The token's text; for a quoted token, what is inside the quotes. */
  readonly value: string;
  /** Offsets into the source text, quotes included: `source.slice(start, end)` is the raw token. */
  readonly start: number;
  readonly end: number;
  readonly quoted: boolean;
  /** For an unquoted `<@i>` marker: i (possibly out of range; callers check). Otherwise null. */
  readonly mention: number | null;
}

// Straight quotes plus the curly ones that phones and Slack/Teams autocorrect produce, and the low
// opening quote of German keyboards. Any of them closes a group: keyboards disagree on which to type.
const OPENERS = new Set(['"', '\u201c', '\u201d', '\u201e']);
const CLOSERS = new Set(['"', '\u201c', '\u201d']);
const MENTION_AT = /<@(\d+)>/y;
/** Every `<@i>` marker, wherever it is (inside words or quotes too). */
export const MENTION_MARKERS = /<@(\d+)>/g;
// \s covers newlines, tabs, NBSP and the other Unicode space separators.
const SPACE = /\s/u;

/** A marker index as a number; absurdly long digit runs become Infinity, which is simply out of range. */
export const markerIndex = (digits: string): number => Number(digits);

function isSpace(ch: string): boolean {
  // Printable ASCII ('!'..'~') is never a space: most characters skip the regex.
  return (ch <= ' ' || ch > '~') && SPACE.test(ch);
}

function mentionAt(text: string, i: number): RegExpExecArray | null {
  // Checked for every character of every word: only a '<' can start a marker.
  if (text.charAt(i) !== '<') return null;
  MENTION_AT.lastIndex = i;
  return MENTION_AT.exec(text);
}

function closingQuote(text: string, from: number): number {
  for (let j = from; j < text.length; j++) {
    if (CLOSERS.has(text.charAt(j))) return j;
  }
  return -1;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  // Once a search for a closing quote has failed, none exists further on either: remembering that
  // keeps a line of unclosed openers („ „ „ …) linear instead of quadratic.
  let noCloserFrom = Number.POSITIVE_INFINITY;
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (isSpace(ch)) {
      i++;
      continue;
    }
    const marker = mentionAt(text, i);
    if (marker) {
      const end = i + marker[0].length;
      tokens.push({ value: marker[0], start: i, end, quoted: false, mention: markerIndex(marker[1] ?? '') });
      i = end;
      continue;
    }
    if (OPENERS.has(ch)) {
      const close = i + 1 >= noCloserFrom ? -1 : closingQuote(text, i + 1);
      if (close < 0) noCloserFrom = Math.min(noCloserFrom, i + 1);
      // An unclosed quote is just a character (an inch mark, a typo), not the start of a group.
      if (close >= 0) {
        tokens.push({
          value: text.slice(i + 1, close),
          start: i,
          end: close + 1,
          quoted: true,
          mention: null,
        });
        i = close + 1;
        continue;
      }
    }
    let j = i + 1;
    // A word ends at whitespace or where a mention marker starts, so `<@0>,` and `hi<@0>` split cleanly.
    while (j < text.length && !isSpace(text.charAt(j)) && !mentionAt(text, j)) j++;
    tokens.push({ value: text.slice(i, j), start: i, end: j, quoted: false, mention: null });
    i = j;
  }
  return tokens;
}

/** Lower-cased value of an unquoted token (quoting a word opts it out of being a keyword). */
export function keyword(token: Token | undefined): string | null {
  return token && !token.quoted ? token.value.toLowerCase() : null;
}
