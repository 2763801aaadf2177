import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../../src/core/commands.js';
import { commandList, HELP, USAGE } from '../../../src/core/parse/index.js';
import { command, failure } from './helpers.js';

describe('research', () => {
  it('lists findings when alone (or with list)', () => {
    expect(command('research')).toEqual({ kind: 'research-list' });
    expect(command('research list')).toEqual({ kind: 'research-list' });
  });

  it('takes a category as the first word, any case, and keeps the link in the text', () => {
    expect(command('research Competition: Globex quoted 20% less (https://example.com/q?a=1).')).toEqual({
      kind: 'research',
      category: 'competition',
      text: 'Globex quoted 20% less (https://example.com/q?a=1).',
      link: 'https://example.com/q?a=1',
    });
  });

  it("files the whole text under other when the first word isn't a category", () => {
    expect(command('research CFO  owns the budget')).toEqual({
      kind: 'research',
      category: 'other',
      text: 'CFO  owns the budget',
    });
  });

  it('takes only the first http(s) link', () => {
    expect(command('research pain see http://a.example/x and https://b.example/y')).toMatchObject({
      link: 'http://a.example/x',
    });
    expect(command('research pain see ftp://a.example/x')).not.toHaveProperty('link');
  });

  it('needs a finding after a category, and caps it at 2000 characters', () => {
    const { error, usage } = failure('research budget');
    expect(error).toBe('Add the finding after the category, e.g. research budget Globex quoted 20% less.');
    expect(usage).toBe(USAGE.research);
    expect(failure(`research ${'x'.repeat(2001)}`).error).toBe(
      'The finding is too long: keep it to 2,000 characters or fewer.',
    );
  });
});

describe('inbox and accept', () => {
  it('take no arguments', () => {
    expect(command('inbox')).toEqual({ kind: 'inbox' });
    expect(command('ACCEPT')).toEqual({ kind: 'accept' });
    expect(failure('inbox all').error).toBe('Type just inbox, with nothing after it.');
    const { error, usage } = failure('accept thanks');
    expect(error).toBe('Type just accept, with nothing after it.');
    expect(usage).toBe('Usage: accept');
  });
});

describe('decline', () => {
  it('declines with a reason', () => {
    expect(command('decline not in my  territory')).toEqual({
      kind: 'decline',
      reason: 'not in my  territory',
    });
    expect(command('decline "not a fit"')).toEqual({ kind: 'decline', reason: 'not a fit' });
  });

  it('needs a reason of at most 500 characters', () => {
    const { error, usage } = failure('decline');
    expect(error).toBe('Say why you are declining, e.g. decline not in my territory.');
    expect(usage).toBe('Usage: decline <reason>');
    expect(failure(`decline ${'x'.repeat(501)}`).error).toBe(
      'The reason is too long: keep it to 500 characters or fewer.',
    );
  });
});

describe('done', () => {
  it('marks an inbox item done by id', () => {
    expect(command('done 4f2a9c-1')).toEqual({ kind: 'done', itemId: '4f2a9c-1' });
  });

  it('needs one plausible id', () => {
    const { error, usage } = failure('done');
    expect(error).toBe('Say which inbox item is done by its id, as shown in your inbox.');
    expect(usage).toBe('Usage: done <item-id>');
    expect(failure('done a b').error).toBe('Give just one inbox item id after done.');
    expect(failure('done <b>').error).toBe('That is not an inbox item id; the ids are shown in your inbox.');
  });
});

describe('help', () => {
  it('shows general help for empty text, help, and a bare deal prefix', () => {
    for (const text of ['', '   \n\t', 'help', 'HELP', 'deal', '/deal'])
      expect(command(text)).toEqual({ kind: 'help' });
  });

  it('takes a command as topic', () => {
    expect(command('help stage')).toEqual({ kind: 'help', topic: 'stage' });
    expect(command('help Loop-In')).toEqual({ kind: 'help', topic: 'loop-in' });
    expect(command('help /deal tag')).toEqual({ kind: 'help', topic: 'tag' });
    expect(command('help done')).toEqual({ kind: 'help', topic: 'done' });
  });

  it('suggests the closest topic for an unknown one', () => {
    const { error, usage } = failure('help stge');
    expect(error).toBe('There is no command "stge". Did you mean `stage`?');
    expect(usage).toBe('Usage: help [command]');
    expect(failure('help zzzzzz').error).toBe('There is no command "zzzzzz". Type help to see them all.');
  });
});

describe('command words', () => {
  it('are case-insensitive and tolerate a leading deal or /deal', () => {
    expect(command('/deal status')).toEqual({ kind: 'status' });
    expect(command('Deal STATUS')).toEqual({ kind: 'status' });
    expect(command('\u00a0status\u00a0')).toEqual({ kind: 'status' });
  });

  it('suggest the closest command for an unknown word', () => {
    const { error, usage } = failure('statsu');
    expect(error).toBe('I don\'t know the command "statsu". Did you mean `status`?');
    expect(usage).toBe(commandList());
    expect(failure('stakeholders add Jo coach').error).toContain('Did you mean `stakeholder`?');
    expect(failure('stakeh').error).toContain('Did you mean `stakeholder`?');
    expect(failure('loopin <@0> se').error).toContain('Did you mean `loop-in`?');
  });

  it('make no suggestion when nothing is close', () => {
    expect(failure('xyzzyplugh').error).toBe('I don\'t know the command "xyzzyplugh".');
  });

  it('never echo markup that could broadcast or mention, and truncate long words', () => {
    const broadcast = failure('<!channel> hello').error;
    expect(broadcast).toBe('I don\'t know the command "!channel".');
    expect(failure('@here').error).toBe('I don\'t know the command "here". Did you mean `share`?');
    expect(failure('<>').error).toBe("I don't know the command you typed.");
    const long = failure(`${'w'.repeat(100)}`).error;
    expect(long).toBe(`I don't know the command "${'w'.repeat(40)}…".`);
  });

  it('say so when the text starts with a mention instead of a command', () => {
    expect(failure('<@0> hi').error).toBe(
      'Start with a command word, e.g. tag, before the people you mention.',
    );
  });
});

describe('size caps', () => {
  it('refuses a whole message over 4000 characters, with its command usage', () => {
    const { error, usage } = failure(`tag <@0> ${'x'.repeat(4000)}`);
    expect(error).toBe('That command is too long: keep it to 4,000 characters or fewer.');
    expect(usage).toBe(USAGE.tag);
    expect(failure('z'.repeat(5000)).usage).toBe(commandList());
  });
});

describe('usage and help text', () => {
  it('has a usage line and a help entry for every command name, without the /deal prefix', () => {
    for (const name of COMMAND_NAMES) {
      expect(USAGE[name]).toMatch(new RegExp(`^Usage: ${name}\\b`));
      expect(HELP[name].usage).toBe(USAGE[name]);
      expect(HELP[name].summary).toMatch(/^\p{Lu}.*\.$/u);
      expect(HELP[name].examples.length).toBeGreaterThan(0);
    }
    expect(Object.values(USAGE).join('\n')).not.toContain('/deal');
  });

  it('matches the grammar for stage', () => {
    expect(USAGE.stage).toBe('Usage: stage [<stage>|next] — or: stage close won|lost [reason]');
  });

  it('has examples that parse, once the platform has resolved their @people', () => {
    for (const entry of Object.values(HELP)) {
      for (const example of entry.examples) {
        const resolved = example.replace(/@(ann|bob|cara|dan|meg)\b/g, '<@0>');
        expect(command(resolved)).toBeDefined();
      }
    }
  });

  it('lists every command in commandList', () => {
    const list = commandList().split('\n');
    for (const name of [...COMMAND_NAMES, 'done'])
      expect(list.some((line) => line.startsWith(name))).toBe(true);
  });
});
