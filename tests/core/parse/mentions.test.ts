import { describe, expect, it } from 'vitest';
import { USAGE } from '../../../src/core/parse/index.js';
import { person } from '../../support/factories.js';
import { ann, bob, command, cy, failure } from './helpers.js';

describe('tag', () => {
  it('tags a person and a role, rendering the person as @Name and keeping @am', () => {
    expect(command('tag <@0> can you look at pricing with @am')).toEqual({
      kind: 'tag',
      people: [ann],
      roles: ['am'],
      text: '@Ann can you look at pricing with @am',
    });
  });

  it('collects mentions anywhere in the text, CRM style, deduplicated in order of appearance', () => {
    expect(command('tag can <@1> and <@0>, with @SE and @se, review this? thanks <@1>')).toEqual({
      kind: 'tag',
      people: [bob, ann],
      roles: ['se'],
      text: 'can @Bob and @Ann, with @SE and @se, review this? thanks @Bob',
    });
  });

  it('deduplicates people by identity, not by marker index', () => {
    const again = person('Ann again', { user: ann.user });
    expect(command('tag <@0> <@1> hi', [ann, again])).toEqual({
      kind: 'tag',
      people: [ann],
      roles: [],
      text: '@Ann @Ann again hi',
    });
  });

  it('takes role mentions alone, each role any case', () => {
    expect(command('tag @Marketing @analyst @CS @support @manager @sdr need a deck')).toEqual({
      kind: 'tag',
      people: [],
      roles: ['marketing', 'analyst', 'cs', 'support', 'manager', 'sdr'],
      text: '@Marketing @analyst @CS @support @manager @sdr need a deck',
    });
  });

  it('does not take emails or longer handles for role mentions; handles are names to resolve', () => {
    expect(command('tag mail ann@am.io or @amanda or @am-team')).toEqual({
      kind: 'tag',
      people: [],
      roles: [],
      names: ['amanda', 'am-team'],
      text: 'mail ann@am.io or @amanda or @am-team',
    });
    expect(failure('tag mail ann@am.io about it').error).toBe(
      'Mention at least one person, or a role such as @am, to tag.',
    );
  });

  it('reads typed names (for teammates on the other platform), but not broadcasts or roles', () => {
    expect(command('tag @Bob.Stone, @"Ann Lee" and @am: pricing? @here @channel')).toEqual({
      kind: 'tag',
      people: [],
      roles: ['am'],
      names: ['Bob.Stone', 'Ann Lee'],
      text: '@Bob.Stone, @"Ann Lee" and @am: pricing? @here @channel',
    });
    expect(failure('tag @bob').error).toBe('Add a few words to the tag saying what you need.');
    expect(failure('tag @here hello').error).toBe(
      'Mention at least one person, or a role such as @am, to tag.',
    );
  });

  it('takes a typed name, quoted or not, as the reassignment target', () => {
    expect(command('reassign @"Bob Stone"')).toEqual({ kind: 'reassign', to: null, toName: 'Bob Stone' });
    expect(command('reassign @bob.')).toEqual({ kind: 'reassign', to: null, toName: 'bob' });
    expect(failure('reassign @bob now').error).toBe('Mention just one person to reassign the handoff to.');
  });

  it('takes a typed name as the escalation target', () => {
    expect(command('escalate @"Bob Stone", budget ok')).toEqual({
      kind: 'escalate',
      to: null,
      toName: 'Bob Stone',
      note: 'budget ok',
    });
    expect(command('escalate @bob.stone, budget confirmed')).toEqual({
      kind: 'escalate',
      to: null,
      toName: 'bob.stone',
      note: 'budget confirmed',
    });
    expect(command('escalate budget @bob confirmed')).toEqual({
      kind: 'escalate',
      to: null,
      note: 'budget @bob confirmed',
    });
  });

  it("keeps the user's spacing and newlines inside the text, trimmed", () => {
    expect(command('tag <@2>   first line\n\nsecond\u00a0line  ')).toEqual({
      kind: 'tag',
      people: [cy],
      roles: [],
      text: '@Cy   first line\n\nsecond\u00a0line',
    });
  });

  it('renders markers glued to punctuation', () => {
    expect(command('tag (<@0>): ping')).toEqual({
      kind: 'tag',
      people: [ann],
      roles: [],
      text: '(@Ann): ping',
    });
  });

  it('needs a mention', () => {
    const { error, usage } = failure('tag someone please look');
    expect(error).toBe('Mention at least one person, or a role such as @am, to tag.');
    expect(usage).toBe('Usage: tag @someone [@am …] <text>');
  });

  it('needs text beyond the mentions', () => {
    for (const text of ['tag <@0>', 'tag <@0> @am', 'tag <@0>, <@1>!']) {
      expect(failure(text).error).toBe('Add a few words to the tag saying what you need.');
    }
  });

  it('refuses an out-of-range mention marker', () => {
    const { error, usage } = failure('tag <@9> hi');
    expect(error).toBe("I couldn't tell who one of the mentions refers to; please mention them again.");
    expect(usage).toBe(USAGE.tag);
    expect(failure('tag <@0> and <@3> hi').error).toContain("couldn't tell who");
    expect(failure(`tag <@${'9'.repeat(400)}> hi`).error).toContain("couldn't tell who");
    expect(failure('tag <@0> hi', []).error).toContain("couldn't tell who");
  });

  it('caps the text at 2000 characters', () => {
    expect(failure(`tag <@0> ${'x'.repeat(2000)}`).error).toBe(
      'The tag text is too long: keep it to 2,000 characters or fewer.',
    );
  });
});

describe('escalate', () => {
  it('escalates to a person', () => {
    expect(command('escalate <@1> budget confirmed,  demo next week')).toEqual({
      kind: 'escalate',
      to: bob,
      note: 'budget confirmed,  demo next week',
    });
  });

  it('escalates to the AM pool with @am or with no target', () => {
    const pool = { kind: 'escalate', to: null, note: 'hot lead' };
    expect(command('escalate @am hot lead')).toEqual(pool);
    expect(command('escalate @AM: hot lead')).toEqual(pool);
    expect(command('escalate hot lead')).toEqual(pool);
  });

  it('renders other mentions inside the note', () => {
    expect(command('escalate @am <@2> is the champion')).toEqual({
      kind: 'escalate',
      to: null,
      note: '@Cy is the champion',
    });
  });

  it('needs a note', () => {
    for (const text of ['escalate', 'escalate <@1>', 'escalate @am']) {
      const { error, usage } = failure(text);
      expect(error).toBe('Add a note for the account manager saying why the lead is qualified.');
      expect(usage).toBe('Usage: escalate [@someone|@am] <note>');
    }
  });

  it('refuses a role other than @am as the target', () => {
    expect(failure('escalate @se hot lead').error).toBe(
      'Escalate to a person or to @am (the account-manager pool), not to the se role.',
    );
  });

  it('caps the note at 2000 characters', () => {
    expect(failure(`escalate ${'x'.repeat(2001)}`).error).toBe(
      'The note is too long: keep it to 2,000 characters or fewer.',
    );
  });
});

describe('loop-in', () => {
  it('loops a person in with a role and an optional note', () => {
    expect(command('loop-in <@2> se')).toEqual({ kind: 'loop-in', person: cy, role: 'se' });
    expect(command('Loop-In <@2> @SE for the  SSO question')).toEqual({
      kind: 'loop-in',
      person: cy,
      role: 'se',
      note: 'for the  SSO question',
    });
  });

  it('accepts a few obvious role aliases', () => {
    const role = (word: string) => command(`loop-in <@0> ${word}`);
    expect(role('ae')).toMatchObject({ role: 'am' });
    expect(role('account-manager')).toMatchObject({ role: 'am' });
    expect(role('sales-engineer')).toMatchObject({ role: 'se' });
    expect(role('customer-success')).toMatchObject({ role: 'cs' });
    expect(role('manager')).toMatchObject({ role: 'manager' });
  });

  it('lists the valid roles for an unknown one', () => {
    const { error, usage } = failure('loop-in <@0> wizard');
    expect(error).toBe(
      'I don\'t know the role "wizard"; use sdr, am, se, marketing, analyst, cs, support or manager.',
    );
    expect(usage).toBe('Usage: loop-in @someone <role> [note]');
    expect(failure('loop-in <@0>').error).toBe(
      'Say which role they take on this deal: sdr, am, se, marketing, analyst, cs, support or manager.',
    );
  });

  it('needs a person first', () => {
    for (const text of ['loop-in', 'loop-in se <@0>', 'loop-in @am se']) {
      expect(failure(text).error).toBe('Start with the person to loop in, e.g. loop-in @ann se.');
    }
  });
});

describe('reassign', () => {
  it('reassigns to one person, tolerating a full stop', () => {
    expect(command('reassign <@1>')).toEqual({ kind: 'reassign', to: bob });
    expect(command('reassign <@1>.')).toEqual({ kind: 'reassign', to: bob });
  });

  it('needs exactly one mention', () => {
    const { error, usage } = failure('reassign bob');
    expect(error).toBe('Mention the account manager to hand this over to, e.g. reassign @bob.');
    expect(usage).toBe('Usage: reassign @someone');
    expect(failure('reassign').error).toBe(error);
    expect(failure('reassign <@1> <@2>').error).toBe('Mention just one person to reassign the handoff to.');
  });
});

describe('config', () => {
  it('shows the config alone', () => {
    expect(command('config')).toEqual({ kind: 'config-show' });
    expect(command('config show')).toEqual({ kind: 'config-show' });
  });

  it('sets the AM pool and the managers, deduplicated, tolerating commas and "and"', () => {
    expect(command('config am-pool <@0>, <@1> and <@0>')).toEqual({
      kind: 'config-am-pool',
      people: [ann, bob],
    });
    expect(command('CONFIG Managers <@2>')).toEqual({ kind: 'config-managers', people: [cy] });
  });

  it('needs at least one person, and only people', () => {
    const { error, usage } = failure('config am-pool');
    expect(error).toBe('Mention at least one person after config am-pool, e.g. config am-pool @ann @bob.');
    expect(usage).toBe(USAGE.config);
    expect(failure('config managers <@0> bob').error).toBe(
      'Only mention people after config managers; "bob" is not a mention.',
    );
  });

  it('suggests the closest setting', () => {
    expect(failure('config mangers <@0>').error).toBe(
      'I don\'t know the setting "mangers". Did you mean `managers`?',
    );
    expect(failure('config colour').error).toBe(
      'I don\'t know the setting "colour". Use am-pool or managers.',
    );
  });
});
