// A Teams activity → who acted, in which room, on which tenant (the core's CommandContext).
// Workspace = tenant id; user = the channel account id (29:…); room = the team channel or group chat
// id without the `;messageid=` suffix that marks a thread.
import type { Activity } from 'botbuilder';
import type { ChannelId, PersonRef, RoomRef, UserId, WorkspaceId } from '../core/ids.js';
import type { CommandContext } from '../core/outcome.js';

export type ConversationKind = 'channel' | 'groupChat' | 'personal';

export interface TeamsTurn {
  readonly ctx: CommandContext;
  readonly tenant: WorkspaceId;
  readonly kind: ConversationKind;
  /** The conversation the activity came in on, thread suffix included: replies go here. */
  readonly conversationId: string;
  /** The same conversation without the thread suffix: the room, and where new posts go. */
  readonly baseConversationId: string;
}

export const baseConversationId = (id: string): string => id.split(';')[0] ?? id;

export function tenantOf(activity: Partial<Activity>): string | undefined {
  const data = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const fromData = typeof data?.tenant?.id === 'string' ? data.tenant.id : undefined;
  return activity.conversation?.tenantId || fromData || undefined;
}

function kindOf(activity: Partial<Activity>): ConversationKind {
  const type = activity.conversation?.conversationType;
  if (type === 'channel' || type === 'groupChat' || type === 'personal') return type;
  // Older payloads may omit the type: a group conversation is a room, anything else a 1:1 chat.
  return activity.conversation?.isGroup ? 'groupChat' : 'personal';
}

export const personOf = (tenant: WorkspaceId, account: { id: string; name?: string }): PersonRef => ({
  platform: 'teams',
  workspace: tenant,
  user: account.id as UserId,
  name: account.name?.trim() || 'Someone',
});

/** null when the activity lacks what every Teams activity has (a tenant, a conversation, a sender). */
export function teamsTurn(activity: Partial<Activity>): TeamsTurn | null {
  const tenantId = tenantOf(activity);
  const conversationId = activity.conversation?.id;
  const from = activity.from;
  if (!tenantId || !conversationId || !from?.id) return null;
  const tenant = tenantId as WorkspaceId;
  const kind = kindOf(activity);
  const base = baseConversationId(conversationId);
  const room: RoomRef | null =
    kind === 'personal' ? null : { platform: 'teams', workspace: tenant, channel: base as ChannelId };
  return {
    ctx: { actor: personOf(tenant, from), room, via: 'teams' },
    tenant,
    kind,
    conversationId,
    baseConversationId: base,
  };
}

/** Bots (28:…) and the bot itself never issue commands; their messages are not ours to record. */
export const fromABot = (activity: Partial<Activity>): boolean =>
  Boolean(
    activity.from?.id?.startsWith('28:') ||
      activity.from?.role === 'bot' ||
      activity.from?.id === activity.recipient?.id,
  );
