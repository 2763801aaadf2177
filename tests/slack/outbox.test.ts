// The outbox against the fake Web API with a real WebClient (configured as the service configures
// it): posts to one channel are spaced, and a 429 holds only the channel that got it.
import { webApi } from '@slack/bolt';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type FakeSlackApi, startFakeSlackApi } from '../../src/playground/fake-slack-api.js';
import { webClientOptions } from '../../src/slack/bolt-app.js';
import { createOutbox, OutboxFullError } from '../../src/slack/outbox.js';

const logger = pino({ level: 'silent' });

describe('outbox', () => {
  let fake: FakeSlackApi;
  let client: webApi.WebClient;
  beforeEach(async () => {
    fake = await startFakeSlackApi();
    const config = loadConfig({
      NODE_ENV: 'test',
      SLACK_BOT_TOKEN: 'xoxb-t',
      SLACK_SIGNING_SECRET: 's',
      SLACK_API_URL: fake.url,
    });
    client = new webApi.WebClient('xoxb-t', webClientOptions(config.slack!, config.env, logger));
  });
  afterEach(async () => {
    await fake.close();
  });

  const post = (channel: string, text: string) => () => client.chat.postMessage({ channel, text });
  const timesOf = (channel: string) =>
    fake
      .callsTo('chat.postMessage')
      .filter((c) => c.args.channel === channel)
      .map((c) => c.at);

  it('lets a quiet channel burst, then spaces its posts; other channels are not held back', async () => {
    const outbox = createOutbox(logger, { postIntervalMs: 200, burst: 2 });
    const started = Date.now();
    await Promise.all([
      ...[1, 2, 3, 4].map((i) => outbox.send('CBUSY', 'post', post('CBUSY', `m${i}`))),
      outbox.send('COTHER', 'post', post('COTHER', 'hello')),
    ]);
    const busy = timesOf('CBUSY');
    expect(busy).toHaveLength(4);
    // Two at once, then one per 200 ms: the 4th goes out no sooner than ~400 ms after the start.
    expect((busy[3] as number) - started).toBeGreaterThanOrEqual(350);
    // The other channel went out while the busy one was still waiting for its tokens.
    expect(timesOf('COTHER')[0]!).toBeLessThanOrEqual(busy[2] as number);
    // Order within a channel is kept.
    expect(
      fake
        .callsTo('chat.postMessage')
        .filter((c) => c.args.channel === 'CBUSY')
        .map((c) => c.args.text),
    ).toEqual(['m1', 'm2', 'm3', 'm4']);
  });

  it('honours a 429 Retry-After for that channel only, then sends the message', async () => {
    const outbox = createOutbox(logger, { postIntervalMs: 10, burst: 5 });
    fake.rateLimit('chat.postMessage', { channel: 'CSLOW', retryAfterSec: 1 });
    const started = Date.now();
    const slow = outbox.send('CSLOW', 'post', post('CSLOW', 'eventually'));
    const fast = await Promise.all(
      [1, 2, 3].map((i) => outbox.send('CFAST', 'post', post('CFAST', `f${i}`))),
    );
    const result = await slow;
    const slowDone = Date.now() - started;
    expect(fast.every((r) => r.ok)).toBe(true);
    expect(result.ok).toBe(true);
    const slowCalls = fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'CSLOW');
    expect(slowCalls.map((c) => c.status)).toEqual([429, 200]);
    // The slow channel waited its Retry-After (1 s); the fast one was done before that retry.
    expect(slowDone).toBeGreaterThanOrEqual(950);
    expect(Math.max(...timesOf('CFAST'))).toBeLessThan(slowCalls[1]!.at);
  });

  it('gives up after repeated 429s, with the WebClient’s rate-limit error', async () => {
    const outbox = createOutbox(logger, { maxRateLimitRetries: 1 });
    fake.rateLimit('chat.postMessage', { channel: 'CSTUCK', retryAfterSec: 0, times: 5 });
    await expect(outbox.send('CSTUCK', 'post', post('CSTUCK', 'x'))).rejects.toMatchObject({
      code: 'slack_webapi_rate_limited_error',
    });
    expect(fake.callsTo('chat.postMessage')).toHaveLength(2);
  });

  it('drain waits for queued calls', async () => {
    const outbox = createOutbox(logger, { postIntervalMs: 100, burst: 1 });
    for (const i of [1, 2, 3]) void outbox.send('CQ', 'post', post('CQ', `q${i}`));
    await outbox.drain(5_000);
    expect(timesOf('CQ')).toHaveLength(3);
  });

  it('refuses calls past its bound, says so, and takes calls again once the lane drains', async () => {
    const warnings: { channel?: string; refused?: number }[] = [];
    const recording = pino({ level: 'warn' }, { write: (line: string) => warnings.push(JSON.parse(line)) });
    const outbox = createOutbox(recording, { postIntervalMs: 50, burst: 1, maxQueued: 3 });
    const sent = [1, 2, 3, 4, 5].map((i) => outbox.send('CFULL', 'post', post('CFULL', `m${i}`)));
    // Asked before a message is built, the full lane refuses the same way (and it counts as refused).
    expect(() => outbox.admit('CFULL')).toThrow(OutboxFullError);
    expect(() => outbox.admit('CQUIET')).not.toThrow();
    const results = await Promise.allSettled(sent);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'rejected',
    ]);
    expect((results[3] as PromiseRejectedResult).reason).toBeInstanceOf(OutboxFullError);
    expect(fake.callsTo('chat.postMessage').map((c) => c.args.text)).toEqual(['m1', 'm2', 'm3']);
    // One warning when it filled, one with the count when it had room again: nothing dropped silently.
    expect(warnings.map((w) => [w.channel, w.refused])).toEqual([
      ['CFULL', undefined],
      ['CFULL', 3],
    ]);
    expect(() => outbox.admit('CFULL')).not.toThrow();
    await outbox.send('CFULL', 'post', post('CFULL', 'm6'));
    expect(fake.callsTo('chat.postMessage').at(-1)?.args.text).toBe('m6');
  });
});
