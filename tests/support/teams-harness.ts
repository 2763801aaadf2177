// Runs the real service with Teams on and a fake Bot Framework connector, and builds activities the
// way Teams sends them: each starts from a recorded payload in ../shared/fixtures/platform-payloads
// (its `_source` removed, its serviceUrl pointed at the fake) with only the ids and text changed.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { inject } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Store } from '../../src/core/store-port.js';
import { type FakeConnector, startFakeConnector } from '../../src/playground/fake-connector.js';
import { type Service, startService } from '../../src/service.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { createRedisStore } from '../../src/store/redis/redis-store.js';
import { SHARED } from './teams-cards.js';

export type Json = Record<string, unknown>;

export function fixture(name: string): Json {
  const raw = JSON.parse(readFileSync(`${SHARED}fixtures/platform-payloads/${name}.json`, 'utf8')) as Json;
  delete raw._source;
  return raw;
}

/** The tenant and bot of the recorded 2025 channel message: every built activity uses them. */
const base = fixture('teams-channel-message-mention');
export const TENANT = (base.conversation as Json).tenantId as string;
export const BOT = base.recipient as { id: string; name: string };

export interface TeamsUser {
  readonly id: string;
  readonly name: string;
  readonly aadObjectId: string;
}
let userSeq = 0;
export const teamsUser = (name: string): TeamsUser => {
  const n = ++userSeq;
  return {
    id: `29:1${name}${n}-${randomUUID().slice(0, 8)}`,
    name,
    aadObjectId: randomUUID(),
  };
};

/** The bot's own mention, as a tagged-template interpolation. */
export const AT_BOT = Symbol('the bot');
type Part = TeamsUser | typeof AT_BOT;

/** `text\`${AT_BOT} tag ${ana} please\`` → Teams text with <at> tags and the matching entities. */
export function text(strings: TemplateStringsArray, ...parts: Part[]): { text: string; entities: Json[] } {
  let out = strings[0] ?? '';
  const entities: Json[] = [];
  parts.forEach((p, i) => {
    const name = p === AT_BOT ? 'Dealroom' : p.name;
    const id = p === AT_BOT ? BOT.id : p.id;
    out += `<at>${name}</at>${strings[i + 1] ?? ''}`;
    entities.push({ type: 'mention', text: `<at>${name}</at>`, mentioned: { id, name } });
  });
  return { text: out, entities };
}

/** `@Dealroom <words>` with the bot's mention entity: for commands that mention nobody else. */
export const command = (words: string) => ({
  text: `<at>Dealroom</at> ${words}`,
  entities: text`${AT_BOT}`.entities,
});

let messageSeq = 1_764_500_000_000;
export const newMessageId = () => String(++messageSeq);

export interface Room {
  /** Team channel (19:…@thread.tacv2) or group chat (19:…@thread.v2) id. */
  readonly id: string;
  readonly kind: 'channel' | 'groupChat';
}
export const channel = (): Room => ({
  id: `19:${randomUUID().replaceAll('-', '')}@thread.tacv2`,
  kind: 'channel',
});
export const groupChat = (): Room => ({
  id: `19:${randomUUID().replaceAll('-', '')}@thread.v2`,
  kind: 'groupChat',
});

const clone = <T>(x: T): T => structuredClone(x);

export interface TeamsHarness {
  readonly service: Service;
  readonly connector: FakeConnector;
  readonly store: Store;
  readonly clock: { now: number };
  /** Every invoke response body received, in order (cards the clicker saw). */
  readonly responses: Json[];
  /** POSTs an activity to /api/messages; the serviceUrl is pointed at the fake connector. */
  post(activity: Json, headers?: Record<string, string>): Promise<{ status: number; body: Json | null }>;
  /** A message in a room (a new post: the conversation id carries its own message id). */
  roomMessage(room: Room, from: TeamsUser, content: { text: string; entities: Json[] }): Json;
  /** A message in the user's 1:1 chat with the bot. */
  personalMessage(conversationId: string, from: TeamsUser, content: { text: string; entities: Json[] }): Json;
  /** An Action.Execute click (adaptiveCard/action invoke) on a card posted in `conversationId`. */
  invoke(
    conversationId: string,
    from: TeamsUser,
    action: { verb?: string; data?: unknown },
    options?: { replyToId?: string; trigger?: 'manual' | 'automatic'; id?: string },
  ): Json;
  /** An Action.Submit click (the fallback): a message carrying `value`. */
  submit(conversationId: string, from: TeamsUser, value: Json, replyToId?: string): Json;
  close(): Promise<void>;
}

function conversationFor(id: string, tenant: string): Json {
  if (id.startsWith('a:')) return { id, conversationType: 'personal', tenantId: tenant };
  const kind = id.includes('@thread.v2') ? 'groupChat' : 'channel';
  return { id, isGroup: true, conversationType: kind, tenantId: tenant };
}

function channelDataFor(conversationId: string): Json {
  const roomId = conversationId.split(';')[0] ?? conversationId;
  if (!conversationId.includes('@thread.tacv2')) return { tenant: { id: TENANT } };
  return {
    teamsChannelId: roomId,
    teamsTeamId: roomId,
    channel: { id: roomId },
    team: { id: roomId },
    tenant: { id: TENANT },
  };
}

export async function startTeams(
  options: {
    store?: 'memory' | 'redis';
    env?: Record<string, string>;
    now?: number;
    /** Wraps the store the service gets (e.g. to make it fail). */
    wrapStore?: (store: Store) => Store;
  } = {},
): Promise<TeamsHarness> {
  const connector = await startFakeConnector();
  const clock = { now: options.now ?? Date.now() };
  const inner =
    options.store === 'redis'
      ? await createRedisStore({ url: inject('redisUrl'), prefix: `test-${randomUUID()}` })
      : createMemoryStore({ now: () => clock.now });
  const store = options.wrapStore ? options.wrapStore(inner) : inner;
  const config = loadConfig({
    PORT: '0',
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    // Tests fire bursts from one person; the limits have their own tests (tests/core/rate-limit).
    RATE_LIMIT_USER: 'off',
    RATE_LIMIT_ROOM: 'off',
    ...options.env,
  });
  const service = await startService(config, pino({ level: 'silent' }), {
    store,
    now: () => clock.now,
    // The tests drive SLA timers with timers.tick(); the background poll stays out of the way.
    timerIntervalMs: 3_600_000,
  });

  const withService = (activity: Json): Json => ({ ...activity, serviceUrl: connector.url });
  const responses: Json[] = [];

  return {
    service,
    connector,
    store,
    clock,
    responses,
    async post(activity, headers = {}) {
      const res = await fetch(`${service.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(withService(activity)),
      });
      const raw = await res.text();
      const body = raw ? (JSON.parse(raw) as Json) : null;
      if (body?.type === 'application/vnd.microsoft.card.adaptive') responses.push(body);
      return { status: res.status, body };
    },
    roomMessage(room, from, content) {
      const a = clone(base);
      const id = newMessageId();
      return {
        ...a,
        id,
        text: content.text,
        entities: [...content.entities, ...(a.entities as Json[]).filter((e) => e.type !== 'mention')],
        attachments: [],
        from: clone(from),
        recipient: clone(BOT),
        conversation: conversationFor(
          room.kind === 'channel' ? `${room.id};messageid=${id}` : room.id,
          TENANT,
        ),
        channelData: channelDataFor(room.id),
        timestamp: new Date().toISOString(),
      };
    },
    personalMessage(conversationId, from, content) {
      const a = clone(base);
      return {
        ...a,
        id: newMessageId(),
        text: content.text,
        entities: content.entities,
        attachments: [],
        from: clone(from),
        recipient: clone(BOT),
        conversation: conversationFor(conversationId, TENANT),
        channelData: { tenant: { id: TENANT } },
      };
    },
    invoke(conversationId, from, action, opts = {}) {
      const a = clone(fixture('teams-invoke-adaptivecard-action'));
      return {
        ...a,
        id: opts.id ?? `f:${randomUUID()}`,
        from: clone(from),
        recipient: clone(BOT),
        conversation: conversationFor(conversationId, TENANT),
        channelData: { ...channelDataFor(conversationId), source: { name: 'message' } },
        value: { action: { type: 'Action.Execute', ...action }, trigger: opts.trigger ?? 'manual' },
        ...(opts.replyToId ? { replyToId: opts.replyToId } : {}),
      };
    },
    submit(conversationId, from, value, replyToId) {
      const a = clone(fixture('teams-message-action-submit-value'));
      return {
        ...a,
        id: `f:${randomUUID()}`,
        from: clone(from),
        recipient: clone(BOT),
        conversation: conversationFor(conversationId, TENANT),
        channelData: { ...channelDataFor(conversationId), source: { name: 'message' } },
        value,
        ...(replyToId ? { replyToId } : {}),
      };
    },
    async close() {
      await service.stop();
      await connector.close();
    },
  };
}
