// Assertion helpers shared by the parser tests: parse, then insist on success or on a well-formed error.
import { expect } from 'vitest';
import type { Command, ParseResult } from '../../../src/core/commands.js';
import type { PersonRef } from '../../../src/core/ids.js';
import { parseCommand } from '../../../src/core/parse/index.js';
import { person } from '../../support/factories.js';

export const ann = person('Ann');
export const bob = person('Bob');
export const cy = person('Cy');
/** Mentions as an adapter would pass them: `<@0>` is Ann, `<@1>` Bob, `<@2>` Cy. */
export const PEOPLE: readonly PersonRef[] = [ann, bob, cy];

export const parse = (text: string, mentions: readonly PersonRef[] = PEOPLE): ParseResult =>
  parseCommand({ text, mentions });

export function command(text: string, mentions?: readonly PersonRef[]): Command {
  const result = parse(text, mentions);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(text)} to parse, got: ${result.error}`);
  return result.command;
}

const BANNED = ['undefined', 'null', '[object', 'NaN'];

/** The sentence rules of DESIGN.md §3, given the text the user typed (which an error may echo). */
export function sentenceProblems(error: string, typed: string): string[] {
  const problems: string[] = [];
  if (!/^\p{Lu}/u.test(error)) problems.push('does not start with a capital letter');
  if (!/[.?]$/.test(error)) problems.push('does not end with a period or question mark');
  if (/[<>]/.test(error)) problems.push('contains < or >');
  if (/\n/.test(error)) problems.push('spans several lines');
  if (/\bat .+:\d+:\d+/.test(error)) problems.push('looks like a stack trace');
  for (const word of BANNED) {
    if (error.includes(word) && !typed.toLowerCase().includes(word.toLowerCase()))
      problems.push(`says ${word}`);
  }
  return problems;
}

export function failure(text: string, mentions?: readonly PersonRef[]): { error: string; usage: string } {
  const result = parse(text, mentions);
  if (result.ok)
    throw new Error(`expected ${JSON.stringify(text)} to fail, got ${JSON.stringify(result.command)}`);
  expect(sentenceProblems(result.error, text)).toEqual([]);
  expect(result.usage).not.toBe('');
  return { error: result.error, usage: result.usage };
}
