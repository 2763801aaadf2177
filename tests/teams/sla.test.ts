// SLA timers reach Teams through stored conversation references: a reminder in the AM's 1:1 chat at
// the deadline, escalation to the sales managers at twice it, and every copy of the card kept current.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardOf, cardText, inConversation } from '../support/teams-find.js';
import { dmWith, expectEveryCardValid, pendingHandoff, say, settle } from '../support/teams-flows.js';
import { AT_BOT, channel, startTeams, type TeamsHarness, teamsUser, text } from '../support/teams-harness.js';

const HOUR = 3_600_000;
let h: TeamsHarness;
beforeEach(async () => {
  h = await startTeams({ now: Date.UTC(2026, 10, 24, 9, 0) });
});
afterEach(async () => {
  expectEveryCardValid(h);
  await h.close();
});

describe('Teams SLA reminders', () => {
  it('reminds the AM in their 1:1 chat, then escalates to the managers, updating the card copies', async () => {
    const room = channel();
    const p = await pendingHandoff(h, room);
    const meg = teamsUser('Meg');
    await say(h, room, p.sam, text`${AT_BOT} config managers ${meg}`);
    const conversations = h.connector.conversations.length;

    h.clock.now += 4 * HOUR + 1_000;
    expect(await h.service.timers.tick()).toBeGreaterThan(0);
    await settle(() => expect(inConversation(h.connector.sent, p.alexDm)).toHaveLength(2));
    expect(cardText(cardOf(inConversation(h.connector.sent, p.alexDm)[1]!.activity))).toBe(
      `⏰ Reminder: Sam's handoff of "Globex renewal" is waiting for your answer.`,
    );
    expect(h.connector.conversations).toHaveLength(conversations);
    await settle(() => expect(h.connector.updates).toHaveLength(2));
    for (const u of h.connector.updates)
      expect(cardText(cardOf(u.activity))).toContain('(overdue, reminder sent)');

    h.clock.now += 4 * HOUR;
    await h.service.timers.tick();
    await settle(() => {
      const megDm = dmWith(h, meg);
      expect(megDm).toBeDefined();
      expect(cardText(cardOf(inConversation(h.connector.sent, megDm!)[0]!.activity))).toContain(
        'escalated to the sales managers',
      );
      expect(h.connector.updates).toHaveLength(4);
    });
    const roomPosts = inConversation(h.connector.sent, room.id).map((s) => cardText(cardOf(s.activity)));
    expect(roomPosts).toContainEqual(
      expect.stringContaining('unanswered at twice its deadline; escalated to Meg'),
    );
  });
});
