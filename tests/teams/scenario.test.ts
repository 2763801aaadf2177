// The team-selling scenario through posted Teams activities, end to end: what the fake connector
// records is what a real team would see (replies, DMs, card updates).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/core/actions.js';
import type { ChannelId, WorkspaceId } from '../../src/core/ids.js';
import { button, buttons, cardOf, cardText, inConversation, mentionIds } from '../support/teams-find.js';
import { expectEveryCardValid, settle } from '../support/teams-flows.js';
import {
  AT_BOT,
  channel,
  type Json,
  startTeams,
  TENANT,
  type TeamsHarness,
  teamsUser,
  text,
} from '../support/teams-harness.js';

describe.each(['memory', 'redis'] as const)('Teams scenario (%s store)', (store) => {
  let h: TeamsHarness;
  beforeEach(async () => {
    h = await startTeams({ store });
  });
  afterEach(async () => {
    expectEveryCardValid(h);
    await h.close();
  });

  it('runs from a new deal to an accepted handoff, updating every copy of the handoff card', async () => {
    const sam = teamsUser('Sam');
    const alex = teamsUser('Alex');
    const ana = teamsUser('Ana');
    const olga = teamsUser('Olga');
    const room = channel();
    const roomRef = {
      platform: 'teams' as const,
      workspace: TENANT as WorkspaceId,
      channel: room.id as ChannelId,
    };
    const say = async (from: typeof sam, content: { text: string; entities: Json[] }) => {
      const activity = h.roomMessage(room, from, content);
      const before = h.connector.sent.length;
      const res = await h.post(activity);
      expect(res.status).toBe(200);
      const replies = h.connector.sent.slice(before).filter((s) => s.replyToId === activity.id);
      return { activity, replies, conversationId: (activity.conversation as Json).id as string };
    };

    // A new deal: the reply is a summary card in the thread of the command.
    const created = await say(sam, text`${AT_BOT} new Acme expansion outbound`);
    expect(created.replies).toHaveLength(1);
    expect(created.replies[0]?.conversationId).toBe(created.conversationId);
    const summary = cardOf(created.replies[0]!.activity);
    expect(cardText(summary)).toContain('Acme expansion');
    const dealId = (await h.store.loadRoom(roomRef)).deal?.id;
    expect(dealId).toMatch(/^D-/);

    expect(cardText(cardOf((await say(sam, text`${AT_BOT} stage qualify`)).replies[0]!.activity))).toContain(
      'from Prospect to Qualify',
    );

    // Research before the deal is past Qualify: refused, addressed to Sam, and nothing is written.
    const version = (await h.store.loadRoom(roomRef)).deal?.version;
    const refused = cardOf(
      (await say(sam, text`${AT_BOT} research industry Retail is consolidating`)).replies[0]!.activity,
    );
    expect(cardText(refused)).toMatch(/^For <at>Sam<\/at>:\nResearch opens after Qualify/);
    expect(mentionIds(refused)).toEqual([sam.id]);
    expect((await h.store.loadRoom(roomRef)).deal?.version).toBe(version);

    await say(sam, text`${AT_BOT} stage next`);
    const logged = await say(sam, text`${AT_BOT} research industry Retail is consolidating`);
    expect(cardText(cardOf(logged.replies[0]!.activity))).toContain('Retail is consolidating');

    // A tag: a real mention in the reply card, and a DM to Ana in a 1:1 conversation the bot opens.
    const tagged = await say(sam, text`${AT_BOT} tag ${ana} can you size the market?`);
    const tagCard = cardOf(tagged.replies[0]!.activity);
    expect(cardText(tagCard)).toContain('Sam tagged Ana: @Ana can you size the market?');
    expect(mentionIds(tagCard)).toContain(ana.id);
    await settle(() =>
      expect(h.connector.conversations.map((c) => c.parameters.members)).toContainEqual([
        { id: ana.id, name: 'Ana' },
      ]),
    );
    const anaDm = h.connector.conversations.find((c) => JSON.stringify(c.parameters).includes(ana.id))!.id;
    await settle(() => expect(inConversation(h.connector.sent, anaDm)).toHaveLength(1));
    expect(cardText(cardOf(inConversation(h.connector.sent, anaDm)[0]!.activity))).toContain(
      `Sam tagged you in deal ${dealId} "Acme expansion": @Ana can you size the market?`,
    );

    // Listening: a plain message that mentions a teammate, without mentioning the bot, is a tag too,
    // linked to the Teams message; one that mentions nobody is left alone.
    const overheard = await say(sam, text`${ana} the pricing deck is in the Files tab`);
    expect(overheard.replies).toHaveLength(1);
    const quiet = await say(sam, { text: 'lunch anyone?', entities: [] });
    expect(quiet.replies).toHaveLength(0);
    const tags = (await h.store.timeline(dealId!, { filter: 'tags', limit: 10 })).entries;
    expect(tags.map((t) => (t.kind === 'tag' ? t.text : ''))).toEqual([
      '@Ana the pricing deck is in the Files tab',
      '@Ana can you size the market?',
    ]);
    expect(tags[0]).toMatchObject({
      permalink: `https://teams.microsoft.com/l/message/${encodeURIComponent(room.id)}/${overheard.activity.id}?tenantId=${TENANT}&parentMessageId=${overheard.activity.id}`,
    });

    // Escalation: the handoff card in the thread, and the proactive DM to the AM with the same card.
    const escalated = await say(sam, text`${AT_BOT} escalate ${alex} budget confirmed, wants a demo`);
    const roomCopy = escalated.replies[0]!;
    const handoffCard = cardOf(roomCopy.activity);
    expect(cardText(handoffCard)).toContain('<at>Sam</at> → <at>Alex</at>');
    expect((handoffCard.refresh as Json).userIds).toEqual([alex.id]);
    await settle(() =>
      expect(h.connector.conversations.some((c) => JSON.stringify(c.parameters).includes(alex.id))).toBe(
        true,
      ),
    );
    const alexDm = h.connector.conversations.find((c) => JSON.stringify(c.parameters).includes(alex.id))!.id;
    await settle(() => expect(inConversation(h.connector.sent, alexDm)).toHaveLength(1));
    const dmCopy = inConversation(h.connector.sent, alexDm)[0]!;
    expect(cardText(cardOf(dmCopy.activity))).toContain('budget confirmed, wants a demo');
    const handoffId = (button(handoffCard, ACTION.handoffAccept).data as Json).h as string;

    // Olga clicks Accept on the room copy: the same card, a sentence for her, and nothing changes.
    const accept = button(handoffCard, ACTION.handoffAccept);
    const wrong = await h.post(
      h.invoke(
        roomCopy.conversationId,
        olga,
        { verb: accept.verb, data: accept.data },
        { replyToId: roomCopy.id },
      ),
    );
    expect(wrong.status).toBe(200);
    expect(wrong.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    const refusal = cardOf({
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: wrong.body?.value }],
    });
    expect(cardText(refusal)).toContain(
      'Only Alex (the account manager it was handed to) can accept this handoff.',
    );
    expect(buttons(refusal).map((b) => b.verb)).toContain(ACTION.handoffAccept);
    expect(h.connector.updates).toHaveLength(0);
    expect((await h.store.loadRoom(roomRef)).handoffs.get(handoffId)?.state).toBe('pending');

    // Alex accepts from the DM copy with Action.Execute.
    const sentBefore = h.connector.sent.length;
    const accepted = await h.post(
      h.invoke(
        alexDm,
        alex,
        { verb: accept.verb, data: button(cardOf(dmCopy.activity), ACTION.handoffAccept).data },
        { replyToId: dmCopy.id },
      ),
    );
    expect(accepted.status).toBe(200);
    const acceptedCard = accepted.body?.value as Json;
    expect(cardText(acceptedCard)).toContain('Accepted by Alex');
    expect(buttons(acceptedCard)).toEqual([]);
    expect((await h.store.loadRoom(roomRef)).deal?.owner.user).toBe(alex.id);

    // Every posted copy is updated in place, by the id sending returned.
    await settle(() => expect(h.connector.updates).toHaveLength(2));
    expect(h.connector.updates.map((u) => [u.conversationId, u.activityId]).sort()).toEqual(
      [
        [roomCopy.conversationId, roomCopy.id],
        [alexDm, dmCopy.id],
      ].sort(),
    );
    for (const u of h.connector.updates) {
      const card = cardOf(u.activity);
      expect(cardText(card)).toContain('Accepted by Alex');
      expect(buttons(card)).toEqual([]);
      expect((card.refresh as Json).userIds).toEqual([]);
    }
    // The room hears about it (a new post in the channel), and so does Sam, in a DM.
    await settle(() => {
      const after = h.connector.sent.slice(sentBefore);
      expect(inConversation(after, room.id).map((s) => cardText(cardOf(s.activity)))).toEqual([
        expect.stringContaining(
          'Alex accepted the handoff of "Acme expansion" from Sam; Alex now owns the deal.',
        ),
      ]);
      const samDm = h.connector.conversations.find((c) => JSON.stringify(c.parameters).includes(sam.id))?.id;
      expect(samDm).toBeDefined();
      expect(inConversation(after, samDm!)).toHaveLength(1);
    });
    expect(
      h.connector.events.filter((e) => e.kind === 'update' && e.activityId === roomCopy.id),
    ).toHaveLength(1);
  });
});
