// Property tests: the parser never throws, and every error it gives is a well-formed sentence.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, type ParseResult } from '../../../src/core/commands.js';
import type { PersonRef, UserId } from '../../../src/core/ids.js';
import { PARSE_FAILURE_SENTENCE, parseCommand } from '../../../src/core/parse/index.js';
import { BUYING_ROLES, MODELS, RESEARCH_CATEGORIES, ROLES, STAGES } from '../../../src/core/playbooks.js';
import { person } from '../../support/factories.js';
import { sentenceProblems } from './helpers.js';

const RUNS = { numRuns: 2000 };

const peopleArb: fc.Arbitrary<PersonRef[]> = fc
  .uniqueArray(fc.stringMatching(/^[A-Z0-9]{1,8}$/), { maxLength: 4 })
  .chain((ids) =>
    fc.tuple(
      ...ids.map((id) =>
        fc
          .string({ unit: 'grapheme', minLength: 1, maxLength: 20 })
          .filter((n) => n.trim() === n && n !== '')
          .map((name) => person(name, { user: `U${id}` as UserId })),
      ),
    ),
  );

/** Throws (failing the property) unless the result is well formed for this input. */
function checkWellFormed(result: ParseResult, text: string): void {
  if (result.ok) {
    expect(typeof result.command.kind).toBe('string');
    return;
  }
  expect(result.error).not.toBe(PARSE_FAILURE_SENTENCE);
  expect(sentenceProblems(result.error, text)).toEqual([]);
  expect(result.usage.length).toBeGreaterThan(0);
}

describe('parseCommand properties', () => {
  it('never throws on arbitrary grapheme strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), peopleArb, (text, mentions) => {
        checkWellFormed(parseCommand({ text, mentions }), text);
      }),
      RUNS,
    );
  });

  it('never throws on arbitrary UTF-16 (lone surrogates included)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), peopleArb, (text, mentions) => {
        checkWellFormed(parseCommand({ text, mentions }), text);
      }),
      RUNS,
    );
  });

  // Every command word from the grammar's own list, so a new command is fuzzed the day it exists.
  const vocabulary = [
    ...COMMAND_NAMES,
    'add',
    'am-pool',
    'managers',
    'on',
    'off',
    'deal',
    '/deal',
    'next',
    'close',
    'won',
    'lost',
    'closed-won',
    'list',
    'show',
    '--channel',
    '\u2014channel',
    'all',
    'handoffs',
    'tags',
    'D-7K3F9X',
    'd-7k3f9o',
    '<@0>',
    '<@1>',
    '<@2>',
    '<@3>',
    '<@9>',
    '<@>',
    '<@0',
    '@am',
    '@AM:',
    '@se',
    '@manager',
    '@here',
    '<!channel>',
    'https://example.com/a?b=1',
    'http://x.y).',
    '"',
    '\u201c',
    '\u201d',
    '"two words"',
    'make contact',
    'null',
    'undefined',
    ',',
    'and',
    ...STAGES,
    ...ROLES,
    ...MODELS,
    ...RESEARCH_CATEGORIES,
    ...BUYING_ROLES,
  ];
  const wordArb = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...vocabulary) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
    { weight: 1, arbitrary: fc.constantFrom('x'.repeat(81), 'y'.repeat(501), 'z'.repeat(2001)) },
  );
  const separatorArb = fc.constantFrom(' ', ' ', ' ', '  ', '\n', '\t', '\u00a0', '', '"', '\u201d');

  it('never throws on sentences built from the grammar vocabulary and noise', () => {
    const textArb = fc
      .array(fc.tuple(wordArb, separatorArb), { maxLength: 14 })
      .map((parts) => parts.map(([w, s]) => w + s).join(''));
    fc.assert(
      fc.property(textArb, peopleArb, (text, mentions) => {
        checkWellFormed(parseCommand({ text, mentions }), text);
      }),
      RUNS,
    );
  });

  it('renders every tagged person as @Name in the tag text', () => {
    const fragmentArb = fc.string({ unit: 'grapheme', maxLength: 12 }).map((s) => s.replace(/</g, ''));
    const caseArb = peopleArb
      .filter((people) => people.length > 0)
      .chain((people) =>
        fc.record({
          people: fc.constant(people),
          // Each person at least once, in any order, some more than once.
          order: fc.shuffledSubarray([...people.keys(), ...people.keys()], {
            minLength: people.length * 2,
            maxLength: people.length * 2,
          }),
          fragments: fc.array(fragmentArb, { minLength: people.length * 2, maxLength: people.length * 2 }),
        }),
      );
    fc.assert(
      fc.property(caseArb, ({ people, order, fragments }) => {
        const body = order.map((i, k) => `${fragments[k] ?? ''} <@${i}>`).join(' ');
        const text = `tag ${body} please`;
        const result = parseCommand({ text, mentions: people });
        if (!result.ok || result.command.kind !== 'tag')
          throw new Error(`not a tag: ${JSON.stringify(result)}`);
        for (const p of people) expect(result.command.text).toContain(`@${p.name}`);
        // People come out once each, in order of first appearance.
        expect(result.command.people).toEqual([...new Set(order)].map((i) => people[i]));
      }),
      RUNS,
    );
  });
});
