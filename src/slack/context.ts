// Slack ids → the core's references. A Slack person or channel is named by the workspace (team id)
// the request came through plus its Slack id; DMs are not rooms (the core treats them as "no room").
import type { ChannelId, PersonRef, RoomRef, UserId, WorkspaceId } from '../core/ids.js';
import type { CommandContext } from '../core/outcome.js';
import type { SlashAnswer } from './slash-answer.js';

/** Slack user ids: U… (workspace users) and W… (Enterprise Grid users). */
export const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;

export const slackPerson = (team: string, user: string, name: string): PersonRef => ({
  platform: 'slack',
  workspace: team as WorkspaceId,
  user: user as UserId,
  name,
});

export const slackRoom = (team: string, channel: string): RoomRef => ({
  platform: 'slack',
  workspace: team as WorkspaceId,
  channel: channel as ChannelId,
});

/** Direct-message channel ids start with D: a command there acts outside any deal room. */
export const isDirectMessage = (channel: string): boolean => channel.startsWith('D');

export function commandContext(actor: PersonRef, channel: string | undefined): CommandContext {
  const room = channel && !isDirectMessage(channel) ? slackRoom(actor.workspace, channel) : null;
  return { actor, room, via: 'slack' };
}

/** Where a reply goes: the channel the person acted in, and Slack's response_url when it gave one. */
export interface ReplyTarget {
  readonly team: WorkspaceId;
  readonly channel: string;
  readonly user: string;
  readonly responseUrl?: string;
  /** A re-delivery of a request already seen (a retried event): read-only answers are not repeated. */
  readonly repeat?: boolean;
  /** A slash command's ack, still open: the first one-message reply goes in its body. */
  readonly answer?: SlashAnswer;
}
