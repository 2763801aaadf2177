// Generated command texts from the grammar's own vocabulary (COMMAND_NAMES, stages, categories,
// roles…) mixed with noise, odd unicode and hostile markup, for sending through the real front doors.
// Seeded: a failure names the seed and index, and the same texts come back on the next run.
import fc from 'fast-check';
import { COMMAND_NAMES } from '../../src/core/commands.js';
import { TIMELINE_FILTERS } from '../../src/core/model.js';
import { BUYING_ROLES, MODELS, RESEARCH_CATEGORIES, ROLES, STAGES } from '../../src/core/playbooks.js';

/** Markup that would broadcast, fake a mention or break a renderer if it came back live. */
export const HOSTILE = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<!here|here>',
  '<!subteam^S0TEAM|@sales>',
  '@here',
  '@channel',
  '@everyone',
  // As Slack markup these are mentions Slack itself resolved (of users this workspace may not have);
  // typed, Slack escapes them (&lt;…&gt;), and then they must never come back as a mention.
  '<@U123|fake>',
  '<@U0FAKE>',
  '&lt;@UTYPED|ceo&gt;',
  '&lt;!channel&gt;',
  '<at>x</at>',
  '<at>Ana</at>',
  '<at>',
  '</at>',
  '<#C0FAKE|general>',
  '<https://evil.example/|click here>',
  '<mailto:x@evil.example|mail>',
  '*bold*',
  '_it_',
  '~strike~',
  '`code`',
  '```block```',
  '> quote',
  // A template placeholder typed by a user must come back as text, not be expanded.
  ['$', '{name}'].join(''),
  '{{x}}',
  '<script>alert(1)</script>',
  '&amp;&lt;&gt;',
  '[link](https://evil.example)',
  '"quoted words"',
  "'",
  '"',
  '--channel',
  '\\',
];

export const ODD_UNICODE = [
  '\u202e',
  '\u200b',
  '\u2066',
  '\u0000',
  '\ufeff',
  '\ud83d',
  '🧨',
  '👩🏽‍💻',
  'e\u0301\u0301\u0301',
  '中文',
  'ﷺ',
  'Ω≈ç√',
  '\t',
  '\n',
  '\r\n',
  '\u00a0',
  'İstanbul',
] as const;

const VOCAB = [
  ...COMMAND_NAMES,
  ...STAGES,
  ...RESEARCH_CATEGORIES,
  ...ROLES,
  ...BUYING_ROLES,
  ...MODELS,
  ...TIMELINE_FILTERS,
  'next',
  'won',
  'lost',
  'add',
  'on',
  'off',
  'show',
  'am-pool',
  'managers',
  'close',
];

export type Token = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'mention' };

const token: fc.Arbitrary<Token> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...VOCAB).map((text) => ({ kind: 'text' as const, text })) },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE).map((text) => ({ kind: 'text' as const, text })) },
  { weight: 2, arbitrary: fc.constantFrom(...ODD_UNICODE).map((text) => ({ kind: 'text' as const, text })) },
  { weight: 2, arbitrary: fc.constant({ kind: 'mention' as const }) },
  {
    weight: 3,
    arbitrary: fc
      .string({ maxLength: 12, unit: 'grapheme' })
      .map((text) => ({ kind: 'text' as const, text })),
  },
  {
    weight: 1,
    arbitrary: fc.string({ maxLength: 12, unit: 'binary' }).map((text) => ({ kind: 'text' as const, text })),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 100, max: 6_000 })
      .map((n) => ({ kind: 'text' as const, text: 'x'.repeat(n) })),
  },
);

/** A command: mostly a command word first, then up to 8 tokens; real mentions are rendered per platform. */
export const commandTokens: fc.Arbitrary<Token[]> = fc
  .tuple(
    fc.oneof(
      {
        weight: 8,
        arbitrary: fc.constantFrom(...COMMAND_NAMES).map((text) => ({ kind: 'text' as const, text })),
      },
      { weight: 2, arbitrary: token },
    ),
    fc.array(token, { maxLength: 8 }),
  )
  .map(([first, rest]) => [first, ...rest]);

export function generateCommands(count: number, seed: number): Token[][] {
  return fc.sample(commandTokens, { numRuns: count, seed });
}

/** Slack's live broadcasts and user-group pings in outgoing text. */
export const LIVE_BROADCAST = /<!(channel|here|everyone|subteam)/;

/** What an error sentence must never look like: a stack, an exception name, a leaked placeholder. */
export const NOT_A_SENTENCE =
  /\n\s+at \S|\b(TypeError|ReferenceError|SyntaxError|RangeError)\b|\[object Object\]|\bundefined\b|\bNaN\b/;
