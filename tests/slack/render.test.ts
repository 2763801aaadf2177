// Block Kit rendering: every view kind validates against the Block Kit schema, stays inside Slack's
// limits (paged, never cut mid-word), shows people as mentions only in their own workspace, and never
// turns what a user typed into live markup.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DECLINE_MODAL } from '../../src/core/actions.js';
import type { DealId } from '../../src/core/ids.js';
import { LIMITS } from '../../src/core/parse/index.js';
import { formatWhen, personView, type View, type ViewKind } from '../../src/core/views.js';
import { BLOCK_LIMITS, paginate, splitText } from '../../src/slack/render/paging.js';
import { renderDeclineModal, renderView, type SlackMessage } from '../../src/slack/render/render.js';
import { expand, TemplateError } from '../../src/slack/render/templates.js';
import { textOf } from '../support/slack-harness.js';
import { checkBlocks, checkModal } from '../support/slack-schemas.js';
import { alex, D, otto, sam, sampleViews, tess, WS } from '../support/slack-views.js';

function expectValid(messages: readonly SlackMessage[]): void {
  expect(messages.length).toBeGreaterThan(0);
  for (const m of messages) {
    const result = checkBlocks(m.blocks);
    expect(result, JSON.stringify(m.blocks).slice(0, 400)).toEqual({ ok: true });
    expect(m.blocks.length).toBeLessThanOrEqual(BLOCK_LIMITS.blocksPerMessage);
    expect(JSON.stringify(m.blocks).length).toBeLessThanOrEqual(BLOCK_LIMITS.messageChars);
    expect(m.text.length).toBeGreaterThan(0);
    for (const b of m.blocks) {
      const text = (b.text as { text?: string } | undefined)?.text ?? '';
      expect(text.length).toBeLessThanOrEqual(BLOCK_LIMITS.sectionText);
    }
  }
}

describe('every view renders valid Block Kit', () => {
  const views = sampleViews();
  const kinds = new Set<ViewKind>(views.map((v) => v.kind));
  it('covers every view kind', () => {
    expect([...kinds].sort()).toEqual([
      'handoff',
      'help',
      'inbox',
      'notice',
      'research',
      'summary',
      'timeline',
    ]);
  });
  it.each(views.map((v, i) => [`${v.kind} #${i}`, v] as const))('%s', (_name, view) => {
    const messages = renderView(view, WS);
    expectValid(messages);
    expect(JSON.stringify(messages)).not.toContain('${');
  });
  it('the decline form validates as a modal view, with the core’s reason limit', () => {
    const modal = renderDeclineModal({ dealId: D, handoffId: 'h1abc', channel: 'C1' }) as Record<
      string,
      unknown
    >;
    expect(checkModal(modal)).toEqual({ ok: true });
    expect(modal.callback_id).toBe(DECLINE_MODAL);
    expect(JSON.stringify(modal)).toContain(`"max_length":${LIMITS.reason}`);
    expect(JSON.parse(modal.private_metadata as string)).toEqual({ d: D, h: 'h1abc', ch: 'C1' });
  });
  it('a template field without data is an error, not a literal placeholder sent to Slack', () => {
    expect(() => expand('notice', { fallback: 'x', hasUsage: false, hasPeople: false })).toThrow(
      TemplateError,
    );
  });
});

describe('people and user text in messages', () => {
  const all = sampleViews().flatMap((v) => renderView(v, WS));
  const json = JSON.stringify(all);

  it('mentions Slack people of this workspace and names everyone else', () => {
    expect(json).toContain(`<@${sam.user}>`);
    expect(json).toContain(`<@${alex.user}>`);
    expect(json).not.toContain(`<@${otto.user}>`);
    expect(json).toContain('*Otto*');
    expect(json).toContain('*Tess*');
    // The same view for another workspace mentions nobody.
    expect(JSON.stringify(sampleViews().flatMap((v) => renderView(v, 'TOTHER')))).not.toContain(
      `<@${sam.user}>`,
    );
  });

  it('never sends typed markup as live broadcasts, mentions, links or template fields', () => {
    const withoutOurMentions = json.replace(/<@U(SAM|ALEX)>/g, '');
    expect(withoutOurMentions).not.toMatch(/<[@!#]/);
    expect(withoutOurMentions).not.toContain('<https://evil');
    expect(json).toContain('&lt;!channel&gt;');
    expect(json).toContain('&lt;@U999|mallory&gt;');
    expect(json).not.toMatch(/@here/);
    expect(json).toContain('&amp;');
    for (const m of all) expect(m.text).not.toMatch(/<[@!#]|@here/);
  });

  it('links a listened message by its permalink, and only http(s) URLs', () => {
    expect(json).toContain('<https://dealroom-test.slack.com/archives/C1/p1700000000000100|view message>');
    const bad = renderView(
      {
        ...(sampleViews()[1] as Extract<View, { kind: 'timeline' }>),
        items: [
          {
            id: '1-0',
            at: 0,
            when: 'x',
            actor: { name: 'A' },
            via: 'Slack',
            icon: '🏷️',
            text: 't',
            link: 'javascript:alert(1)',
          },
        ],
      },
      WS,
    );
    expect(JSON.stringify(bad)).not.toContain('<javascript');
  });

  it('puts each button payload in the core’s ActionPayload shape', () => {
    const handoff = renderView(sampleViews()[3] as View, WS)[0];
    const actions = handoff?.blocks.find((b) => b.type === 'actions') as {
      block_id: string;
      elements: { value?: string }[];
    };
    expect(JSON.parse(actions.block_id)).toEqual({ d: D, h: 'h1abc' });
    expect(actions.elements.filter((e) => e.value).map((e) => JSON.parse(e.value as string))).toEqual([
      { d: D, h: 'h1abc' },
      { d: D, h: 'h1abc' },
    ]);
    // A decided handoff shows no buttons.
    expect(renderView(sampleViews()[4] as View, WS)[0]?.blocks.some((b) => b.type === 'actions')).toBe(false);
  });
});

describe('long content is paged, never cut mid-word', () => {
  const words = (s: string) => s.split(/\s+/).filter(Boolean);

  it('pages a research digest of 300 long findings into valid messages that keep every word', () => {
    const findings = Array.from({ length: 300 }, (_, i) => ({
      // Every word unique, so a word cut in two shows up as missing.
      text: Array.from({ length: 40 }, (_, j) => `pricing${i}x${j}`).join(' '),
      by: personView(sam),
      when: formatWhen(0),
    }));
    const view: View = {
      kind: 'research',
      dealId: D,
      dealName: 'Acme',
      total: 300,
      groups: [{ category: 'competition', label: 'Competition', findings }],
      empty: '',
    };
    const messages = renderView(view, WS);
    expect(messages.length).toBeGreaterThan(3);
    expectValid(messages);
    const out = new Set(words(messages.map((m) => textOf(m.blocks)).join(' ')));
    const missing = findings.flatMap((f) => words(f.text).filter((w) => !out.has(w)));
    expect(missing).toEqual([]);
    expect(messages[1]?.text).toMatch(/\(2\/\d+\)$/);
  });

  it('pages an inbox of 50 items (one section each) with its Done buttons', () => {
    const items = Array.from({ length: 50 }, (_, i) => ({
      id: `tag:${D}:t${i}`,
      kind: 'tag' as const,
      dealId: D as DealId,
      dealName: 'Acme',
      from: personView(tess),
      text: 'x'.repeat(10) + ' please check the pricing sheet'.repeat(10),
      when: formatWhen(0),
    }));
    const messages = renderView({ kind: 'inbox', owner: personView(alex), items, total: 50, empty: '' }, WS);
    expect(messages.length).toBeGreaterThan(1);
    expectValid(messages);
    const buttons = JSON.stringify(messages).match(/"action_id":"inbox.done"/g) ?? [];
    expect(buttons).toHaveLength(50);
  });

  it('splitText: pieces fit, and the words are exactly the original words (property)', () => {
    const word = fc.oneof(
      fc.string({ minLength: 1, maxLength: 12 }).map((s) => s.replace(/\s/g, 'x') || 'x'),
      fc.constantFrom('&amp;', '&lt;', '<@U123>', '<https://a.example/x|link>', '🏷️'),
    );
    const text = fc
      .array(fc.tuple(word, fc.constantFrom(' ', '\n', '  ')), { maxLength: 400 })
      .map((parts) => parts.map(([w, s]) => w + s).join(''));
    fc.assert(
      fc.property(text, fc.integer({ min: 40, max: 300 }), (t, max) => {
        const pieces = splitText(t, max);
        for (const p of pieces) expect(p.length).toBeLessThanOrEqual(max);
        expect(words(pieces.join(' '))).toEqual(words(t));
      }),
    );
  });

  it('cuts a single over-long word only as a last resort, outside entities and markup', () => {
    const long = `${'a'.repeat(2_997)}&amp;${'b'.repeat(10)}`;
    const [first, second] = splitText(long, 3_000);
    expect(first).toBe('a'.repeat(2_997));
    expect(second).toBe(`&amp;${'b'.repeat(10)}`);
  });

  it('keeps a section’s button with its first part', () => {
    const pages = paginate({
      text: 't',
      blocks: [
        {
          type: 'section',
          text: { type: 'mrkdwn', text: 'word '.repeat(1_000) },
          accessory: { type: 'button' },
        },
      ],
    });
    const sections = pages.flatMap((p) => p.blocks);
    expect(sections.length).toBe(2);
    expect(sections.map((s) => 'accessory' in s)).toEqual([true, false]);
  });
});
