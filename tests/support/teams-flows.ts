// Common Teams conversations for tests: saying something in a room, and reaching a pending handoff
// (deal at Qualify, escalated to an AM, card in the room and in the AM's DM).
import { expect, vi } from 'vitest';
import { ACTION } from '../../src/core/actions.js';
import type { ChannelId, RoomRef, WorkspaceId } from '../../src/core/ids.js';
import { cardRef } from '../../src/teams/refs.js';
import { expectValidCard } from './teams-cards.js';
import { button, cardOf, inConversation, type Sent } from './teams-find.js';
import {
  AT_BOT,
  type Json,
  type Room,
  TENANT,
  type TeamsHarness,
  type TeamsUser,
  teamsUser,
  text,
} from './teams-harness.js';

export const settle = (check: () => void | Promise<void>) =>
  vi.waitFor(check, { timeout: 10_000, interval: 20 });

export const roomRef = (room: Room): RoomRef => ({
  platform: 'teams',
  workspace: TENANT as WorkspaceId,
  channel: room.id as ChannelId,
});

/** Posts a room message and returns the bot's replies in its thread. */
export async function say(
  h: TeamsHarness,
  room: Room,
  from: TeamsUser,
  content: { text: string; entities: Json[] },
) {
  const activity = h.roomMessage(room, from, content);
  const before = h.connector.sent.length;
  const res = await h.post(activity);
  expect(res.status).toBe(200);
  const replies = h.connector.sent.slice(before).filter((s) => s.replyToId === activity.id);
  return { activity, replies, conversationId: (activity.conversation as Json).id as string };
}

export const dmWith = (h: TeamsHarness, user: TeamsUser) =>
  h.connector.conversations.find((c) => JSON.stringify(c.parameters.members).includes(user.id))?.id;

export interface PendingHandoff {
  readonly sam: TeamsUser;
  readonly alex: TeamsUser;
  readonly room: Room;
  readonly dealId: string;
  readonly handoffId: string;
  readonly roomCopy: Sent;
  readonly dmCopy: Sent;
  readonly alexDm: string;
}

export async function pendingHandoff(h: TeamsHarness, room: Room): Promise<PendingHandoff> {
  const sam = teamsUser('Sam');
  const alex = teamsUser('Alex');
  await say(h, room, sam, text`${AT_BOT} new Globex renewal inbound`);
  const escalated = await say(h, room, sam, text`${AT_BOT} escalate ${alex} champion is the CFO`);
  const roomCopy = escalated.replies[0]!;
  const card = cardOf(roomCopy.activity);
  const { d, h: handoffId } = button(card, ACTION.handoffAccept).data as { d: string; h: string };
  let alexDm = '';
  await settle(() => {
    alexDm = dmWith(h, alex) ?? '';
    expect(inConversation(h.connector.sent, alexDm)).toHaveLength(1);
  });
  const dmCopy = inConversation(h.connector.sent, alexDm)[0]!;
  await settle(async () =>
    expect(await h.store.cardRefs(d as never, `handoff:${handoffId}`)).toHaveLength(2),
  );
  expect(await h.store.cardRefs(d as never, `handoff:${handoffId}`)).toEqual(
    expect.arrayContaining([cardRef(roomCopy.conversationId, roomCopy.id), cardRef(alexDm, dmCopy.id)]),
  );
  return { sam, alex, room, dealId: d, handoffId, roomCopy, dmCopy, alexDm };
}

/** Every card the bot sent, updated or answered with is valid 1.5 and renders cleanly. */
export function expectEveryCardValid(h: TeamsHarness): void {
  for (const e of h.connector.events) {
    if (e.kind !== 'send' && e.kind !== 'update') continue;
    for (const a of e.activity.attachments ?? []) {
      expect(a.contentType).toBe('application/vnd.microsoft.card.adaptive');
      expectValidCard(a.content);
    }
  }
  for (const r of h.responses) expectValidCard(r.value);
}
