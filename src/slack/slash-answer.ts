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

/**
 * A class rather than closures: a `/deal` makes one of these per request, and its methods and timer
 * callback are shared instead of made anew each time.
 */
class AckAnswer implements SlashAnswer {
  private acked = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly ack: SlashAck,
    deadlineMs: number,
  ) {
    this.timer = setTimeout(expire, deadlineMs, this);
    this.timer.unref();
  }

  /** Taken synchronously, before any await: two answers racing cannot both get the ack. */
  take(): boolean {
    if (this.acked) return false;
    this.acked = true;
    clearTimeout(this.timer);
    return true;
  }

  async give(page: SlackMessage, visibility: 'ephemeral' | 'in_channel'): Promise<boolean> {
    if (!this.take()) return false;
    await this.ack({ response_type: visibility, text: page.text, blocks: page.blocks as unknown[] });
    return true;
  }

  async close(): Promise<void> {
    if (this.take()) await this.ack();
  }

  expired(): void {
    if (this.take()) void this.ack().catch(() => undefined);
  }
}

function expire(answer: AckAnswer): void {
  answer.expired();
}

export function slashAnswer(ack: SlashAck, deadlineMs = ANSWER_DEADLINE_MS): SlashAnswer {
  return new AckAnswer(ack, deadlineMs);
}
