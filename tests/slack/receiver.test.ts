// Which receiver runs, and how the Web API client is set up. Socket Mode needs Slack's WebSocket
// service, so it is not connected here: the test checks it is chosen, and that it mounts no route.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SocketModeReceiver } from '@slack/bolt';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createCore } from '../../src/core/core.js';
import { createDispatcher } from '../../src/core/dispatch.js';
import { createHttpApp, finishHttpApp } from '../../src/http/app.js';
import { type FakeSlackApi, startFakeSlackApi } from '../../src/playground/fake-slack-api.js';
import { createReceiver, webClientOptions } from '../../src/slack/bolt-app.js';
import { GuardedHttpReceiver } from '../../src/slack/http-receiver.js';
import { register } from '../../src/slack/index.js';
import { createMemoryStore } from '../../src/store/memory-store.js';

const logger = pino({ level: 'silent' });
const env = (extra: Record<string, string>) =>
  loadConfig({
    NODE_ENV: 'test',
    SLACK_BOT_TOKEN: 'xoxb-t',
    SLACK_API_URL: 'http://127.0.0.1:9/api/',
    ...extra,
  });

describe('receiver and client setup', () => {
  it('uses Socket Mode when an app token is set, and HTTP otherwise', () => {
    const socket = env({ SLACK_APP_TOKEN: 'xapp-1-test' });
    const http = env({ SLACK_SIGNING_SECRET: 'secret' });
    const s = createReceiver(socket.slack!, webClientOptions(socket.slack!, 'test', logger), logger);
    const h = createReceiver(http.slack!, webClientOptions(http.slack!, 'test', logger), logger);
    expect(s.mode).toBe('socket');
    expect(s.receiver).toBeInstanceOf(SocketModeReceiver);
    expect(h.mode).toBe('http');
    expect(h.receiver).toBeInstanceOf(GuardedHttpReceiver);
  });

  it('points the WebClient at SLACK_API_URL, never retries in tests, and leaves 429s to the outbox', () => {
    const c = env({ SLACK_SIGNING_SECRET: 'secret' });
    const test = webClientOptions(c.slack!, 'test', logger);
    expect(test.slackApiUrl).toBe('http://127.0.0.1:9/api/');
    expect(test.retryConfig).toEqual({ retries: 0 });
    expect(test.rejectRateLimitedCalls).toBe(true);
    expect(webClientOptions(c.slack!, 'production', logger).retryConfig?.retries).toBeGreaterThan(0);
  });
});

describe('register in Socket Mode', () => {
  let fake: FakeSlackApi;
  beforeAll(async () => {
    fake = await startFakeSlackApi();
  });
  afterAll(async () => {
    await fake.close();
  });

  it('checks the token, mounts no HTTP route, and connects only when started', async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      SLACK_BOT_TOKEN: 'xoxb-t',
      SLACK_APP_TOKEN: 'xapp-1-t',
      SLACK_API_URL: fake.url,
    });
    const store = createMemoryStore();
    const app = createHttpApp();
    const registered = await register(app, {
      config,
      store,
      core: createCore({ store, handoffSlaMs: 60_000 }),
      dispatcher: createDispatcher(logger),
      logger,
    });
    finishHttpApp(app, logger);
    const server = app.listen(0);
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body: '{}' });
    server.close();
    expect(res.status).toBe(404);
    expect(fake.callsTo('auth.test')).toHaveLength(1);
    expect(typeof registered.start).toBe('function');
    // Not started: nothing was opened (no apps.connections.open), and stopping is clean.
    expect(fake.callsTo('apps.connections.open')).toHaveLength(0);
    await registered.stop();
  });

  it('refuses to start with a token Slack does not accept, with a readable reason', async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      SLACK_BOT_TOKEN: 'xoxb-t',
      SLACK_SIGNING_SECRET: 's',
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
    });
    const store = createMemoryStore();
    await expect(
      register(createHttpApp(), {
        config,
        store,
        core: createCore({ store, handoffSlaMs: 60_000 }),
        dispatcher: createDispatcher(logger),
        logger,
      }),
    ).rejects.toThrow(/Slack did not accept SLACK_BOT_TOKEN/);
  });
});
