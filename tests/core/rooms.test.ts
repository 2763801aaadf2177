// Rooms, listening, stages and tenant isolation, against both stores.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SummaryView } from '../../src/core/views.js';
import { type Harness, harness, replyText, roomOf, STORE_KINDS, say, who } from '../support/core-harness.js';

const sam = who('Sam');
const ana = who('Ana');
const room = roomOf('C-MAIN');

describe.each(STORE_KINDS)('rooms, stages and isolation (%s store)', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness(kind);
  });
  afterEach(async () => {
    await h.close();
  });

  it('records overheard messages that mention teammates, until listening is turned off', async () => {
    const asSam = h.as(sam, room);
    const { dealId } = await asSam(say`new Acme`);
    const heard = await h.core.listen(
      h.ctx(sam, room),
      say`${ana} can you check the contract?`,
      'https://x.slack.com/p1',
    );
    expect(heard?.entries[0]).toMatchObject({
      kind: 'tag',
      text: '@Ana can you check the contract?',
      permalink: 'https://x.slack.com/p1',
    });
    expect(await h.core.listen(h.ctx(sam, room), say`lunch anyone?`)).toBeNull();
    expect(await h.core.listen(h.ctx(sam, roomOf('C-NODEAL')), say`${ana} hi`)).toBeNull();

    expect(replyText(await asSam(say`listen off`))).toContain('turned listening off');
    expect(await h.core.listen(h.ctx(sam, room), say`${ana} are you there?`)).toBeNull();
    expect(replyText(await asSam(say`listen off`))).toBe('Listening is already off in this room.');
    await asSam(say`listen on`);
    expect(await h.core.listen(h.ctx(sam, room), say`${ana} back on`)).not.toBeNull();
    const tags = await h.store.timeline(dealId!, { filter: 'tags', limit: 10 });
    expect(tags.entries.map((e) => e.kind === 'tag' && e.text)).toEqual([
      '@Ana back on',
      '@Ana can you check the contract?',
    ]);
  });

  it('moves stages forward, back and by skipping, closes with an outcome, and continues relationship deals after a win', async () => {
    const asSam = h.as(sam, room);
    await asSam(say`new Globex relationship`);
    expect(replyText(await asSam(say`stage present`))).toBe('Sam moved the deal from Qualify to Present.');
    expect(replyText(await asSam(say`stage research`))).toBe('Sam moved the deal from Present to Research.');
    expect(replyText(await asSam(say`stage prospect`))).toContain(
      'Prospect is not a stage of the Relationship playbook',
    );
    expect(replyText(await asSam(say`stage close`))).toContain('Say whether the deal was won or lost');
    expect(replyText(await asSam(say`stage upsell`))).toContain('comes after a won deal');
    const lost = await asSam(say`stage close lost budget frozen`);
    expect((lost.reply as SummaryView).outcome).toMatch(/^Lost: budget frozen/);
    // Moving back into the selling stages reopens the deal.
    const reopened = await asSam(say`stage present`);
    expect((reopened.reply as SummaryView).outcome).toBeUndefined();
    await asSam(say`stage close won`);
    expect(replyText(await asSam(say`stage next`))).toBe('Sam moved the deal from Close to First check-in.');
    const status = (await asSam(say`status`)).reply as SummaryView;
    expect(status.outcome).toMatch(/^Won/);
    expect(status.stage).toBe('First check-in');
    expect(status.stages.map((s) => s.state)).toEqual(['done', 'done', 'done', 'done', 'current', 'todo']);
  });

  it('links a second room of the same workspace and mirrors room events into it', async () => {
    const { dealId } = await h.as(sam, room)(say`new Initech`);
    const second = roomOf('C-PARTNERS');
    const linked = await h.as(ana, second)({ text: `link ${dealId}`, mentions: [] });
    expect(linked.readOnly).toBe(false);
    expect((await h.store.loadRoom(second)).deal?.id).toBe(dealId);
    const moved = await h.as(sam, room)(say`stage next`);
    expect(moved.notifications.map((n) => n.to)).toEqual([{ kind: 'room', room: second }]);
    expect(replyText(await h.as(ana, room)({ text: `link ${dealId}`, mentions: [] }))).toContain(
      'already the room of deal',
    );
    expect(replyText(await h.as(ana, roomOf('C-X'))({ text: 'link D-000000', mentions: [] }))).toBe(
      "There is no deal D-000000 in this workspace. To link a room on the other platform or in another Teams tenant, run share in the deal's room and use the one-time code it gives.",
    );
  });

  it('marks a tag done once, only from its own inbox, and refuses forged item ids', async () => {
    const { dealId } = await h.as(sam, room)(say`new Done deal`);
    await h.as(sam, room)(say`tag ${ana} please review`);
    const [item] = await h.store.inbox(ana, 10);
    const eve = who('Eve', 'slack', 'T-OTHER');
    // Someone else, even knowing the id, cannot close Ana's item or write to the deal.
    const forged = await h.core.execute(h.ctx(eve, null), { kind: 'done', itemId: item!.id });
    expect(replyText(forged)).toBe('That item is not open in your inbox (it may already be done).');
    expect(forged.readOnly).toBe(true);
    const first = await h.core.execute(h.ctx(ana, null), { kind: 'done', itemId: item!.id });
    expect(first.readOnly).toBe(false);
    expect(first.reply.kind === 'inbox' && first.reply.items).toEqual([]);
    const again = await h.core.execute(h.ctx(ana, null), { kind: 'done', itemId: item!.id });
    expect(again.readOnly).toBe(true);
    for (const itemId of ['tag:D-000000:abc', 'nonsense', `handoff:${dealId}:x`]) {
      expect((await h.core.execute(h.ctx(ana, null), { kind: 'done', itemId })).readOnly).toBe(true);
    }
    const tags = await h.store.timeline(dealId!, { filter: 'tags', limit: 10 });
    expect(tags.entries.map((e) => e.kind)).toEqual(['tag-done', 'tag']);
  });

  it("never lets one workspace read or change another workspace's deal", async () => {
    const { dealId } = await h.as(sam, room)(say`new Hooli outbound`);
    await h.as(sam, room)(say`stage qualify`);
    const esc = await h.as(sam, room)(say`escalate ${ana} hot`);
    const handoffId = esc.reply.kind === 'handoff' ? esc.reply.handoffId : '';
    const eve = who('Eve', 'slack', 'T-OTHER');
    const eveRoom = roomOf('C-EVE', 'slack', 'T-OTHER');
    const teamsEve = who('Eve', 'teams', 'tenant-x');
    const version = (await h.store.loadRoom(room)).deal?.version;

    expect(replyText(await h.as(eve, eveRoom)({ text: `link ${dealId}`, mentions: [] }))).toContain(
      'There is no deal',
    );
    for (const actor of [eve, teamsEve]) {
      for (const command of [
        { kind: 'accept', dealId, handoffId } as const,
        { kind: 'decline', reason: 'x', dealId, handoffId } as const,
        { kind: 'reassign', to: actor, dealId, handoffId } as const,
      ]) {
        const o = await h.core.execute(h.ctx(actor, null), command);
        expect(replyText(o)).toBe('That deal is not available here.');
        expect(o.readOnly).toBe(true);
      }
    }
    for (const text of ['status', 'timeline', 'research', 'stage next', 'tag @am hi', 'escalate @am x']) {
      const o = await h.as(eve, eveRoom)({ text, mentions: [] });
      expect(o.readOnly).toBe(true);
      expect(replyText(o)).toContain('not a deal room');
    }
    expect((await h.store.loadRoom(room)).deal?.version).toBe(version);
    expect(await h.store.inbox(eve, 10)).toEqual([]);
  });
});
