// Events API: `@Dealroom <command>` runs a command; a plain message in a deal room that mentions
// teammates is recorded as a tag (listening), with a link back to the message. Bolt has acked the
// event before these run. A retried delivery (same event id) applies once: see deliveries.ts.
import type { Context } from '@slack/bolt';
import { type Background, deliverLater } from '../background.js';
import type { Core } from '../core/core.js';
import type { Dispatcher } from '../core/dispatch.js';
import { parseCommand } from '../core/parse/index.js';
import type { Store } from '../core/store-port.js';
import type { Logger } from '../logger.js';
import { commandContext, slackPerson } from './context.js';
import { delivery } from './deliveries.js';
import { mentionsUser, toCommandInput } from './mentions.js';
import type { Messenger } from './messenger.js';
import type { People } from './people.js';
import type { CommandRunner } from './run-command.js';
import type { SlackEventType } from './surface.js';

export interface EventDeps {
  readonly core: Core;
  readonly dispatcher: Dispatcher;
  readonly background: Background;
  readonly messenger: Messenger;
  readonly people: People;
  readonly runner: CommandRunner;
  readonly store: Store;
  readonly botUserId: string;
  readonly logger: Logger;
}

/** The reaction that tells the room "recorded on the deal timeline". */
export const RECORDED_REACTION = 'label';

/** The fields of a message/app_mention event we read (Bolt's union types are wider than useful). */
interface MessageLike {
  readonly type: string;
  readonly subtype?: string;
  readonly bot_id?: string;
  readonly user?: string;
  readonly text?: string;
  readonly channel: string;
  readonly channel_type?: string;
  readonly ts: string;
}

/** The Events API envelope's id: the same on every retry of one event. */
const eventIdOf = (body: unknown): string | undefined => {
  const id = (body as { event_id?: unknown }).event_id;
  return typeof id === 'string' ? id : undefined;
};

/** What an event handler reads of Bolt's arguments. */
export interface EventArgs {
  readonly event: unknown;
  readonly body: unknown;
  readonly context: Context;
}

export type EventHandler = (args: EventArgs) => Promise<void>;

/** One handler per event type of surface.ts (the router sends each its own type only). */
export function eventHandlers(d: EventDeps): Record<SlackEventType, EventHandler> {
  const appMention: EventHandler = async ({ event, body, context }) => {
    const e = event as unknown as MessageLike;
    const id = eventIdOf(body);
    if (!e.user || e.bot_id || !context.teamId) return;
    const seen = id ? await delivery(d.store, 'slack-event', id) : undefined;
    await d.runner.run({
      team: context.teamId,
      user: e.user,
      channel: e.channel,
      text: e.text ?? '',
      ...(seen ? { options: seen.options, repeat: seen.repeat } : {}),
    });
  };

  const message: EventHandler = async ({ event, body, context }) => {
    const e = event as unknown as MessageLike;
    const text = e.text ?? '';
    // Only what people type in channels: no edits, joins or bot posts, and no DMs (never deal rooms).
    if (e.subtype !== undefined || e.bot_id || !e.user || !context.teamId) return;
    if (e.channel_type !== 'channel' && e.channel_type !== 'group') return;
    // A message that mentions the bot is a command; its app_mention event handles it.
    if (mentionsUser(text, d.botUserId) || !text.includes('@')) return;
    const team = context.teamId;
    const nameOf = (user: string, hint?: string) => d.people.nameOf(team, user, hint);
    const input = await toCommandInput(text, { team, botUserId: d.botUserId, nameOf });
    // Cheap check before any Web API call: does the message read as a tag at all?
    const asTag = parseCommand({ text: `tag ${input.text}`, mentions: input.mentions });
    if (!asTag.ok) return;
    const [name, permalink] = await Promise.all([
      nameOf(e.user),
      d.messenger.permalink(e.channel, e.ts).catch((error: unknown) => {
        d.logger.warn(
          { err: error, channel: e.channel },
          'no permalink for a listened message; recording it without',
        );
        return undefined;
      }),
    ]);
    const ctx = commandContext(slackPerson(team, e.user, name), e.channel);
    const id = eventIdOf(body);
    const options = id ? { once: { source: 'slack-event', id } } : {};
    const outcome = await d.core.listen(ctx, input, permalink || undefined, options);
    // Nothing to record, or a retry of a message already recorded (which was marked and delivered).
    if (!outcome || outcome.duplicate) return;
    // The room sees a 🏷️ on the message instead of a bot reply to every conversation.
    await d.messenger.react(e.channel, e.ts, RECORDED_REACTION).catch((error: unknown) => {
      d.logger.warn({ err: error, channel: e.channel }, 'could not mark a listened message as recorded');
    });
    deliverLater(d.dispatcher, d.background, outcome);
  };

  return { app_mention: appMention, message };
}
