// Every Teams card template, rendered from realistic views, against the 1.5 schema and the renderer,
// and the limits that keep cards deliverable (28 KB, 60 refresh users, no forged mentions).
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/core/actions.js';
import type { HandoffView, InboxView, ResearchView, View } from '../../src/core/views.js';
import { personView } from '../../src/core/views.js';
import { MAX_CARD_BYTES, renderCard, renderWelcome } from '../../src/teams/render/render-card.js';
import { cardsDir, TEMPLATE_NAMES } from '../../src/teams/render/templates.js';
import { expectValidCard, rendererEvents, schemaErrors } from '../support/teams-cards.js';
import { buttons, cardText, mentionIds } from '../support/teams-find.js';
import { SAMPLE_PEOPLE, sampleViews, teamsPerson } from '../support/teams-views.js';

const of = <K extends View['kind']>(kind: K) =>
  sampleViews().find((v) => v.kind === kind) as Extract<View, { kind: K }>;
const long = (n: number) => 'word '.repeat(n / 5).trim();

describe('Teams cards', () => {
  it('has one template per view kind plus the welcome, and no other file', () => {
    expect(readdirSync(cardsDir()).sort()).toEqual(TEMPLATE_NAMES.map((n) => `${n}.json`).sort());
    expect(new Set(sampleViews().map((v) => v.kind))).toEqual(
      new Set(['summary', 'timeline', 'handoff', 'research', 'inbox', 'help', 'notice']),
    );
  });

  it.each(sampleViews().map((v, i) => [`${v.kind} #${i}`, v] as const))(
    'renders a valid %s card',
    (_name, view) => {
      expectValidCard(renderCard(view));
      expectValidCard(
        renderCard(view, { addressee: SAMPLE_PEOPLE.sam, notice: 'Only Alex can accept this.' }),
      );
    },
  );

  it('renders a valid welcome card', () => {
    expectValidCard(renderWelcome());
  });

  it('uses every action id of the core as a button verb, and no other verb', () => {
    const verbs = new Set(sampleViews().flatMap((v) => buttons(renderCard(v)).map((b) => b.verb)));
    expect([...verbs].sort()).toEqual([...ACTION_IDS].sort());
  });

  it('mentions Teams people for real and names a Slack teammate in plain text', () => {
    const { sam, alex, sid } = SAMPLE_PEOPLE;
    const card = renderCard(of('notice'));
    expect(mentionIds(card)).toEqual([alex.user]);
    expect(cardText(card)).toContain('People: <at>Alex</at>, Sid');
    const summary = renderCard(of('summary'), { addressee: sam });
    expect(mentionIds(summary)).toEqual([sam.user, alex.user]);
    expect(cardText(summary)).not.toContain(`<at>${sid.name}</at>`);
  });

  it('gives namesakes distinct mention texts', () => {
    const a1 = teamsPerson('Ann', 1);
    const a2 = teamsPerson('Ann', 2);
    const card = renderCard({
      kind: 'notice',
      tone: 'info',
      text: 'tagged',
      people: [personView(a1), personView(a2)],
    });
    expectValidCard(card);
    expect(cardText(card)).toContain('<at>Ann</at>, <at>Ann (2)</at>');
  });

  it('does not let typed <at> markup become a mention', () => {
    const card = renderCard({
      kind: 'notice',
      tone: 'info',
      text: 'ping <at>Alex</at> now',
      people: [personView(SAMPLE_PEOPLE.alex)],
    });
    expect(cardText(card)).toContain('ping ‹at›Alex‹/at› now');
  });

  it('keeps refresh to the 60 people Teams allows, and drops it once the handoff is decided', () => {
    const many = Array.from({ length: 100 }, (_, i) => teamsPerson(`M${i}`, i));
    const open = { ...of('handoff'), canAct: many } as HandoffView;
    const card = renderCard(open);
    expectValidCard(card);
    expect((card.refresh as { userIds: string[] }).userIds).toHaveLength(60);
    const decided = renderCard({ ...open, state: 'accepted', open: false });
    expect((decided.refresh as { userIds: string[] }).userIds).toEqual([]);
    expect(buttons(decided)).toEqual([]);
  });

  it('mentions only users of the tenant the card goes to; others on the deal are named', () => {
    const ours = teamsPerson('Ann', 1);
    const partner = { ...teamsPerson('Pat', 2), workspace: 'partner-tenant' as typeof ours.workspace };
    const view: View = {
      kind: 'notice',
      tone: 'info',
      text: 'Sam tagged Ann, Pat: pricing?',
      people: [personView(ours), personView(partner)],
    };
    const card = renderCard(view, { tenant: ours.workspace });
    expectValidCard(card);
    expect(mentionIds(card)).toEqual([ours.user]);
    expect(cardText(card)).toContain('<at>Ann</at>');
    expect(cardText(card)).not.toContain('<at>Pat</at>');
    expect(cardText(card)).toContain('Pat');
    expect(mentionIds(renderCard(view, { tenant: 'partner-tenant' }))).toEqual([partner.user]);
  });

  it('offers refresh and quick picks of a handoff only to users of the tenant the card goes to', () => {
    const base = of('handoff');
    const ours = teamsPerson('Mia', 3);
    const partner = { ...teamsPerson('Pat', 4), workspace: 'partner-tenant' as typeof ours.workspace };
    const card = renderCard(
      { ...base, open: true, state: 'pending', canAct: [ours, partner] },
      {
        tenant: ours.workspace,
      },
    );
    expectValidCard(card);
    expect((card.refresh as { userIds: string[] }).userIds).toEqual([ours.user]);
    expect(JSON.stringify(card)).not.toContain(partner.user);
  });

  it('stays under 28 KB with the longest lists and texts the core can produce', () => {
    const base = of('inbox');
    const item = base.items[0]!;
    const inbox: InboxView = {
      ...base,
      items: Array.from({ length: 20 }, (_, i) => ({
        ...item,
        id: `tag:${item.dealId}:t${i}`,
        text: long(2000),
        dealName: long(80),
      })),
      total: 50,
    };
    const research: ResearchView = {
      ...of('research'),
      total: 100,
      groups: [
        {
          category: 'other',
          label: 'Other',
          findings: Array.from({ length: 100 }, () => ({
            text: long(2000),
            by: personView(SAMPLE_PEOPLE.sam),
            when: 'x',
          })),
        },
      ],
    };
    for (const view of [inbox, research, { ...of('notice'), text: long(2000) }]) {
      const card = renderCard(view);
      expectValidCard(card);
      expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(MAX_CARD_BYTES);
    }
    expect(cardText(renderCard(inbox))).toContain(
      '…and 40 more: mark tags done and answer handoffs to see the next ones.',
    );
    expect(cardText(renderCard(research))).toContain('…and 60 more: see the timeline (research filter).');
  });

  it('has a harness that rejects what Teams would reject', () => {
    const card = renderCard(of('summary'));
    expect(schemaErrors({ ...card, bogus: 1 })).not.toEqual([]);
    expect(
      schemaErrors({
        ...card,
        body: [
          {
            type: 'Input.ChoiceSet',
            id: 'x',
            choices: [],
            'choices.data': { type: 'Data.Query', dataset: 'evil' },
          },
        ],
      }),
    ).not.toEqual([]);
    expect(
      rendererEvents({ ...card, body: [{ type: 'Input.Text', id: 'x', isRequired: true }] }),
    ).not.toEqual([]);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an unexpanded template expression is the point.
    expect(() => expectValidCard({ ...card, fallbackText: '${missing}' })).toThrow(/leftover/);
  });
});
