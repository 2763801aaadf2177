// One deal, two platforms: share codes, link by code, unlink, people named across platforms, and a
// handoff answered on the other platform — against both stores.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LINK_CODE_UNKNOWN, LINK_CODE_USED } from '../../src/core/handlers/rooms.js';
import type { DealId } from '../../src/core/ids.js';
import type { TimelineEntry } from '../../src/core/model.js';
import type { Outcome } from '../../src/core/outcome.js';
import type { HandoffView, SummaryView } from '../../src/core/views.js';
import { type Harness, harness, replyText, roomOf, STORE_KINDS, say, who } from '../support/core-harness.js';

const sam = who('Sam Reed');
const slackRoom = roomOf('C-ACME');
const bob = who('Bob Stone', 'teams', 'tenant-1');
const tia = who('Tia', 'teams', 'tenant-1');
const teamsRoom = roomOf('19:acme@thread.tacv2', 'teams', 'tenant-1');
const CODE = /\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\b/;

const text = (input: string) => ({ text: input, mentions: [] });
const codeOf = (o: Outcome): string => {
  const code = CODE.exec(replyText(o))?.[1];
  if (!code) throw new Error(`no code in ${replyText(o)}`);
  return code;
};
const kinds = (entries: readonly TimelineEntry[]) => entries.map((e) => e.kind);

describe.each(STORE_KINDS)('one deal on two platforms (%s store)', (kind) => {
  let h: Harness;
  let dealId: DealId;
  beforeEach(async () => {
    h = await harness(kind);
    dealId = (await h.as(sam, slackRoom)(say`new Acme expansion`)).dealId as DealId;
  });
  afterEach(async () => {
    await h.close();
  });

  /** Shares from Slack and links the Teams room as `actor`; returns the link outcome. */
  async function linkTeams(actor = bob): Promise<Outcome> {
    const code = codeOf(await h.as(sam, slackRoom)(say`share`));
    return h.as(actor, teamsRoom)(text(`link ${code}`));
  }

  it('issues a private one-time code, records that (not the code), and links a Teams room with it', async () => {
    const shared = await h.as(sam, slackRoom)(say`share`);
    expect(shared.visibility).toBe('private');
    expect(shared.confidential).toBe(true);
    const code = codeOf(shared);
    expect(replyText(shared)).toContain('expires at');
    const history = await h.store.timeline(dealId, { filter: 'all', limit: 10 });
    expect(kinds(history.entries)).toEqual(['room-shared', 'deal-created']);
    expect(JSON.stringify(history.entries)).not.toContain(code);
    expect(JSON.stringify(history.entries)).not.toContain(code.replace(/-/g, ''));

    const linked = await h.as(bob, teamsRoom)(text(`link ${code.toLowerCase()}`));
    expect(linked.readOnly).toBe(false);
    expect(linked.visibility).toBe('room');
    expect((linked.reply as SummaryView).rooms.map((r) => r.platform)).toEqual(['Slack', 'Teams']);
    expect(linked.notifications).toEqual([
      expect.objectContaining({ to: { kind: 'room', room: slackRoom } }),
    ]);
    expect(replyText({ ...linked, reply: linked.notifications[0]!.view })).toBe(
      "Bob Stone linked a Teams channel to this deal; it shares this deal's timeline.",
    );
    expect((await h.store.loadRoom(teamsRoom)).deal?.id).toBe(dealId);
    const after = await h.store.timeline(dealId, { filter: 'all', limit: 10 });
    expect(after.entries[0]).toMatchObject({ kind: 'room-linked', via: 'teams', room: teamsRoom });

    // One use only, whoever tries next; unknown codes get their own sentence.
    const again = await h.as(tia, roomOf('19:other@thread.tacv2', 'teams', 'tenant-1'))(text(`link ${code}`));
    expect(replyText(again)).toBe(LINK_CODE_USED);
    expect(
      replyText(await h.as(tia, roomOf('19:x', 'teams', 'tenant-1'))(text('link AAAA-BBBB-CCCC-DDDD'))),
    ).toBe(LINK_CODE_UNKNOWN);
  });

  it('keeps a code usable when the link is refused, and links one room when two race for it', async () => {
    const code = codeOf(await h.as(sam, slackRoom)(say`share`));
    // A channel that already holds another deal cannot join: the code survives the refusal.
    const busy = roomOf('19:busy', 'teams', 'tenant-1');
    await h.as(tia, busy)(say`new Other deal`);
    expect(replyText(await h.as(tia, busy)(text(`link ${code}`)))).toBe(
      'This channel is already the room of another deal. One channel holds one deal.',
    );
    expect(replyText(await h.as(sam, slackRoom)(text(`link ${code}`)))).toBe(
      `This channel is already the room of deal ${dealId}.`,
    );
    const rooms = ['19:r1', '19:r2', '19:r3', '19:r4'].map((c) => roomOf(c, 'teams', 'tenant-1'));
    const results = await Promise.all(rooms.map((r) => h.as(bob, r)(text(`link ${code}`))));
    expect(results.filter((r) => !r.readOnly)).toHaveLength(1);
    expect(results.filter((r) => replyText(r) === LINK_CODE_USED)).toHaveLength(3);
    const { deal } = await h.store.loadRoom(slackRoom);
    expect(deal?.rooms).toHaveLength(2);
  });

  it('shares one timeline: events from either room reach the other, with their platform', async () => {
    await linkTeams();
    const moved = await h.as(bob, teamsRoom)(say`stage next`);
    expect(moved.notifications.map((n) => n.to)).toEqual([{ kind: 'room', room: slackRoom }]);
    const research = await h.as(sam, slackRoom)(say`stage qualify`);
    expect(research.notifications.map((n) => n.to)).toEqual([{ kind: 'room', room: teamsRoom }]);
    const history = await h.store.timeline(dealId, { filter: 'all', limit: 3 });
    expect(history.entries.map((e) => [e.kind, e.via])).toEqual([
      ['stage-moved', 'slack'],
      ['stage-moved', 'teams'],
      ['room-linked', 'teams'],
    ]);
  });

  it('tags members of the other platform by name, and role mentions reach holders on both sides', async () => {
    await linkTeams();
    const tagged = await h.as(sam, slackRoom)(text('tag @bob can you check the SSO question?'));
    expect(tagged.readOnly).toBe(false);
    expect(tagged.entries[0]).toMatchObject({ kind: 'tag', mentions: [bob] });
    expect(tagged.notifications.map((n) => n.to)).toEqual([
      { kind: 'room', room: teamsRoom },
      { kind: 'person', person: bob },
    ]);
    expect((await h.store.inbox(bob, 10)).map((i) => i.dealId)).toEqual([dealId]);

    // From Teams, a Slack member by full name; `@bob.stone`-style handles work too.
    const back = await h.as(bob, teamsRoom)(text('tag @"Sam Reed" done, and @Bob.Stone notes it'));
    expect(back.entries[0]).toMatchObject({ mentions: [sam, bob] });

    // @se held on Teams and on Slack: both are tagged from either room.
    await h.as(bob, teamsRoom)(say`loop-in ${tia} se`);
    const ivy = who('Ivy');
    await h.as(sam, slackRoom)(say`loop-in ${ivy} se`);
    const roles = await h.as(sam, slackRoom)(text('tag @se demo on Friday'));
    expect(roles.notifications.filter((n) => n.to.kind === 'person').map((n) => n.to)).toEqual([
      { kind: 'person', person: tia },
      { kind: 'person', person: ivy },
    ]);

    expect(replyText(await h.as(sam, slackRoom)(text('tag @zed hello')))).toBe(
      'Nobody on this deal is called @zed. Mention a teammate, name a member of the deal (e.g. @ann or @"Ann Lee"), or use a role such as @am.',
    );
    // Two members answer to a first name, neither by full name: ambiguous, and nothing is written.
    await h.as(sam, slackRoom)(say`loop-in ${who('Tim Bay')} se`);
    await h.as(bob, teamsRoom)(say`loop-in ${who('Tim Ode', 'teams', 'tenant-1')} analyst`);
    const before = await h.store.timeline(dealId, { filter: 'all', limit: 1 });
    const ambiguous = await h.as(sam, slackRoom)(text('tag @tim hello'));
    expect(replyText(ambiguous)).toBe(
      '@tim could be Tim Bay (Slack) or Tim Ode (Teams); write the full name, e.g. @"Tim Bay".',
    );
    expect(ambiguous.readOnly).toBe(true);
    expect(await h.store.timeline(dealId, { filter: 'all', limit: 1 })).toEqual(before);
    // The full name picks one of them.
    expect((await h.as(sam, slackRoom)(text('tag @"Tim Ode" hello'))).entries[0]).toMatchObject({
      mentions: [who('Tim Ode', 'teams', 'tenant-1')],
    });
  });

  it('hands a lead from Slack to a Teams AM, who accepts on Teams; every copy of the card updates', async () => {
    await linkTeams();
    await h.as(sam, slackRoom)(say`stage qualify`);
    const escalated = await h.as(sam, slackRoom)(text('escalate @"Bob Stone" budget confirmed'));
    const card = escalated.reply as HandoffView;
    expect(card.to.ref).toEqual(bob);
    expect(escalated.notifications).toEqual([
      expect.objectContaining({
        to: { kind: 'room', room: teamsRoom },
        cardKey: `handoff:${card.handoffId}`,
      }),
      expect.objectContaining({ to: { kind: 'person', person: bob }, cardKey: `handoff:${card.handoffId}` }),
    ]);
    // Sam (Slack) may not answer it; Bob (Teams) accepts with the card's button.
    const refused = await h.core.execute(h.ctx(sam, slackRoom), {
      kind: 'accept',
      dealId,
      handoffId: card.handoffId,
    });
    expect(refused.readOnly).toBe(true);
    const accepted = await h.core.execute(h.ctx(bob, teamsRoom), {
      kind: 'accept',
      dealId,
      handoffId: card.handoffId,
    });
    expect(accepted.readOnly).toBe(false);
    expect(accepted.updates).toEqual([
      expect.objectContaining({ dealId, cardKey: `handoff:${card.handoffId}` }),
    ]);
    expect((await h.store.loadRoom(slackRoom)).deal?.owner).toEqual(bob);
  });

  it('takes one person with an account on each platform on the platform the handoff comes from', async () => {
    await linkTeams();
    const slackBob = who('Bob Stone');
    await h.as(sam, slackRoom)(say`loop-in ${slackBob} am`);
    await h.as(sam, slackRoom)(say`stage qualify`);
    const fromSlack = await h.as(sam, slackRoom)(text('escalate @"Bob Stone" budget'));
    expect((fromSlack.reply as HandoffView).to.ref).toEqual(slackBob);
    // Tags reach both accounts: it is one person, wherever they read.
    const tagged = await h.as(sam, slackRoom)(text('tag @"Bob Stone" see the card'));
    expect(tagged.entries[0]).toMatchObject({ mentions: [bob, slackBob] });
  });

  it('reassigns a handoff to a member of the other platform by name', async () => {
    await linkTeams();
    await h.as(bob, teamsRoom)(say`loop-in ${tia} am`);
    await h.as(sam, slackRoom)(say`stage qualify`);
    await h.as(sam, slackRoom)(text('escalate @bob budget confirmed'));
    expect(replyText(await h.as(bob, teamsRoom)(text('reassign @zed')))).toContain(
      'Nobody on this deal is called @zed',
    );
    const moved = await h.as(bob, teamsRoom)(text('reassign @tia'));
    expect(moved.entries[0]).toMatchObject({ kind: 'handoff-reassigned', to: tia });
    expect(replyText(await h.as(tia, teamsRoom)(say`accept`))).toContain('Tia now owns the deal');
  });

  it('exposes the shared deal to the linked tenant and nothing else of the workspace', async () => {
    const other = (await h.as(sam, roomOf('C-SECRET'))(say`new Secret deal`)).dealId as DealId;
    await h.as(sam, roomOf('C-SECRET'))(say`stage qualify`);
    await linkTeams();
    // By deal code, by button payloads naming the other deal: unknown, as if it did not exist.
    expect(replyText(await h.as(bob, roomOf('19:x', 'teams', 'tenant-1'))(text(`link ${other}`)))).toBe(
      `There is no deal ${other} in this workspace. To link a room on the other platform or in another Teams tenant, run share in the deal's room and use the one-time code it gives.`,
    );
    for (const command of [
      { kind: 'accept', dealId: other, handoffId: 'h1' },
      { kind: 'decline', dealId: other, handoffId: 'h1', reason: 'no' },
      { kind: 'reassign', dealId: other, handoffId: 'h1', to: tia },
    ] as const) {
      expect(replyText(await h.core.execute(h.ctx(bob, teamsRoom), command))).toBe(
        'That deal is not available here.',
      );
    }
    expect((await h.store.timeline(other, { filter: 'all', limit: 10 })).entries).toHaveLength(2);
    // The shared deal itself is readable by its code from the tenant that holds a room of it.
    expect(replyText(await h.core.execute(h.ctx(bob, teamsRoom), { kind: 'status' }))).toBe('Acme expansion');
  });

  it('unlinks a room: the deal carries on in the other, and the tenant no longer reaches it', async () => {
    await linkTeams();
    await h.as(bob, teamsRoom)(say`loop-in ${tia} se`);
    await h.as(sam, slackRoom)(say`stage qualify`);
    const card = (await h.as(sam, slackRoom)(text('escalate @bob budget'))).reply as HandoffView;
    // A handoff the Teams team could no longer answer is settled before the room may leave.
    const early = await h.as(bob, teamsRoom)(say`unlink`);
    expect(replyText(early)).toBe(
      "The handoff from Sam Reed to Bob Stone is still waiting, and this channel's team would lose the deal; accept, decline or reassign it before unlinking.",
    );
    expect((await h.store.loadRoom(teamsRoom)).deal?.id).toBe(dealId);
    await h.as(bob, teamsRoom)(text('decline not my territory'));

    const unlinked = await h.as(bob, teamsRoom)(say`unlink`);
    expect(replyText(unlinked)).toBe(
      `Bob Stone unlinked this channel from deal ${dealId} "Acme expansion". The deal and its timeline carry on in its other rooms.`,
    );
    expect(unlinked.notifications.map((n) => n.to)).toEqual([{ kind: 'room', room: slackRoom }]);
    expect((await h.store.loadRoom(teamsRoom)).deal).toBeNull();
    expect((await h.store.loadRoom(slackRoom)).deal?.rooms).toEqual([slackRoom]);
    expect(replyText(await h.as(bob, teamsRoom)(say`status`))).toContain('not a deal room yet');
    expect(
      replyText(
        await h.core.execute(h.ctx(bob, teamsRoom), { kind: 'accept', dealId, handoffId: card.handoffId }),
      ),
    ).toBe('That deal is not available here.');
    // The Teams team is out of reach: not by name, not by its roles, not as a handoff target.
    expect(replyText(await h.as(sam, slackRoom)(text('tag @bob secret pricing')))).toContain(
      'Nobody on this deal is called @bob',
    );
    expect(replyText(await h.as(sam, slackRoom)(text('tag @se demo friday')))).toContain(
      'Nobody on this deal is the sales engineer (@se) yet',
    );
    expect(replyText(await h.as(sam, slackRoom)(text('escalate @bob budget')))).toContain(
      'Nobody on this deal is called @bob',
    );
    expect((await h.store.inbox(bob, 10)).map((i) => i.kind)).toEqual([]);
    // The last room cannot leave; a later stage move reaches only the Slack room.
    expect(replyText(await h.as(sam, slackRoom)(say`unlink`))).toContain("the deal's only room");
    expect((await h.as(sam, slackRoom)(say`stage next`)).notifications).toEqual([]);
    const history = await h.store.timeline(dealId, { filter: 'all', limit: 2 });
    expect(history.entries[1]).toMatchObject({ kind: 'room-unlinked', via: 'teams', room: teamsRoom });
  });
});

describe('link codes expire', () => {
  it('refuses a code 15 minutes after it was issued', async () => {
    const h = await harness('memory');
    try {
      await h.as(sam, slackRoom)(say`new Acme`);
      const code = codeOf(await h.as(sam, slackRoom)(say`share`));
      h.clock.now += 15 * 60_000 + 1;
      expect(replyText(await h.as(bob, teamsRoom)(text(`link ${code}`)))).toBe(LINK_CODE_UNKNOWN);
      expect((await h.store.loadRoom(teamsRoom)).deal).toBeNull();
    } finally {
      await h.close();
    }
  });
});

describe('inbox', () => {
  it('shows the newest 20 open items and how many are open; done brings older ones in', async () => {
    const h = await harness('memory');
    try {
      const ana = who('Ana');
      await h.as(sam, slackRoom)(say`new Busy deal`);
      for (let i = 1; i <= 23; i++) {
        h.clock.now += 1_000;
        await h.as(sam, slackRoom)({ text: `tag <@0> item ${i}`, mentions: [ana] });
      }
      const first = (await h.as(ana, null)(say`inbox`)).reply;
      if (first.kind !== 'inbox') throw new Error(first.kind);
      expect(first.total).toBe(23);
      expect(first.items).toHaveLength(20);
      expect(first.items[0]?.text).toBe('@Ana item 23');
      const after = await h.core.execute(h.ctx(ana, null), { kind: 'done', itemId: first.items[0]!.id });
      if (after.reply.kind !== 'inbox') throw new Error(after.reply.kind);
      expect(after.reply.total).toBe(22);
      expect(after.reply.items.map((i) => i.text).at(-1)).toBe('@Ana item 3');
    } finally {
      await h.close();
    }
  });
});
