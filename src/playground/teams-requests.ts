// What Teams would send to Dealroom, built for a playground persona and posted to the service's own
// /api/messages with serviceUrl = the playground's fake connector, so the bot's answers (replies,
// proactive 1:1 chats, card updates) land in the fake, where the page reads them. Shapes follow the
// recorded Teams payloads (channel message with a mention, adaptiveCard/action invoke, Action.Submit).
import { randomUUID } from 'node:crypto';
import { BOT_NAME, type Persona, splitMentions, TEAMS } from './personas.js';
import type { Forwarded } from './slack-requests.js';

type Json = Record<string, unknown>;

/** Teams text is HTML-ish: what a person typed arrives escaped, mentions as `<at>Name</at>`. */
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Typed text → Teams text and mention entities: `@Alex` → `<at>Alex</at>` + a mention of 29:…alex. */
export function toTeamsText(typed: string): { text: string; entities: Json[] } {
  const entities: Json[] = [];
  const text = splitMentions(typed)
    .map((p) => {
      if ('text' in p) return escapeHtml(p.text);
      const [id, name] = 'bot' in p ? [TEAMS.bot.id, BOT_NAME] : [p.persona.teams.id, p.persona.name];
      const tag = `<at>${name}</at>`;
      entities.push({ type: 'mention', text: tag, mentioned: { id, name } });
      return tag;
    })
    .join('');
  return { text, entities };
}

/** Where an activity happens: a team channel (a new post, or a reply in a thread) or a 1:1 chat. */
export type TeamsConversation =
  | { readonly kind: 'channel'; readonly channelId: string; readonly threadId?: string }
  | { readonly kind: 'personal'; readonly id: string };

export interface TeamsRequests {
  /** A new activity id (Teams message ids are increasing millisecond timestamps). */
  nextId(): string;
  /** A message a person posts, with the id from nextId(). */
  message(p: Persona, where: TeamsConversation, typed: string, id: string): Promise<Forwarded>;
  /** Action.Execute: an adaptiveCard/action invoke; the answer's body is the card to show the clicker. */
  invoke(
    p: Persona,
    where: TeamsConversation,
    replyToId: string,
    verb: string,
    data: Json,
  ): Promise<Forwarded>;
  /** Action.Submit (the fallback): a message carrying the button's data as `value`. */
  submit(p: Persona, where: TeamsConversation, replyToId: string, data: Json): Promise<Forwarded>;
  /** The bot is added to the team (conversationUpdate), as when a team installs the app. */
  install(p: Persona, channelId: string): Promise<Forwarded>;
}

export interface TeamsRequestDeps {
  readonly baseUrl: () => string;
  /** The fake connector's URL: every answer and proactive message of the bot goes there. */
  readonly serviceUrl: string;
}

const FORWARD_TIMEOUT_MS = 15_000;

export function createTeamsRequests(d: TeamsRequestDeps): TeamsRequests {
  // Teams message ids are millisecond timestamps; increasing ones keep thread ids realistic.
  let lastId = Date.now();
  const nextId = () => {
    lastId = Math.max(lastId + 1, Date.now());
    return String(lastId);
  };
  const from = (p: Persona) => ({ id: p.teams.id, name: p.name, aadObjectId: p.teams.aadObjectId });

  function conversation(where: TeamsConversation, id: string): Json {
    if (where.kind === 'personal')
      return { id: where.id, conversationType: 'personal', tenantId: TEAMS.tenantId };
    // A new post starts its own thread: the conversation id carries the post's own message id.
    const thread = where.threadId ?? id;
    return {
      id: `${where.channelId};messageid=${thread}`,
      isGroup: true,
      conversationType: 'channel',
      tenantId: TEAMS.tenantId,
    };
  }
  function channelData(where: TeamsConversation): Json {
    if (where.kind === 'personal') return { tenant: { id: TEAMS.tenantId } };
    return {
      teamsChannelId: where.channelId,
      teamsTeamId: TEAMS.teamId,
      channel: { id: where.channelId },
      team: { id: TEAMS.teamId, name: 'Sales' },
      tenant: { id: TEAMS.tenantId },
    };
  }
  const envelope = (p: Persona, where: TeamsConversation, id: string): Json => ({
    channelId: 'msteams',
    id,
    serviceUrl: d.serviceUrl,
    from: from(p),
    recipient: { ...TEAMS.bot },
    conversation: conversation(where, id),
    channelData: channelData(where),
    timestamp: new Date().toISOString(),
    locale: 'en-US',
  });

  async function post(activity: Json): Promise<Forwarded> {
    const res = await fetch(`${d.baseUrl()}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
      signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS),
    });
    const raw = await res.text();
    let body: unknown = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      body = null;
    }
    return { status: res.status, body };
  }
  // A click on a card says where the card was (channelData.source), as Teams does.
  const fromMessage = (base: Json) => ({ ...(base.channelData as Json), source: { name: 'message' } });

  return {
    nextId,
    message(p, where, typed, id) {
      const { text, entities } = toTeamsText(typed);
      return post({
        type: 'message',
        ...envelope(p, where, id),
        text,
        textFormat: 'plain',
        entities: [...entities, { type: 'clientInfo', locale: 'en-US', platform: 'Web' }],
        attachments: [],
      });
    },
    invoke(p, where, replyToId, verb, data) {
      const base = envelope(p, where, `f:${randomUUID()}`);
      return post({
        type: 'invoke',
        name: 'adaptiveCard/action',
        ...base,
        channelData: fromMessage(base),
        replyToId,
        value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
      });
    },
    submit(p, where, replyToId, data) {
      const base = envelope(p, where, `f:${randomUUID()}`);
      return post({ type: 'message', ...base, channelData: fromMessage(base), replyToId, value: data });
    },
    install(p, channelId) {
      return post({
        type: 'conversationUpdate',
        ...envelope(p, { kind: 'channel', channelId }, `f:${randomUUID()}`),
        conversation: { isGroup: true, conversationType: 'channel', tenantId: TEAMS.tenantId, id: channelId },
        membersAdded: [{ id: TEAMS.bot.id }],
        channelData: {
          settings: { selectedChannel: { id: channelId } },
          team: { id: TEAMS.teamId, name: 'Sales' },
          eventType: 'teamMemberAdded',
          tenant: { id: TEAMS.tenantId },
        },
      });
    },
  };
}
