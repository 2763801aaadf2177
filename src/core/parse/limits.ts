// Size caps. They keep one command's output inside a Slack section (3000 chars) and a Teams card
// (28 KB), and keep a pasted novel out of Redis. Every cap is told to the user with its number.

export const LIMITS = {
  input: 4000,
  name: 80,
  text: 2000,
  reason: 500,
  title: 120,
  itemId: 100,
  /** How much of a user's word an error message repeats back. */
  echo: 40,
} as const;

/** Length in code points, so an emoji counts as one character, as users count. */
export function charCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** True when `s` has more than `limit` characters. The UTF-16 length is a cheap upper bound. */
export function exceeds(s: string, limit: number): boolean {
  return s.length > limit && charCount(s) > limit;
}

const fmt = (n: number): string => n.toLocaleString('en-US');

/** "The deal name is too long: keep it to 80 characters or fewer." */
export function tooLong(what: string, limit: number): string {
  return `${what} is too long: keep it to ${fmt(limit)} characters or fewer.`;
}
