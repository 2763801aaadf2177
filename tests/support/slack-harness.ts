// The real service with Slack on, its Web API pointed at a local fake, and helpers that send what
// Slack sends: signed slash commands, events, clicks and form submissions over HTTP.
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { inject } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Store } from '../../src/core/store-port.js';
import {
  type FakeSlackApi,
  type FakeSlackUser,
  startFakeSlackApi,
} from '../../src/playground/fake-slack-api.js';
import { type Service, startService } from '../../src/service.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { createRedisStore } from '../../src/store/redis/redis-store.js';
import {
  appMention,
  blockAction,
  type ClickOptions,
  channelMessage,
  type EventOptions,
  slashBody,
  type Who,
} from './slack-payloads.js';
import { signedHeaders } from './slack-signing.js';

export const SECRET = 'test-signing-secret-8f742231b10e8888';
export const TEAM = 'T0DEAL';
export const BOT = 'UDEALBOT';

export const USERS: readonly FakeSlackUser[] = [
  { id: 'USAM', name: 'sam', displayName: 'Sam' },
  { id: 'UALEX', name: 'alex', displayName: 'Alex' },
  { id: 'UANA', name: 'ana', displayName: 'Ana' },
  { id: 'UOLGA', name: 'olga', displayName: 'Olga' },
  { id: 'UBOB', name: 'bob', displayName: 'Bob' },
];

/** What a slash command's ack carried: its reply (slash-answer.ts). */
export interface SlashAck {
  readonly response_type: 'ephemeral' | 'in_channel';
  readonly text: string;
  readonly blocks: unknown[];
}

export interface SlackHarness {
  readonly fake: FakeSlackApi;
  readonly service: Service;
  readonly store: Store;
  /** A person in a channel, for the payload builders. */
  who(user: string, channel: string): Who;
  post(
    body: string,
    contentType: 'application/json' | 'application/x-www-form-urlencoded',
    headers?: Record<string, string>,
  ): Promise<Response>;
  slash(who: Who, text: string, responseUrl?: string): Promise<Response>;
  /** `/deal <text>`, acked 200: the reply its ack carried, or null for an empty ack. */
  ask(who: Who, text: string, responseUrl?: string): Promise<SlashAck | null>;
  /** Every reply a slash command's ack carried, in order (for the Block Kit checks). */
  readonly acks: readonly SlashAck[];
  mention(who: Who, text: string, o?: EventOptions & { retryNum?: number }): Promise<Response>;
  message(who: Who, text: string, o?: EventOptions & { retryNum?: number }): Promise<Response>;
  event(body: object, retryNum?: number): Promise<Response>;
  click(who: Who, o: ClickOptions): Promise<Response>;
  interact(payload: object): Promise<Response>;
  close(): Promise<void>;
}

type ContentType = 'application/json' | 'application/x-www-form-urlencoded';

/** Signed requests to a service's `/slack/events`, as Slack sends them. */
export function slackSender(url: string) {
  const post = (body: string, contentType: ContentType, headers: Record<string, string> = {}) =>
    fetch(url, {
      method: 'POST',
      body,
      headers: { ...signedHeaders(SECRET, body, contentType), ...headers },
    });
  const event = (body: object, retryNum?: number) =>
    post(
      JSON.stringify(body),
      'application/json',
      retryNum === undefined
        ? {}
        : { 'x-slack-retry-num': String(retryNum), 'x-slack-retry-reason': 'http_timeout' },
    );
  const interact = (payload: object) =>
    post(`payload=${encodeURIComponent(JSON.stringify(payload))}`, 'application/x-www-form-urlencoded');
  return { post, event, interact };
}

export interface HarnessOptions {
  readonly store?: 'memory' | 'redis';
  /** Wraps the store the service gets (fault injection). */
  readonly wrapStore?: (store: Store) => Store;
  readonly env?: Record<string, string>;
}

export async function startSlackHarness(o: HarnessOptions = {}): Promise<SlackHarness> {
  const fake = await startFakeSlackApi({ teamId: TEAM, botUserId: BOT, users: USERS });
  const store =
    o.store === 'redis'
      ? await createRedisStore({ url: inject('redisUrl'), prefix: `test-${randomUUID()}` })
      : createMemoryStore();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_API_URL: fake.url,
    LOG_LEVEL: 'silent',
    // Tests fire bursts from one person; the limits have their own tests (tests/core/rate-limit).
    RATE_LIMIT_USER: 'off',
    RATE_LIMIT_ROOM: 'off',
    ...o.env,
  });
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const service = await startService(config, logger, { store: o.wrapStore ? o.wrapStore(store) : store });
  const { post, event, interact } = slackSender(`${service.url}/slack/events`);
  const acks: SlashAck[] = [];
  const slash = async (who: Who, text: string, responseUrl?: string) => {
    const res = await post(slashBody(who, text, responseUrl), 'application/x-www-form-urlencoded');
    const raw = await res.clone().text();
    if (res.status === 200 && raw) acks.push(JSON.parse(raw) as SlashAck);
    return res;
  };

  return {
    fake,
    service,
    store,
    who: (user, channel) => ({ team: TEAM, user, channel, userName: user.slice(1).toLowerCase() }),
    post,
    slash,
    async ask(who, text, responseUrl) {
      const res = await slash(who, text, responseUrl);
      if (res.status !== 200) throw new Error(`/deal ${text} was answered ${res.status}`);
      const raw = await res.text();
      return raw ? (JSON.parse(raw) as SlashAck) : null;
    },
    acks,
    mention: (who, text, eo = {}) => event(appMention(who, BOT, text, eo), eo.retryNum),
    message: (who, text, eo = {}) => event(channelMessage(who, BOT, text, eo), eo.retryNum),
    event,
    click: (who, co) => interact(blockAction(who, co)),
    interact,
    async close() {
      await service.stop();
      await fake.close();
    },
  };
}

/** The blocks of a recorded call, as text: what a person would read (roughly). */
export function textOf(blocks: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.text === 'string') out.push(o.text);
      for (const [k, child] of Object.entries(o)) if (k !== 'text' || typeof child !== 'string') walk(child);
    }
  };
  walk(blocks);
  return out.join('\n');
}
