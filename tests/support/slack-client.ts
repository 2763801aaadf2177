// Signed Slack requests to any running Dealroom (a child process, a replica): what Slack would send,
// built by the same payload builders as the in-process harness. A slash command's reply comes back
// in the body of its ack (src/slack/slash-answer.ts), so `command` reads that body too.

import type { SlashAck } from './slack-harness.js';
import { blockAction, type ClickOptions, slashBody, type Who } from './slack-payloads.js';
import { signedHeaders } from './slack-signing.js';

/** A slash command's HTTP answer: its status, and the reply its ack carried (null for an empty ack). */
export interface SlashResult {
  readonly status: number;
  readonly ack: SlashAck | null;
}

export interface SlackClient {
  slash(who: Who, text: string): Promise<Response>;
  /** `/deal <text>`: the status and the ack's reply, body read in full. */
  command(who: Who, text: string): Promise<SlashResult>;
  /** `/deal <text>`, which must be acked 200: the reply its ack carried, or null for an empty ack. */
  ask(who: Who, text: string): Promise<SlashAck | null>;
  click(who: Who, o: ClickOptions): Promise<Response>;
}

/** The reply in an ack body, as text a person reads (and the tokens tests look for). */
export function ackText(ack: SlashAck | null): string {
  return ack ? JSON.stringify([ack.text, ack.blocks]) : '';
}

export function slackClient(baseUrl: string, secret: string): SlackClient {
  const post = (body: string, contentType: 'application/x-www-form-urlencoded') =>
    fetch(`${baseUrl}/slack/events`, {
      method: 'POST',
      body,
      headers: signedHeaders(secret, body, contentType),
      signal: AbortSignal.timeout(30_000),
    });
  const slash = (who: Who, text: string) => post(slashBody(who, text), 'application/x-www-form-urlencoded');
  const command = async (who: Who, text: string): Promise<SlashResult> => {
    const res = await slash(who, text);
    const raw = await res.text();
    return { status: res.status, ack: res.status === 200 && raw ? (JSON.parse(raw) as SlashAck) : null };
  };
  return {
    slash,
    command,
    async ask(who, text) {
      const { status, ack } = await command(who, text);
      if (status !== 200) throw new Error(`/deal ${text} was answered ${status}`);
      return ack;
    },
    click: (who, o) =>
      post(
        `payload=${encodeURIComponent(JSON.stringify(blockAction(who, o)))}`,
        'application/x-www-form-urlencoded',
      ),
  };
}
