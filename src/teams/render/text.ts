// Text going into a card: bounded (a Teams card must stay under 28 KB) and unable to fake markup.

/** Cuts `text` to `max` characters at a word boundary when there is one, with an ellipsis. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

// `<at>Name</at>` is Teams' mention markup: typed by a user it must not turn into a mention of
// someone the card's entities happen to name.
const AT_TAG = /<\s*(\/?)\s*at\s*>/gi;

/** User-provided text made safe for a TextBlock. */
export const safe = (text: string, max = 2000): string => clip(text.replace(AT_TAG, '‹$1at›'), max);

export const TONE_COLOR = {
  info: 'Default',
  success: 'Good',
  warning: 'Warning',
  error: 'Attention',
} as const;
