// A link to a Teams message, for tags recorded from overheard messages (the timeline links to them).
// Teams' documented deep link: /l/message/<conversation id>/<message id>, with the tenant, and for a
// thread reply the parent message id.
import type { Activity } from 'botbuilder';
import type { TeamsTurn } from './context.js';

const MESSAGE_ID = /^\d{1,20}$/;

export function messageLink(activity: Partial<Activity>, turn: TeamsTurn): string | undefined {
  const id = activity.id;
  if (!id || !MESSAGE_ID.test(id) || turn.kind === 'personal') return undefined;
  const base = `https://teams.microsoft.com/l/message/${encodeURIComponent(turn.baseConversationId)}/${id}`;
  if (turn.kind === 'groupChat') return `${base}?context=${encodeURIComponent('{"contextType":"chat"}')}`;
  const parent = /;messageid=(\d{1,20})/.exec(turn.conversationId)?.[1] ?? id;
  return `${base}?tenantId=${encodeURIComponent(turn.tenant)}&parentMessageId=${parent}`;
}
