// Shows a command's outcome in Slack: the reply to the person (ephemeral) or to the room (a message),
// remembers where a handoff card was posted so it can be updated, then hands the notifications and
// card updates to the dispatcher (Slack rooms and DMs through our sink, Teams through its own).
// A slash command's reply goes in the body of its ack when it can (slash-answer.ts): one message that
// is never updated. A handoff card (its ts is kept for chat.update) and a reply of several pages go
// through the Web API, as do answers to mentions, clicks and forms.
import { type Background, deliverLater } from '../background.js';
import type { Dispatcher } from '../core/dispatch.js';
import type { Outcome } from '../core/outcome.js';
import type { Store } from '../core/store-port.js';
import { notice, type View } from '../core/views.js';
import type { Logger } from '../logger.js';
import type { ReplyTarget } from './context.js';
import { type Messenger, slackErrorCode } from './messenger.js';
import { OutboxFullError } from './outbox.js';
import { renderView, type SlackMessage } from './render/render.js';

/** Where the bot may not post, Slack's response_url still may (slash commands and clicks). */
const CANNOT_POST = new Set(['channel_not_found', 'not_in_channel', 'user_not_in_channel', 'is_archived']);

const INVITE_HINT =
  'I am not a member of this channel, so I cannot keep cards here up to date or hear messages. Invite me with /invite @Dealroom.';

/** A posted copy of a card, as kept in the store's card refs (shared with Teams: prefixed). */
export const cardRef = (channel: string, ts: string): string => `slack:${channel}:${ts}`;
export function parseCardRef(ref: string): { channel: string; ts: string } | null {
  const m = /^slack:([A-Z0-9]+):(\d+\.\d+)$/.exec(ref);
  return m?.[1] && m[2] ? { channel: m[1], ts: m[2] } : null;
}

export interface Replies {
  /** Shows the reply; the notifications and card updates go out after it, in the background. */
  send(target: ReplyTarget, outcome: Outcome): Promise<void>;
  /** A view only the person sees (an error sentence, a notice that is not a command's outcome). */
  tell(target: ReplyTarget, view: View): Promise<void>;
}

/**
 * Posting was refused but the request's response_url can still answer: the bot is not in the channel,
 * or the channel's send queue is full (response_url replies do not count against chat.postMessage's
 * per-channel limit).
 */
const postingRefused = (error: unknown): boolean =>
  error instanceof OutboxFullError || CANNOT_POST.has(slackErrorCode(error) ?? '');

export function createReplies(
  messenger: Messenger,
  store: Store,
  dispatcher: Dispatcher,
  background: Background,
  logger: Logger,
): Replies {
  /** True when the reply went out as the slash command's ack body. */
  async function inAck(
    target: ReplyTarget,
    pages: readonly SlackMessage[],
    visibility: 'ephemeral' | 'in_channel',
  ): Promise<boolean> {
    const [only] = pages;
    return target.answer !== undefined && pages.length === 1 && only !== undefined
      ? target.answer.give(only, visibility)
      : false;
  }

  async function privately(target: ReplyTarget, pages: readonly SlackMessage[]): Promise<void> {
    if (await inAck(target, pages, 'ephemeral')) return;
    try {
      await messenger.ephemeral(target.channel, target.user, pages);
    } catch (error) {
      if (!target.responseUrl || !postingRefused(error)) throw error;
      for (const page of pages) await messenger.respond(target.responseUrl, page, 'ephemeral');
    }
  }

  async function publicly(target: ReplyTarget, pages: readonly SlackMessage[]): Promise<string | undefined> {
    try {
      const [first] = await messenger.post(target.channel, pages);
      return first;
    } catch (error) {
      if (!target.responseUrl || !postingRefused(error)) throw error;
      for (const page of pages) await messenger.respond(target.responseUrl, page, 'in_channel');
      if (error instanceof OutboxFullError) return undefined;
      logger.warn(
        { channel: target.channel, error: slackErrorCode(error) },
        'cannot post in this channel (invite the bot); answered through response_url, so the card cannot be updated later',
      );
      const [hint] = renderView(notice('info', INVITE_HINT), target.team);
      if (hint) await messenger.respond(target.responseUrl, hint, 'ephemeral');
      return undefined;
    }
  }

  return {
    async send(target, outcome) {
      // A retried delivery of a request that already took effect: the first one said everything.
      if (outcome.duplicate || (target.repeat && outcome.readOnly)) return;
      try {
        // A refused click comes back as the card with a sentence for the clicker: the sentence is the
        // answer (the card itself is unchanged and stays where it is).
        const reply =
          outcome.visibility === 'private' && outcome.reply.kind === 'handoff' && outcome.reply.notice
            ? notice('warning', outcome.reply.notice)
            : outcome.reply;
        const pages = renderView(reply, target.team);
        if (outcome.visibility === 'private') {
          await privately(target, pages);
        } else if (outcome.replyCardKey || !(await inAck(target, pages, 'in_channel'))) {
          const ts = await publicly(target, pages);
          if (ts && outcome.replyCardKey && outcome.dealId) {
            await store.addCardRef(outcome.dealId, outcome.replyCardKey, cardRef(target.channel, ts));
          }
        }
      } finally {
        // A slash command's ack goes now if the reply did not use it: Slack is waiting for it.
        await target.answer?.close();
        // What the command changed reaches everyone else even if showing the reply failed.
        deliverLater(dispatcher, background, outcome);
      }
    },
    async tell(target, view) {
      if (target.repeat) return;
      await privately(target, renderView(view, target.team));
    },
  };
}
