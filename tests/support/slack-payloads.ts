// Slack request bodies for tests, built from the real payloads in ../shared/fixtures/platform-payloads
// (their `_source` removed, ids adapted), so tests send the shapes Slack sends.
import { readFileSync } from 'node:fs';
import { SHARED } from './slack-schemas.js';

type Json = Record<string, unknown>;

export function fixture(name: string): Json {
  const json = JSON.parse(readFileSync(`${SHARED}fixtures/platform-payloads/${name}`, 'utf8')) as Json;
  delete json._source;
  return json;
}

export interface Who {
  readonly team: string;
  readonly user: string;
  readonly userName?: string;
  readonly channel: string;
}

let slashCounter = 0;

/** A `/deal` slash command form body, from bolt-js's recorded slash command. */
export function slashBody(who: Who, text: string, responseUrl?: string): string {
  const form = new URLSearchParams(fixture('slack-slash-command-form-body.json').rawBody as string);
  form.set('team_id', who.team);
  form.delete('enterprise_id');
  form.delete('enterprise_name');
  form.set('channel_id', who.channel);
  form.set('channel_name', who.channel.startsWith('D') ? 'directmessage' : 'deal-room');
  form.set('user_id', who.user);
  form.set('user_name', who.userName ?? who.user.toLowerCase());
  form.set('command', '/deal');
  form.set('text', text);
  // Slack gives every invocation its own trigger_id, so no two slash commands are the same bytes.
  form.set('trigger_id', `${Date.now()}.${++slashCounter}.trigger`);
  if (responseUrl) form.set('response_url', responseUrl);
  else form.delete('response_url');
  return form.toString();
}

let eventCounter = 0;
export const newEventId = (): string => `Ev${Date.now().toString(36).toUpperCase()}${++eventCounter}`;

export interface EventOptions {
  readonly eventId?: string;
  readonly ts?: string;
  /** Extra fields on the inner event (subtype, bot_id, thread_ts…). */
  readonly extra?: Json;
}

/** An Events API envelope (the modern shape with `authorizations`), from java-slack-sdk's recording. */
function envelope(who: Who, botUserId: string, event: Json, o: EventOptions): Json {
  const body = fixture('slack-app-mention-event-callback-authorizations.json');
  delete body.enterprise_id;
  body.team_id = who.team;
  body.event_id = o.eventId ?? newEventId();
  body.is_ext_shared_channel = false;
  body.authorizations = [
    {
      enterprise_id: null,
      team_id: who.team,
      user_id: botUserId,
      is_bot: true,
      is_enterprise_install: false,
    },
  ];
  body.event_context = `1-${String(event.type)}-${who.team}-${who.channel}`;
  body.event = event;
  return body;
}

export function appMention(who: Who, botUserId: string, text: string, o: EventOptions = {}): Json {
  const base = fixture('slack-app-mention-event-callback-authorizations.json').event as Json;
  const ts = o.ts ?? `${Math.floor(Date.now() / 1000)}.${String(++eventCounter).padStart(6, '0')}`;
  return envelope(
    who,
    botUserId,
    { ...base, text, user: who.user, team: who.team, channel: who.channel, ts, event_ts: ts, ...o.extra },
    o,
  );
}

/** A plain channel message (message.channels), in the same envelope as an app mention. */
export function channelMessage(who: Who, botUserId: string, text: string, o: EventOptions = {}): Json {
  const mention = appMention(who, botUserId, text, o);
  const event = { ...(mention.event as Json), type: 'message', channel_type: 'channel' };
  return { ...mention, event, event_context: `1-message-${who.team}-${who.channel}` };
}

export interface ClickOptions {
  readonly actionId: string;
  readonly value?: string;
  readonly blockId?: string;
  readonly selectedUser?: string;
  readonly selectedOption?: string;
  readonly messageTs?: string;
  readonly ephemeral?: boolean;
  readonly responseUrl?: string;
}

/** A block_actions payload (a button in a message), from java-slack-sdk / bolt-python's recording. */
export function blockAction(who: Who, o: ClickOptions): Json {
  const body = fixture('slack-block-actions-payload-message-button.json');
  const [base] = body.actions as Json[];
  body.team = { id: who.team, domain: 'dealroom-test' };
  body.user = {
    id: who.user,
    username: who.userName ?? who.user.toLowerCase(),
    name: who.userName ?? who.user.toLowerCase(),
    team_id: who.team,
  };
  body.channel = { id: who.channel, name: 'deal-room' };
  body.container = {
    type: 'message',
    message_ts: o.messageTs ?? '1700000000.000001',
    channel_id: who.channel,
    is_ephemeral: o.ephemeral ?? false,
  };
  body.trigger_id = `${Date.now()}.${++eventCounter}.trigger`;
  body.response_url = o.responseUrl;
  const action: Json = {
    ...base,
    action_id: o.actionId,
    block_id: o.blockId ?? 'b',
    action_ts: `${Date.now() / 1000}`,
  };
  delete action.value;
  if (o.value !== undefined) action.value = o.value;
  if (o.selectedUser !== undefined) {
    action.type = 'users_select';
    delete action.text;
    action.selected_user = o.selectedUser;
  }
  if (o.selectedOption !== undefined) {
    action.type = 'static_select';
    delete action.text;
    action.selected_option = { text: { type: 'plain_text', text: 'option' }, value: o.selectedOption };
  }
  body.actions = [action];
  return body;
}

/** A view_submission of the decline form (same envelope as a click; Slack's documented view shape). */
export function viewSubmission(
  who: Who,
  view: { id: string; callbackId: string; privateMetadata: string; values: Json },
): Json {
  const click = blockAction(who, { actionId: 'unused' });
  return {
    type: 'view_submission',
    team: click.team,
    user: click.user,
    api_app_id: click.api_app_id,
    token: click.token,
    trigger_id: click.trigger_id,
    view: {
      id: view.id,
      team_id: who.team,
      type: 'modal',
      callback_id: view.callbackId,
      private_metadata: view.privateMetadata,
      hash: `${Date.now()}.hash`,
      state: { values: view.values },
    },
    response_urls: [],
  };
}
