// The team-selling scenario of issue 3, against the real Redis store and the in-memory twin.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TimelineEntry, TimelineFilter } from '../../src/core/model.js';
import type { Outcome } from '../../src/core/outcome.js';
import type { TimelineView } from '../../src/core/views.js';
import { type Harness, harness, replyText, roomOf, STORE_KINDS, say, who } from '../support/core-harness.js';

const sdr = who('Sam');
const am = who('Alex');
const analyst = who('Ana');
const outsider = who('Olga');
const room = roomOf('C-ACME');

async function allEntries(h: Harness, dealId: string, filter: TimelineFilter): Promise<TimelineEntry[]> {
  const out: TimelineEntry[] = [];
  let before: string | undefined;
  for (;;) {
    const page = await h.store.timeline(dealId as never, {
      filter,
      limit: 10,
      ...(before ? { before } : {}),
    });
    out.push(...page.entries);
    if (!page.older) return out;
    before = page.older;
  }
}

describe.each(STORE_KINDS)('team-selling scenario (%s store)', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness(kind);
  });
  afterEach(async () => {
    await h.close();
  });

  it('runs from a new outbound deal to an accepted handoff, with the timeline and inboxes right', async () => {
    const asSdr = h.as(sdr, room);
    const created = await asSdr(say`new Acme expansion outbound`);
    expect(created.readOnly).toBe(false);
    expect(created.reply.kind).toBe('summary');
    const dealId = created.dealId!;
    expect(dealId).toMatch(/^D-[0-9A-Z]{6}$/);

    h.clock.now += 1_000;
    expect(replyText(await asSdr(say`stage qualify`))).toContain('from Prospect to Qualify');

    // Research before the deal is past Qualify: refused with the stage named, and nothing written.
    const before = await h.store.loadRoom(room);
    const refused = await asSdr(say`research industry Retail is consolidating`);
    expect(refused.readOnly).toBe(true);
    expect(replyText(refused)).toMatch(/Research opens after Qualify.*at Qualify.*stage next/);
    const after = await h.store.loadRoom(room);
    expect(after.deal?.version).toBe(before.deal?.version);
    expect((await h.store.timeline(dealId, { filter: 'research', limit: 10 })).entries).toHaveLength(0);

    h.clock.now += 1_000;
    expect(replyText(await asSdr(say`stage next`))).toContain('from Qualify to Research');
    h.clock.now += 1_000;
    expect(replyText(await asSdr(say`research industry Retail is consolidating`))).toContain(
      'Retail is consolidating',
    );
    h.clock.now += 1_000;
    const second = await asSdr(say`research competition Globex quoted 20% less https://example.com/q`);
    expect(second.entries[0]).toMatchObject({
      kind: 'research',
      category: 'competition',
      link: 'https://example.com/q',
    });

    // @am before anyone holds the role: a sentence, and nothing written.
    h.clock.now += 1_000;
    const noAm = await asSdr(say`tag @am please review pricing`);
    expect(noAm.readOnly).toBe(true);
    expect(replyText(noAm)).toContain('Nobody on this deal is the account manager (@am) yet');
    const tagged = await asSdr(say`tag ${analyst} can you size the market?`);
    expect(tagged.readOnly).toBe(false);
    expect(tagged.notifications).toContainEqual(
      expect.objectContaining({ to: { kind: 'person', person: analyst } }),
    );

    h.clock.now += 1_000;
    const esc = await asSdr(say`escalate ${am} budget confirmed, wants a demo`);
    expect(esc.reply.kind).toBe('handoff');
    const handoffId = esc.reply.kind === 'handoff' ? esc.reply.handoffId : '';
    expect(esc.notifications).toContainEqual(
      expect.objectContaining({ to: { kind: 'person', person: am }, cardKey: `handoff:${handoffId}` }),
    );
    expect((await h.store.inbox(am, 10)).map((i) => i.kind)).toEqual(['handoff']);

    // Someone else's click: refused with a sentence naming who can act; the card does not change.
    h.clock.now += 1_000;
    const wrong = await h.core.execute(h.ctx(outsider, room), { kind: 'accept', dealId, handoffId });
    expect(wrong.readOnly).toBe(true);
    expect(replyText(wrong)).toBe(
      'Only Alex (the account manager it was handed to) can accept this handoff.',
    );
    expect((await h.store.loadRoom(room)).handoffs.get(handoffId)?.state).toBe('pending');

    // The AM's accept races a second accept: exactly one acceptance lands.
    h.clock.now += 1_000;
    const [a, b] = await Promise.all([
      h.core.execute(h.ctx(am, null), { kind: 'accept', dealId, handoffId }),
      h.replica().execute(h.ctx(am, room), { kind: 'accept', dealId, handoffId }),
    ]);
    const outcomes: Outcome[] = [a, b];
    expect(outcomes.filter((o) => !o.readOnly)).toHaveLength(1);
    expect(outcomes.filter((o) => o.readOnly).map(replyText)[0]).toContain('no longer open');
    const snap = await h.store.loadRoom(room);
    expect(snap.deal?.owner).toEqual(am);
    expect(snap.handoffs.get(handoffId)?.state).toBe('accepted');

    // The timeline: every step, newest first, over pages of 10, and under each filter.
    const all = await allEntries(h, dealId, 'all');
    expect(all.map((e) => e.kind).reverse()).toEqual([
      'deal-created',
      'stage-moved',
      'stage-moved',
      'research',
      'research',
      'tag',
      'handoff-requested',
      'handoff-accepted',
    ]);
    expect((await allEntries(h, dealId, 'research')).map((e) => e.kind)).toEqual(['research', 'research']);
    expect((await allEntries(h, dealId, 'tags')).map((e) => e.kind)).toEqual(['tag']);
    expect((await allEntries(h, dealId, 'handoffs')).map((e) => e.kind)).toEqual([
      'handoff-accepted',
      'handoff-requested',
    ]);
    expect(all.every((e) => e.via === 'slack' && e.actor.platform === 'slack')).toBe(true);

    const page = await asSdr(say`timeline research`);
    const view = page.reply as TimelineView;
    expect(view.kind).toBe('timeline');
    expect(view.items.map((i) => i.text)).toEqual([
      'Sam logged competition research: Globex quoted 20% less https://example.com/q',
      'Sam logged industry and target market research: Retail is consolidating',
    ]);

    // Inboxes: the analyst has the tag; the AM's handoff item left with the answer; the SDR has nothing.
    const anaInbox = await h.store.inbox(analyst, 10);
    expect(anaInbox.map((i) => [i.kind, i.text])).toEqual([['tag', '@Ana can you size the market?']]);
    expect(await h.store.inbox(am, 10)).toEqual([]);
    expect(await h.store.inbox(sdr, 10)).toEqual([]);

    // Marking the tag done empties the analyst's inbox and is on the timeline.
    const done = await h.as(analyst, null)({ text: `done ${anaInbox[0]?.id}`, mentions: [] });
    expect(done.readOnly).toBe(false);
    expect(await h.store.inbox(analyst, 10)).toEqual([]);
    expect((await allEntries(h, dealId, 'tags')).map((e) => e.kind)).toEqual(['tag-done', 'tag']);
  });
});
