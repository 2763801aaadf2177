// What Slack would send to Dealroom, built for a playground persona and signed with the playground's
// signing secret, then posted to the service's own /slack/events: Bolt checks the signature and runs
// the real listeners. Shapes follow Slack's documented payloads (slash command form body, Events API
// envelope, block_actions, view_submission) and the recorded ones in tests/support/slack-payloads.ts.
// A slash command's reply may come back in the body of its ack: Slack itself would show it, so the
// playground, standing in for Slack, hands it on to the fake Slack API's response_url, whose posts
// the feed shows (in the channel, or to its author alone).
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { BOT_NAME, type Persona, SLACK, splitMentions } from './personas.js';

export interface Forwarded {
  readonly status: number;
  /** The answer's JSON body, or null when it was empty or not JSON. */
  readonly body: unknown;
}

/** Slack's three escapes for what a person typed (https://docs.slack.dev/messaging/formatting-message-text). */
const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Typed text → Slack message text: `@Alex` becomes `<@UPGALEX|alex>` (as with should_escape: true). */
export function toSlackText(typed: string): string {
  return splitMentions(typed)
    .map((p) =>
      'persona' in p
        ? `<@${p.persona.slack.id}|${p.persona.slack.handle}>`
        : 'bot' in p
          ? `<@${SLACK.botUserId}|${BOT_NAME.toLowerCase()}>`
          : escapeText(p.text),
    )
    .join('');
}

export const mentionsBot = (typed: string): boolean => splitMentions(typed).some((p) => 'bot' in p);

export function signature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface ClickAction {
  readonly action_id: string;
  readonly block_id?: string | undefined;
  readonly type: 'button' | 'users_select' | 'static_select';
  readonly value?: string | undefined;
  readonly selected_user?: string | undefined;
  readonly selected_option?: { readonly text: string; readonly value: string } | undefined;
}

export interface SlackRequests {
  /** `/deal <text>` in a channel; the reply (from the ack, or later from the Web API) reaches the fake Slack API. */
  slash(p: Persona, channel: { id: string; name: string }, text: string): Promise<Forwarded>;
  /** A message a person posts in a channel: an app_mention when it names the bot, and a message event. */
  message(p: Persona, channel: string, text: string, ts: string): Promise<Forwarded>;
  click(
    p: Persona,
    where: { channel: string; ts: string; ephemeral: boolean },
    action: ClickAction,
  ): Promise<Forwarded>;
  submitView(
    p: Persona,
    view: { id: string; callbackId: string; privateMetadata: string; values: Record<string, unknown> },
  ): Promise<Forwarded>;
  /** Who clicked the button that got this trigger_id (views.open names only the trigger). */
  personaOfTrigger(triggerId: string): string | undefined;
  /** A fresh message ts, unique and increasing, as Slack gives one. */
  nextTs(): string;
}

export interface SlackRequestDeps {
  readonly secret: string;
  /** The service's own base URL (valid once it listens). */
  readonly baseUrl: () => string;
  /** A response_url served by the fake Slack API, named so the feed knows whose it is. */
  readonly responseUrl: (id: string) => string;
}

/** The reply a slash command's ack may carry (src/slack/slash-answer.ts); anything else is no reply. */
const AckReply = z.object({
  response_type: z.enum(['in_channel', 'ephemeral']),
  text: z.string(),
  blocks: z.array(z.unknown()).optional(),
});

/** trigger_ids are remembered for the modals they open; a bound keeps the map small. */
const MAX_TRIGGERS = 500;
const FORWARD_TIMEOUT_MS = 15_000;

export function createSlackRequests(d: SlackRequestDeps): SlackRequests {
  const triggers = new Map<string, string>();
  let counter = 0;
  const nextTs = () => `${Math.floor(Date.now() / 1000)}.${String(++counter % 1_000_000).padStart(6, '0')}`;
  const newTrigger = (p: Persona) => {
    const id = `${Date.now()}.${++counter}.${p.key}`;
    triggers.set(id, p.key);
    if (triggers.size > MAX_TRIGGERS) triggers.delete(triggers.keys().next().value as string);
    return id;
  };
  const user = (p: Persona) => ({
    id: p.slack.id,
    username: p.slack.handle,
    name: p.slack.handle,
    team_id: SLACK.teamId,
  });
  const team = { id: SLACK.teamId, domain: SLACK.domain };

  async function forward(body: string, contentType: string): Promise<Forwarded> {
    const timestamp = Math.floor(Date.now() / 1000);
    const res = await fetch(`${d.baseUrl()}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': signature(d.secret, timestamp, body),
      },
      body,
      signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS),
    });
    const raw = await res.text();
    let json: unknown = null;
    try {
      json = raw ? JSON.parse(raw) : null;
    } catch {
      json = null;
    }
    return { status: res.status, body: json };
  }
  const interact = (payload: object) =>
    forward(`payload=${encodeURIComponent(JSON.stringify(payload))}`, 'application/x-www-form-urlencoded');
  const event = (inner: Record<string, unknown>, channel: string) =>
    forward(
      JSON.stringify({
        token: 'playground',
        team_id: SLACK.teamId,
        api_app_id: 'APLAYGROUND',
        event: inner,
        type: 'event_callback',
        event_id: `EvPG${Date.now().toString(36).toUpperCase()}${++counter}`,
        event_time: Math.floor(Date.now() / 1000),
        authorizations: [
          {
            enterprise_id: null,
            team_id: SLACK.teamId,
            user_id: SLACK.botUserId,
            is_bot: true,
            is_enterprise_install: false,
          },
        ],
        is_ext_shared_channel: false,
        event_context: `1-${String(inner.type)}-${SLACK.teamId}-${channel}`,
      }),
      'application/json',
    );

  return {
    nextTs,
    personaOfTrigger: (id) => triggers.get(id),
    async slash(p, channel, text) {
      const responseId = `${p.key}.${channel.id}.${++counter}`;
      const form = new URLSearchParams({
        token: 'playground',
        team_id: SLACK.teamId,
        team_domain: SLACK.domain,
        channel_id: channel.id,
        channel_name: channel.name,
        user_id: p.slack.id,
        user_name: p.slack.handle,
        command: '/deal',
        text: toSlackText(text),
        api_app_id: 'APLAYGROUND',
        is_enterprise_install: 'false',
        response_url: d.responseUrl(responseId),
        trigger_id: newTrigger(p),
      });
      const answered = await forward(form.toString(), 'application/x-www-form-urlencoded');
      const reply = answered.status === 200 ? AckReply.safeParse(answered.body) : null;
      if (reply?.success) {
        const res = await fetch(d.responseUrl(`${responseId}.ack`), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(reply.data),
          signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS),
        });
        await res.body?.cancel();
      }
      return answered;
    },
    async message(p, channel, text, ts) {
      const slackText = toSlackText(text);
      const base = { user: p.slack.id, text: slackText, ts, channel, event_ts: ts, team: SLACK.teamId };
      // Slack sends both for a message that mentions the app; the message listener skips it then.
      const mention = mentionsBot(text) ? await event({ type: 'app_mention', ...base }, channel) : null;
      // A DM is `im` (Dealroom does not subscribe to message.im, so only app mentions reach it there).
      const channelType = channel.startsWith('D') ? 'im' : 'channel';
      const plain = await event({ type: 'message', channel_type: channelType, ...base }, channel);
      return mention && mention.status >= 300 ? mention : plain;
    },
    click(p, where, action) {
      return interact({
        type: 'block_actions',
        user: user(p),
        api_app_id: 'APLAYGROUND',
        token: 'playground',
        container: {
          type: 'message',
          message_ts: where.ts,
          channel_id: where.channel,
          is_ephemeral: where.ephemeral,
        },
        trigger_id: newTrigger(p),
        team,
        channel: { id: where.channel, name: where.channel },
        response_url: d.responseUrl(`${p.key}.${where.channel}.${++counter}`),
        actions: [
          {
            ...action,
            ...(action.selected_option
              ? {
                  selected_option: {
                    text: { type: 'plain_text', text: action.selected_option.text },
                    value: action.selected_option.value,
                  },
                }
              : {}),
            block_id: action.block_id ?? 'b',
            action_ts: `${Date.now() / 1000}`,
          },
        ],
      });
    },
    submitView(p, view) {
      return interact({
        type: 'view_submission',
        team,
        user: user(p),
        api_app_id: 'APLAYGROUND',
        token: 'playground',
        trigger_id: newTrigger(p),
        view: {
          id: view.id,
          team_id: SLACK.teamId,
          type: 'modal',
          callback_id: view.callbackId,
          private_metadata: view.privateMetadata,
          hash: `${Date.now()}.playground`,
          state: { values: view.values },
        },
        response_urls: [],
      });
    },
  };
}
