import { describe, expect, it } from 'vitest';
import { USAGE } from '../../../src/core/parse/index.js';
import { ann, command, failure } from './helpers.js';

describe('new', () => {
  it('takes a several-word name and a trailing model', () => {
    expect(command('new Acme Corp expansion outbound')).toEqual({
      kind: 'new',
      name: 'Acme Corp expansion',
      model: 'outbound',
      createChannel: false,
    });
  });

  it('defaults the model to team selling when the last word is not a model', () => {
    expect(command('new Acme Corp')).toEqual({
      kind: 'new',
      name: 'Acme Corp',
      model: 'team',
      createChannel: false,
    });
  });

  it('accepts --channel anywhere, and the dash autocorrect turns it into', () => {
    const expected = { kind: 'new', name: 'Acme Corp', model: 'inbound', createChannel: true };
    expect(command('new --channel Acme Corp inbound')).toEqual(expected);
    expect(command('new Acme --channel Corp inbound')).toEqual(expected);
    expect(command('new Acme Corp inbound --CHANNEL')).toEqual(expected);
    expect(command('new Acme Corp inbound \u2014channel')).toEqual(expected);
  });

  it('groups a quoted name, straight or curly, so a model word can be part of it', () => {
    expect(command('new "Inbound  Partners" relationship')).toEqual({
      kind: 'new',
      name: 'Inbound Partners',
      model: 'relationship',
      createChannel: false,
    });
    expect(command('new \u201cAcme Team\u201d')).toEqual({
      kind: 'new',
      name: 'Acme Team',
      model: 'team',
      createChannel: false,
    });
    expect(command('new "team"')).toEqual({ kind: 'new', name: 'team', model: 'team', createChannel: false });
  });

  it('is case-insensitive for the command word and the model', () => {
    expect(command('NEW Acme Account-Based')).toEqual({
      kind: 'new',
      name: 'Acme',
      model: 'account-based',
      createChannel: false,
    });
  });

  it('needs a name', () => {
    for (const text of ['new', 'new outbound', 'new --channel', 'new ""']) {
      const { error, usage } = failure(text);
      expect(error).toBe('Give the deal a name, e.g. new "Acme expansion" outbound.');
      expect(usage).toBe(USAGE.new);
    }
  });

  it('caps the name at 80 characters', () => {
    expect(command(`new ${'a'.repeat(80)}`)).toMatchObject({ name: 'a'.repeat(80) });
    const { error } = failure(`new ${'a'.repeat(81)} inbound`);
    expect(error).toBe('The deal name is too long: keep it to 80 characters or fewer.');
  });

  it('counts an emoji as one character', () => {
    expect(command(`new ${'🚀'.repeat(80)}`)).toMatchObject({ name: '🚀'.repeat(80) });
  });
});

describe('link', () => {
  it('takes a deal code in any case', () => {
    expect(command('link D-7K3F9X')).toEqual({ kind: 'link', dealId: 'D-7K3F9X' });
    expect(command('link d-7k3f9x')).toEqual({ kind: 'link', dealId: 'D-7K3F9X' });
  });

  it('forgives a missing "D-" and the letters Crockford base32 reads as digits', () => {
    expect(command('link 7K3F9X')).toEqual({ kind: 'link', dealId: 'D-7K3F9X' });
    expect(command('link D7K3F9X')).toEqual({ kind: 'link', dealId: 'D-7K3F9X' });
    expect(command('link D-7K3FOI')).toEqual({ kind: 'link', dealId: 'D-7K3F01' });
  });

  it('says what a deal code looks like', () => {
    const { error, usage } = failure('link ABC');
    expect(error).toBe(
      'The code "ABC" is neither a deal code ("D-" and 6 letters or digits, like D-7K3F9X) nor a one-time code from share (16 letters or digits, like K7F3-9QXM-2B8R-T4WZ).',
    );
    expect(usage).toBe('Usage: link <deal-code | one-time code>');
    expect(failure('link D-7K3F9U').error).toContain('is neither a deal code');
  });

  it('needs exactly one code', () => {
    expect(failure('link').error).toBe(
      'Give the code of the deal to link (like D-7K3F9X), or a one-time code from share.',
    );
    expect(failure('link D-7K3F9X now').error).toBe('Give just one code after link, e.g. link D-7K3F9X.');
  });

  it('reads one-time codes however they were copied', () => {
    for (const text of [
      'link K7F3-9QXM-2B8R-T4WZ',
      'link k7f39qxm2b8rt4wz',
      'link K7F3 9QXM 2B8R T4WZ',
      'link K7F3\u20139QXM-2B8R-T4WZ',
    ]) {
      expect(command(text)).toEqual({ kind: 'link-code', code: 'K7F39QXM2B8RT4WZ' });
    }
    // O and I/L are read as 0 and 1, as in deal codes.
    expect(command('link OIL0-0000-0000-0000')).toEqual({ kind: 'link-code', code: '0110000000000000' });
    expect(failure('link K7F3-9QXM-2B8R-T4W').error).toContain('is neither a deal code');
    // A deal code followed by words is a deal code with words too many, not a one-time code.
    expect(failure('link D-7K3F9X something').error).toBe(
      'Give just one code after link, e.g. link D-7K3F9X.',
    );
    expect(failure('link K7F3-9QXM-2B8R-T4WU').error).toContain('is neither a deal code');
  });
});

describe('status', () => {
  it('parses alone', () => {
    expect(command('status')).toEqual({ kind: 'status' });
    expect(command('  Status \n')).toEqual({ kind: 'status' });
  });

  it('refuses trailing words rather than ignoring them', () => {
    const { error, usage } = failure('status please');
    expect(error).toBe('Type just status, with nothing after it.');
    expect(usage).toBe('Usage: status');
  });
});

describe('stage', () => {
  const stage = (text: string) => command(text);

  it('shows the stage when alone, moves to the next with next', () => {
    expect(stage('stage')).toEqual({ kind: 'stage', move: { to: 'show' } });
    expect(stage('stage NEXT')).toEqual({ kind: 'stage', move: { to: 'next' } });
  });

  it('takes stage ids and labels, any case', () => {
    expect(stage('stage qualify')).toEqual({ kind: 'stage', move: { to: 'stage', stage: 'qualify' } });
    expect(stage('stage make contact')).toEqual({
      kind: 'stage',
      move: { to: 'stage', stage: 'make-contact' },
    });
    expect(stage('stage Make-Contact')).toEqual({
      kind: 'stage',
      move: { to: 'stage', stage: 'make-contact' },
    });
    expect(stage('stage "First check-in"')).toEqual({
      kind: 'stage',
      move: { to: 'stage', stage: 'first-check-in' },
    });
  });

  it('closes won, with or without a reason', () => {
    expect(stage('stage close won')).toEqual({ kind: 'stage', move: { to: 'close', result: 'won' } });
    expect(stage('stage close WON signed  3-year deal')).toEqual({
      kind: 'stage',
      move: { to: 'close', result: 'won', reason: 'signed  3-year deal' },
    });
  });

  it('closes lost with a reason, and accepts the won/lost and Closed Won shorthands', () => {
    const lost = { kind: 'stage', move: { to: 'close', result: 'lost', reason: 'budget cut' } };
    expect(stage('stage close lost budget cut')).toEqual(lost);
    expect(stage('stage lost budget cut')).toEqual(lost);
    expect(stage('stage closed lost budget cut')).toEqual(lost);
    expect(stage('stage closed-lost budget cut')).toEqual(lost);
    expect(stage('stage won')).toEqual({ kind: 'stage', move: { to: 'close', result: 'won' } });
  });

  it('requires a reason for a lost deal', () => {
    for (const text of ['stage close lost', 'stage lost']) {
      const { error, usage } = failure(text);
      expect(error).toBe('Say why the deal was lost, e.g. stage close lost budget cut.');
      expect(usage).toBe('Usage: stage [<stage>|next] — or: stage close won|lost [reason]');
    }
  });

  it('asks won or lost when closing without an outcome', () => {
    expect(failure('stage close').error).toBe('Say whether the deal was won or lost, e.g. stage close won.');
    expect(failure('stage close maybe').error).toBe('Close the deal as won or lost, not "maybe".');
  });

  it('suggests the closest stage for a typo', () => {
    const { error, usage } = failure('stage qualfy');
    expect(error).toBe('I don\'t know the stage "qualfy". Did you mean `qualify`?');
    expect(usage).toBe(USAGE.stage);
    expect(failure('stage make contct').error).toContain('Did you mean `make-contact`?');
  });

  it('lists the stages when nothing is close', () => {
    const { error } = failure('stage zzzzzzzz');
    expect(error).toMatch(
      /^I don't know the stage "zzzzzzzz"\. The stages are prospect, make-contact, .* or upsell\.$/,
    );
  });

  it('refuses words after stage next and caps the reason at 500 characters', () => {
    expect(failure('stage next please').error).toBe('Nothing goes after stage next.');
    expect(failure(`stage lost ${'x'.repeat(501)}`).error).toBe(
      'The reason is too long: keep it to 500 characters or fewer.',
    );
    expect(command(`stage lost ${'x'.repeat(500)}`)).toMatchObject({ kind: 'stage' });
  });
});

describe('stakeholder', () => {
  it('adds a stakeholder: name before the first buying role, title after', () => {
    expect(command('stakeholder add Jane Doe sponsor VP Sales')).toEqual({
      kind: 'stakeholder-add',
      name: 'Jane Doe',
      role: 'sponsor',
      title: 'VP Sales',
    });
    expect(command('Stakeholder ADD Li Wei IT-Approver')).toEqual({
      kind: 'stakeholder-add',
      name: 'Li Wei',
      role: 'it-approver',
    });
  });

  it('lets quotes keep a role word inside a name', () => {
    expect(command('stakeholder add "Coach Carter" coach "Head of  IT"')).toEqual({
      kind: 'stakeholder-add',
      name: 'Coach Carter',
      role: 'coach',
      title: 'Head of IT',
    });
  });

  it('is a usage error alone or with another verb', () => {
    const alone = failure('stakeholder');
    expect(alone.error).toBe('Say what to do with the stakeholder, e.g. stakeholder add Jane Doe sponsor.');
    expect(alone.usage).toBe('Usage: stakeholder add <name> <buying-role> [title]');
    expect(failure('stakeholder remove Jane').error).toBe(
      'I only know stakeholder add, not stakeholder "remove".',
    );
  });

  it('lists the buying roles when the role is missing', () => {
    expect(failure('stakeholder add Jane Doe').error).toBe(
      "Give the stakeholder's buying role after their name: sponsor, budget-holder, it-approver, " +
        'commercial-approver, legal-approver, procurement, coach or user.',
    );
  });

  it('needs a name before the role, and caps name and title', () => {
    expect(failure('stakeholder add sponsor').error).toBe(
      "Give the stakeholder's name before their role, e.g. stakeholder add Jane Doe sponsor.",
    );
    expect(failure(`stakeholder add ${'n'.repeat(81)} coach`).error).toBe(
      "The stakeholder's name is too long: keep it to 80 characters or fewer.",
    );
    expect(failure(`stakeholder add Jane coach ${'t'.repeat(121)}`).error).toBe(
      "The stakeholder's title is too long: keep it to 120 characters or fewer.",
    );
  });

  it('renders a mention inside a name as the person', () => {
    expect(command('stakeholder add <@0> coach')).toEqual({
      kind: 'stakeholder-add',
      name: `@${ann.name}`,
      role: 'coach',
    });
  });
});

describe('timeline', () => {
  it('defaults to all and takes each filter, singular or plural, any case', () => {
    expect(command('timeline')).toEqual({ kind: 'timeline', filter: 'all' });
    expect(command('timeline Research')).toEqual({ kind: 'timeline', filter: 'research' });
    expect(command('timeline handoff')).toEqual({ kind: 'timeline', filter: 'handoffs' });
    expect(command('timeline tag')).toEqual({ kind: 'timeline', filter: 'tags' });
    expect(command('timeline all')).toEqual({ kind: 'timeline', filter: 'all' });
  });

  it('rejects an unknown filter, suggesting the closest', () => {
    const { error, usage } = failure('timeline resarch');
    expect(error).toBe('I can\'t filter the timeline by "resarch". Did you mean `research`?');
    expect(usage).toBe('Usage: timeline [all|research|handoffs|tags]');
    expect(failure('timeline zzzzzz').error).toBe(
      'I can\'t filter the timeline by "zzzzzz". Use all, research, handoffs or tags.',
    );
    expect(failure('timeline tags research').error).toBe(
      'Give at most one filter after timeline: all, research, handoffs or tags.',
    );
  });
});
