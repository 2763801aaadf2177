// The playground's sales team and its two workspaces. Every persona is a person on both platforms: a
// Slack user of the playground workspace and a Teams user of the playground tenant, so one deal can
// be worked from either side (DESIGN.md §1 roles).

export interface Persona {
  /** Stable key the page uses (`sam`). */
  readonly key: string;
  /** Display name, and the word typed after `@` in the composer. */
  readonly name: string;
  readonly role: 'sdr' | 'am' | 'marketing' | 'analyst' | 'manager';
  readonly title: string;
  /** Slack user id (U…) and handle (`name` in users.info, the label in `<@U…|handle>`). */
  readonly slack: { readonly id: string; readonly handle: string };
  /** Teams channel account id (29:…) and AAD object id. */
  readonly teams: { readonly id: string; readonly aadObjectId: string };
}

const persona = (
  key: string,
  name: string,
  role: Persona['role'],
  title: string,
  aadSuffix: string,
): Persona => ({
  key,
  name,
  role,
  title,
  slack: { id: `UPG${key.toUpperCase()}`, handle: key },
  teams: {
    id: `29:playground-${key}`,
    aadObjectId: `00000000-0000-4000-8000-${aadSuffix.padStart(12, '0')}`,
  },
});

export const PERSONAS: readonly Persona[] = [
  persona('sam', 'Sam', 'sdr', 'SDR', '1'),
  persona('alex', 'Alex', 'am', 'Account manager', '2'),
  persona('jordan', 'Jordan', 'am', 'Account manager', '3'),
  persona('maya', 'Maya', 'marketing', 'Marketing', '4'),
  persona('priya', 'Priya', 'analyst', 'Business analyst', '5'),
  persona('morgan', 'Morgan', 'manager', 'Sales manager', '6'),
];

export const personaByKey = (key: unknown): Persona | undefined =>
  typeof key === 'string' ? PERSONAS.find((p) => p.key === key) : undefined;

/** The playground Slack workspace, and the bot user the fake Slack API answers auth.test with. */
export const SLACK = {
  teamId: 'TPLAYGROUND',
  domain: 'dealroom-playground',
  botUserId: 'UPGDEALROOM',
} as const;

/** The playground Teams tenant, team and bot (the recipient of every activity). */
export const TEAMS = {
  tenantId: '7a1e0c3d-0000-4000-8000-00000000beef',
  teamId: '19:playground-team@thread.tacv2',
  bot: { id: '28:dealroom-playground', name: 'Dealroom' },
} as const;

/** The name the bot answers to in both composers (`@Dealroom …`). */
export const BOT_NAME = 'Dealroom';

/** `@Name` words of the composer: a persona (case-insensitive) or the bot. */
const AT_WORD = /(^|[^\w@])@([A-Za-z][\w-]*)/g;

export type MentionPiece = { readonly text: string } | { readonly persona: Persona } | { readonly bot: true };

/** Splits typed text into plain runs and mentions; `@am` and unknown names stay plain text. */
export function splitMentions(text: string): MentionPiece[] {
  const pieces: MentionPiece[] = [];
  let last = 0;
  for (const m of text.matchAll(AT_WORD)) {
    const word = m[2] ?? '';
    const isBot = word.toLowerCase() === BOT_NAME.toLowerCase();
    const who = PERSONAS.find((p) => p.name.toLowerCase() === word.toLowerCase());
    if (!isBot && !who) continue;
    const at = m.index + (m[1]?.length ?? 0);
    if (at > last) pieces.push({ text: text.slice(last, at) });
    pieces.push(isBot ? { bot: true } : { persona: who as Persona });
    last = at + 1 + word.length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last) });
  return pieces;
}
