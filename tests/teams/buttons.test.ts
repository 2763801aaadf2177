// Buttons: Action.Execute invokes and their Action.Submit fallback, on handoff, timeline and inbox
// cards; what the clicker sees, what changes, and what every other copy shows afterwards.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/core/actions.js';
import { button, buttons, cardOf, cardText, inConversation } from '../support/teams-find.js';
import {
  dmWith,
  expectEveryCardValid,
  pendingHandoff,
  roomRef,
  say,
  settle,
} from '../support/teams-flows.js';
import {
  AT_BOT,
  channel,
  command,
  fixture,
  groupChat,
  type Json,
  startTeams,
  type TeamsHarness,
  teamsUser,
  text,
} from '../support/teams-harness.js';

let h: TeamsHarness;
beforeEach(async () => {
  h = await startTeams();
});
afterEach(async () => {
  expectEveryCardValid(h);
  await h.close();
});

const responseCard = (res: { body: Json | null }) => {
  expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
  return res.body?.value as Json;
};

describe('cards that are not ours', () => {
  it('answers the recorded verb-less invoke with a card and a sentence, never an empty body', async () => {
    const res = await h.post(fixture('teams-invoke-adaptivecard-action'));
    expect(res.status).toBe(200);
    expect(cardText(responseCard(res))).toContain('That button is not one Dealroom knows');
  });

  it('answers recorded Action.Submit messages (plain and messageBack) with a sentence for the clicker', async () => {
    for (const name of [
      'teams-message-action-submit-value',
      'teams-message-action-submit-messageback-value',
    ]) {
      const before = h.connector.sent.length;
      const activity = fixture(name);
      expect((await h.post(activity)).status).toBe(200);
      const [reply, ...more] = h.connector.sent.slice(before);
      expect(more).toEqual([]);
      expect(reply?.conversationId).toBe((activity.conversation as Json).id);
      const card = cardOf(reply!.activity);
      expect(cardText(card)).toMatch(/^For <at>Dave Taniguchi<\/at>:\nThat button is not one Dealroom knows/);
    }
  });
});

describe('handoff buttons', () => {
  it('accepts through the Action.Submit fallback: the room hears it and every copy is updated', async () => {
    const p = await pendingHandoff(h, channel());
    const accept = button(cardOf(p.roomCopy.activity), ACTION.handoffAccept);
    const before = h.connector.sent.length;
    const submitted = h.submit(p.roomCopy.conversationId, p.alex, accept.data!, p.roomCopy.id);
    await h.post(submitted);
    const announced = h.connector.sent
      .slice(before)
      .filter((s) => s.conversationId === p.roomCopy.conversationId);
    expect(announced.map((s) => cardText(cardOf(s.activity)))).toEqual([
      expect.stringContaining('Alex accepted the handoff of "Globex renewal" from Sam'),
    ]);
    await settle(() =>
      expect(h.connector.updates.map((u) => u.activityId).sort()).toEqual(
        [p.roomCopy.id, p.dmCopy.id].sort(),
      ),
    );
    // Teams delivering the same submit again: nothing changes and nothing more is said.
    const count = h.connector.events.length;
    await h.post(submitted);
    expect(h.connector.events.length).toBe(count);
    // A later click on the stale fallback button: a sentence for the clicker, once per delivery.
    const late = h.submit(p.roomCopy.conversationId, p.alex, accept.data!, p.roomCopy.id);
    await h.post(late);
    await h.post(late);
    const replies = h.connector.sent.slice(-1);
    expect(h.connector.events.length).toBe(count + 1);
    expect(cardText(cardOf(replies[0]!.activity))).toContain('This handoff is no longer open');
  });

  it('declines only with a reason: without one the same card comes back with a sentence', async () => {
    const p = await pendingHandoff(h, channel());
    const decline = button(cardOf(p.dmCopy.activity), ACTION.handoffDecline);
    const empty = responseCard(
      await h.post(
        h.invoke(p.alexDm, p.alex, { verb: decline.verb, data: { ...decline.data, reason: '   ' } }),
      ),
    );
    expect(cardText(empty)).toContain(
      'Please give a reason for declining, so the SDR knows what to do next.',
    );
    expect(buttons(empty).map((b) => b.verb)).toContain(ACTION.handoffAccept);
    expect((await h.store.loadRoom(roomRef(p.room))).handoffs.get(p.handoffId)?.state).toBe('pending');

    const declined = responseCard(
      await h.post(
        h.invoke(p.alexDm, p.alex, {
          verb: decline.verb,
          data: { ...decline.data, reason: 'not my territory' },
        }),
      ),
    );
    expect(cardText(declined)).toContain('Declined by Alex');
    expect(cardText(declined)).toContain('not my territory');
    expect(buttons(declined)).toEqual([]);
    await settle(() => expect(h.connector.updates).toHaveLength(2));
  });

  it('reassigns to the person picked in the people picker, resolved through the connector', async () => {
    const p = await pendingHandoff(h, channel());
    const bea = teamsUser('Bea');
    h.connector.addMember(bea);
    const reassign = button(cardOf(p.dmCopy.activity), ACTION.handoffReassign);

    const unknown = responseCard(
      await h.post(
        h.invoke(p.alexDm, p.alex, {
          verb: reassign.verb,
          data: { ...reassign.data, reassignTo: 'c0ffee00-0000-4000-8000-000000000000' },
        }),
      ),
    );
    expect(cardText(unknown)).toContain('I could not find that person here');

    const sentBefore = h.connector.sent.length;
    const done = responseCard(
      await h.post(
        h.invoke(p.alexDm, p.alex, {
          verb: reassign.verb,
          data: { ...reassign.data, reassignTo: bea.aadObjectId },
        }),
      ),
    );
    expect(cardText(done)).toContain('Reassigned by Alex');
    const snap = await h.store.loadRoom(roomRef(p.room));
    const successor = [...snap.handoffs.values()].find((x) => x.state === 'pending');
    expect(successor?.to).toMatchObject({ platform: 'teams', user: bea.id, name: 'Bea' });
    // The new handoff card goes to the room and to Bea; the old copies show "Reassigned".
    await settle(() => {
      const beaDm = dmWith(h, bea);
      expect(beaDm).toBeDefined();
      const fresh = h.connector.sent.slice(sentBefore);
      expect(inConversation(fresh, beaDm!).map((s) => cardText(cardOf(s.activity)))).toEqual([
        expect.stringContaining('<at>Sam</at> → <at>Bea</at>'),
      ]);
      expect(inConversation(fresh, p.room.id)).toHaveLength(2);
      expect(h.connector.updates.map((u) => cardText(cardOf(u.activity)))).toEqual([
        expect.stringContaining('Reassigned by Alex'),
        expect.stringContaining('Reassigned by Alex'),
      ]);
    });
  });

  it('answers an automatic refresh with the current card and never updates a message', async () => {
    const p = await pendingHandoff(h, channel());
    const card = cardOf(p.roomCopy.activity);
    const refresh = (card.refresh as { action: { verb: string; data: Json } }).action;
    const before = h.connector.events.length;
    const pending = responseCard(
      await h.post(h.invoke(p.roomCopy.conversationId, p.alex, refresh, { trigger: 'automatic' })),
    );
    expect(cardText(pending)).toContain('Waiting for Alex');
    // Even an automatic invoke carrying a real verb only shows the card.
    const accept = button(card, ACTION.handoffAccept);
    responseCard(await h.post(h.invoke(p.roomCopy.conversationId, p.alex, accept, { trigger: 'automatic' })));
    expect((await h.store.loadRoom(roomRef(p.room))).handoffs.get(p.handoffId)?.state).toBe('pending');

    await h.post(h.invoke(p.alexDm, p.alex, button(cardOf(p.dmCopy.activity), ACTION.handoffAccept)));
    await settle(() => expect(h.connector.updates).toHaveLength(2));
    const updates = h.connector.updates.length;
    const accepted = responseCard(
      await h.post(h.invoke(p.roomCopy.conversationId, p.alex, refresh, { trigger: 'automatic' })),
    );
    expect(cardText(accepted)).toContain('Accepted by Alex');
    expect(h.connector.updates).toHaveLength(updates);
    expect(h.connector.events.slice(before).filter((e) => e.kind === 'update')).toHaveLength(2);
  });

  it('gives a repeated invoke (same activity id, concurrently) one effect and a card each time', async () => {
    const p = await pendingHandoff(h, channel());
    const click = h.invoke(p.alexDm, p.alex, button(cardOf(p.dmCopy.activity), ACTION.handoffAccept), {
      id: 'f:retried-invoke',
    });
    const [a, b] = await Promise.all([h.post(click), h.post(click)]);
    const texts = [cardText(responseCard(a)), cardText(responseCard(b))];
    expect(texts.every((t) => t.includes('Accepted by Alex'))).toBe(true);
    const entries = (await h.store.timeline(p.dealId as never, { filter: 'handoffs', limit: 10 })).entries;
    expect(entries.map((e) => e.kind)).toEqual(['handoff-accepted', 'handoff-requested']);
    await settle(() => expect(h.connector.updates).toHaveLength(2));
    const again = responseCard(await h.post(click));
    expect(cardText(again)).toMatch(/already received this click|no longer open/);
    expect(h.connector.updates).toHaveLength(2);
  });
});

describe('timeline and inbox buttons', () => {
  it('pages the timeline and filters it, each click answered with the next card', async () => {
    const room = channel();
    const sam = teamsUser('Sam');
    await say(h, room, sam, text`${AT_BOT} new Initech account-based`);
    for (let i = 1; i <= 11; i++) await say(h, room, sam, command(`research industry finding number ${i}`));
    const first = cardOf((await say(h, room, sam, text`${AT_BOT} timeline`)).replies[0]!.activity);
    expect(cardText(first)).toMatch(/^For <at>Sam<\/at>:/);
    expect(cardText(first)).toContain('finding number 11');
    expect(cardText(first)).not.toContain('created the deal');
    const older = responseCard(await h.post(h.invoke(room.id, sam, button(first, ACTION.timelineOlder))));
    expect(cardText(older)).toContain('created the deal');
    expect(buttons(older).map((b) => b.verb)).toContain(ACTION.timelineNewer);
    const newer = responseCard(await h.post(h.invoke(room.id, sam, button(older, ACTION.timelineNewer))));
    expect(cardText(newer)).toContain('finding number 11');

    const research = buttons(first).find((b) => b.verb === ACTION.timelineFilter && b.title === 'Research')!;
    await say(h, room, sam, text`${AT_BOT} stakeholder add Jane Doe sponsor`);
    const filtered = responseCard(await h.post(h.invoke(room.id, sam, research)));
    expect(cardText(filtered)).toContain('Research, newest first');
    expect(cardText(filtered)).not.toContain('Jane Doe');
  });

  it('sends the inbox to the 1:1 chat, and Done there answers with the inbox that is left', async () => {
    const room = groupChat();
    const sam = teamsUser('Sam');
    const ana = teamsUser('Ana');
    await say(h, room, sam, text`${AT_BOT} new Umbrella outbound`);
    await say(h, room, sam, text`${AT_BOT} tag ${ana} can you size the market?`);
    await settle(() => expect(inConversation(h.connector.sent, dmWith(h, ana) ?? '')).toHaveLength(1));
    const asked = await say(h, room, ana, text`${AT_BOT} inbox`);
    expect(asked.replies.map((r) => cardText(cardOf(r.activity)))).toEqual([
      'For <at>Ana</at>:\nI sent your inbox to our 1:1 chat.',
    ]);
    let inbox: Json = {};
    await settle(() => {
      const dm = dmWith(h, ana);
      expect(dm).toBeDefined();
      const cards = inConversation(h.connector.sent, dm!).map((s) => cardOf(s.activity));
      expect(cards).toHaveLength(2);
      inbox = cards[1]!;
    });
    expect(h.connector.conversations.map((c) => c.id)).toEqual([dmWith(h, ana)]);
    expect(cardText(inbox)).toContain('can you size the market?');
    const left = responseCard(await h.post(h.invoke(dmWith(h, ana)!, ana, button(inbox, ACTION.inboxDone))));
    expect(cardText(left)).toContain('Your inbox is empty');
    // Done again on the old card (another click, not a retry): the list stays, with the sentence.
    const again = responseCard(await h.post(h.invoke(dmWith(h, ana)!, ana, button(inbox, ACTION.inboxDone))));
    expect(cardText(again)).toContain('That item is not open in your inbox');
    expect(cardText(again)).toContain('Your inbox is empty');
    expect(
      await h.store.inbox(
        { platform: 'teams', workspace: roomRef(room).workspace, user: ana.id as never, name: 'Ana' },
        10,
      ),
    ).toEqual([]);
  });
});
