// Install: when Dealroom is added to a team, a group chat or a 1:1 chat (conversationUpdate with the
// bot among membersAdded), it says hello with a card that says how to start. The conversation
// reference was stored already, as for every inbound activity, so reminders can reach it later.
import type { TurnContext } from 'botbuilder';
import { cardActivity } from './activities.js';
import { renderWelcome } from './render/render-card.js';
import type { TeamsRuntime } from './runtime.js';

/** A repeated install event (Teams may deliver one twice) is recognised for a day. */
const DEDUPE_TTL_MS = 24 * 3_600_000;

export async function onConversationUpdate(rt: TeamsRuntime, context: TurnContext): Promise<void> {
  const activity = context.activity;
  const botId = activity.recipient?.id;
  const added = (activity.membersAdded ?? []).some((m) => m.id === botId);
  if (!added || !activity.conversation?.id) return;
  // Teams may deliver the same event twice; one welcome per install.
  const first = await rt.deps.store.claimOnce(
    'teams-install',
    `${activity.conversation.id}|${activity.id ?? ''}`,
    DEDUPE_TTL_MS,
  );
  if (!first) return;
  await context.sendActivity(cardActivity(renderWelcome()));
  rt.deps.logger.info(
    { conversationType: activity.conversation.conversationType },
    'Dealroom was added to a Teams conversation',
  );
}
