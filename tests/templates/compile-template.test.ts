// The compiled templates against the engine they replace (adaptivecards-templating): the same output
// for every expansion our Slack and Teams renderers make from the sample views, for the directives in
// isolation, and for arbitrary data; and a load-time refusal of template syntax the compiler lacks.
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { personView } from '../../src/core/views.js';
import { renderDeclineModal, renderView } from '../../src/slack/render/render.js';
import { renderCard, renderWelcome } from '../../src/teams/render/render-card.js';
import {
  type CompileOptions,
  compileTemplate,
  TemplateSyntaxError,
} from '../../src/templates/compile-template.js';
import * as slackSamples from '../support/slack-views.js';
import * as teamsSamples from '../support/teams-views.js';

interface Expanded {
  readonly template: unknown;
  readonly options: CompileOptions | undefined;
  readonly data: unknown;
  readonly value: unknown;
}
// Every expansion the renderers make, with its template and data, recorded for comparison.
const expansions = vi.hoisted(() => [] as Expanded[]);
vi.mock('../../src/templates/compile-template.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/templates/compile-template.js')>();
  return {
    ...real,
    compileTemplate: (template: unknown, options?: CompileOptions) => {
      const compiled = real.compileTemplate(template, options);
      return (data: unknown) => {
        const result = compiled(data);
        expansions.push({ template, options, data, value: result.value });
        return result;
      };
    },
  };
});

const { Template } = createRequire(import.meta.url)('adaptivecards-templating') as {
  Template: new (payload: unknown) => { expand(context: { $root: unknown }): unknown };
};

/** What Dealroom did before the compiler: the engine, then nulls removed for Block Kit. */
function reference(template: unknown, data: unknown, options: CompileOptions = {}): unknown {
  const out = new Template(template).expand({ $root: data });
  return options.dropNulls ? prune(out) : out;
}

function prune(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== null).map(prune);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => [k, prune(v)]),
    );
  }
  return value;
}

const both = (template: unknown, data: unknown, options?: CompileOptions) => ({
  compiled: compileTemplate(template, options)(data).value,
  engine: reference(template, data, options),
});

describe('compiled templates', () => {
  it('expand every sample view on both platforms exactly as adaptivecards-templating does', () => {
    expansions.length = 0;
    for (const view of slackSamples.sampleViews()) {
      renderView(view, slackSamples.WS);
      renderView(view, null);
    }
    renderDeclineModal({ dealId: 'D-7K3F9X', handoffId: 'h1', channel: 'C1' });
    const addressee = teamsSamples.SAMPLE_PEOPLE.sam;
    for (const view of teamsSamples.sampleViews()) {
      renderCard(view);
      renderCard(view, { tenant: teamsSamples.TENANT });
      renderCard(view, { addressee, notice: `Only ${personView(addressee).name} can do that.` });
    }
    renderWelcome();

    const templates = new Set(expansions.map((e) => e.template));
    expect(templates.size).toBe(8 + 8); // every Slack and Teams template was used
    expect(expansions.length).toBeGreaterThan(40);
    for (const e of expansions) {
      expect(e.value).toEqual(reference(e.template, e.data, e.options));
    }
  });

  it('repeats an object per element of a $data list, splices it into the list, and drops it for none', () => {
    const template = {
      list: [{ $data: '${items}', t: '${name}', i: '${$index}', r: '${$root.title}' }, 'end'],
    };
    for (const items of [[], [{ name: 'a' }], [{ name: 'a' }, { name: 'b' }, { name: 'c' }]]) {
      const { compiled, engine } = both(template, { title: 'T', items });
      expect(compiled).toEqual(engine);
    }
    expect(compileTemplate(template)({ title: 'T', items: [{ name: 'a' }, { name: 'b' }] }).value).toEqual({
      list: [{ t: 'a', i: 0, r: 'T' }, { t: 'b', i: 1, r: 'T' }, 'end'],
    });
  });

  it('gives a property a single object, a list or null by the size of its $data list', () => {
    const template = { one: { $data: '${items}', t: '${name}' } };
    for (const items of [[], [{ name: 'a' }], [{ name: 'a' }, { name: 'b' }]]) {
      for (const options of [{}, { dropNulls: true }]) {
        const { compiled, engine } = both(template, { items }, options);
        expect(compiled).toEqual(engine);
      }
    }
  });

  it('keeps an object only when $when is exactly true', () => {
    const template = {
      body: [
        { $when: '${flag}', t: 'flag' },
        { $when: '${exists(note)}', t: '${note}' },
        { $when: '${count(items) > 0}', t: 'some' },
        { $when: '${count(items) == 0}', t: 'none' },
        { $when: '${count(items) >= 2}', t: 'two+' },
        { $when: 'not an expression', t: 'dropped' },
        { $when: '', t: 'kept' },
      ],
    };
    const datas = [
      {},
      { flag: true, note: 'n', items: [1, 2] },
      { flag: 'true', note: null, items: 'ab' },
      { flag: 1, note: 0, items: { a: 1 } },
      { flag: false, note: '', items: [] },
    ];
    for (const data of datas) {
      const { compiled, engine } = both(template, data);
      expect(compiled, JSON.stringify(data)).toEqual(engine);
    }
  });

  it('leaves a missing field as its literal expression, reports it, and keeps the value types', () => {
    const template = { a: '${a}', b: 'x ${b} y ${c}', n: '${n}', o: '${o}', deep: '${o.p.q}' };
    const data = { a: 0, b: 2.5, n: false, o: { p: { q: 'Q' } } };
    const { compiled, engine } = both(template, data);
    expect(compiled).toEqual(engine);
    expect(compileTemplate(template)(data).missing).toBe('${c}');
    expect(compileTemplate(template)({ ...data, c: 'C' }).missing).toBeUndefined();
  });

  it('finds a field case-insensitively when the exact key is missing, as the engine does', () => {
    const { compiled, engine } = both(
      { t: '${title}', u: '${user.Name}' },
      { Title: 'x', user: { name: 'y' } },
    );
    expect(compiled).toEqual(engine);
    expect(compiled).toEqual({ t: 'x', u: 'y' });
  });

  it('matches the engine on arbitrary data', () => {
    const template = {
      head: '${title}',
      line: 'by ${who.name} (${count})',
      rows: [
        {
          $data: '${items}',
          $when: '${exists(label)}',
          label: '${label}',
          up: '${$root.title}',
          i: '${$index}',
        },
        { $when: '${count(items) == 0}', empty: true },
      ],
      extra: { $when: '${flag}', v: '${who}' },
    };
    const value = fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc.boolean(),
      fc.integer(),
      fc.string(),
      fc.array(fc.string(), { maxLength: 2 }),
    );
    const item = fc.record({ label: value }, { requiredKeys: [] });
    const data = fc.record(
      {
        title: fc.oneof(fc.string(), fc.integer()),
        who: fc.oneof(fc.record({ name: fc.string() }), fc.constant(undefined)),
        count: fc.integer(),
        items: fc.oneof(fc.array(item, { maxLength: 4 }), fc.constant(undefined), fc.string()),
        flag: value,
      },
      { requiredKeys: ['title', 'count'] },
    );
    fc.assert(
      fc.property(data, fc.boolean(), (d, dropNulls) => {
        const { compiled, engine } = both(template, d, { dropNulls });
        expect(compiled).toEqual(engine);
      }),
      { numRuns: 1_000 },
    );
  });

  it.each([
    ['a function filling a field', { t: '${toUpper(name)}' }],
    ['a function in a string', { t: 'Hi ${toUpper(name)}' }],
    ['an unsupported comparison', { $when: '${count(items) != 0}' }],
    ['an unsupported function in $when', { $when: '${empty(items)}' }],
    ['a $data that is not one expression', { $data: 'x ${items}' }],
    ['an unknown variable', { t: '${$host.x}' }],
    ['nested braces', { t: '${a{b}}' }],
    ['an unclosed expression', { t: 'x ${a' }],
    ['a backslash beside an expression', { t: 'a\\n ${b}' }],
  ])('refuses %s when it loads', (_name, template) => {
    expect(() => compileTemplate(template)).toThrow(TemplateSyntaxError);
  });
});
