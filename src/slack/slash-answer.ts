// The answer to a slash command, carried in the HTTP response that acknowledges it. Slack shows a
// `response_type: 'in_channel'` body to the channel and an `'ephemeral'` one to the person, without
// chat.postMessage's ~1 message/s per channel limit and without the bot having to be in the channel.
// The ack is due within 3 s (DESIGN.md §6), so the command runs first but only up to a deadline: past
// it the ack goes out empty and the reply takes the Web API path (replies.ts) as it would have.
import type { SlackMessage } from './render/render.js';

/** Well inside Slack's 3 s, and before Bolt's own 3 001 ms "nobody acked" answer. */
export const ANSWER_DEADLINE_MS = 2_000;

export interface SlashAnswer {
  /**
   * Sends `page` as the ack body; false when the ack has already gone (the deadline passed, or an
   * earlier answer used it), and the caller must deliver `page` another way.
   */
  give(page: SlackMessage, visibility: 'ephemeral' | 'in_channel'): Promise<boolean>;
  /** Acks with an empty body unless an answer went already. Always called once the command ends. */
  close(): Promise<void>;
}

/** Bolt's ack for a slash command (an AckFn<string | RespondArguments>). */
export type SlashAck = (body?: {
  response_type: 'ephemeral' | 'in_channel';
  text: string;
  blocks: unknown[];
}) => Promise<void>;

export function slashAnswer(ack: SlashAck, deadlineMs = ANSWER_DEADLINE_MS): SlashAnswer {
  let acked = false;
  // Taken synchronously, before the await: two answers racing cannot both get the ack.
  const take = (): boolean => {
    if (acked) return false;
    acked = true;
    clearTimeout(timer);
    return true;
  };
  const timer = setTimeout(() => {
    if (take()) void ack().catch(() => undefined);
  }, deadlineMs);
  timer.unref();
  return {
    async give(page, visibility) {
      if (!take()) return false;
      await ack({ response_type: visibility, text: page.text, blocks: page.blocks as unknown[] });
      return true;
    },
    async close() {
      if (take()) await ack();
    },
  };
}
