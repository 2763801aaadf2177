// /readyz follows Redis: 503 within 2 s of it stopping, 200 again once it is back, no restart.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type Service, startService } from '../../src/service.js';
import { type RedisServerHandle, startRedisServer } from '../support/redis-server.js';

async function pollStatus(url: string, want: number, timeoutMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const res = await fetch(url);
    if (res.status === want) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`${url} stayed ${res.status}, wanted ${want}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('service on Redis', () => {
  let redis: RedisServerHandle;
  let service: Service;
  beforeAll(async () => {
    redis = await startRedisServer();
    const config = loadConfig({ PORT: '0', REDIS_URL: redis.url, NODE_ENV: 'test' });
    service = await startService(config, pino({ level: 'silent' }));
  });
  afterAll(async () => {
    await service?.stop();
    await redis?.stop();
  });

  it('turns /readyz 503 when Redis stops and 200 when it returns, while /healthz stays 200', async () => {
    const ready = `${service.url}/readyz`;
    expect((await fetch(ready)).status).toBe(200);
    await redis.stop();
    const downAfter = await pollStatus(ready, 503, 2_000);
    expect(downAfter).toBeLessThan(2_000);
    const body = await (await fetch(ready)).json();
    expect(body).toEqual({ status: 'unavailable', reason: 'store unreachable' });
    expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
    await redis.restart();
    await pollStatus(ready, 200, 5_000);
    expect(await (await fetch(ready)).json()).toEqual({ status: 'ready', store: 'redis' });
  });

  it('answers unknown routes and malformed requests with a sentence, never a stack trace', async () => {
    const res = await fetch(`${service.url}/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'Not found.' });
  });

  it('finishes a request that is in flight when it stops, then refuses new connections', async () => {
    // A paused Redis keeps /readyz waiting on its ping: a request genuinely in flight.
    redis.pause();
    const inflight = fetch(`${service.url}/readyz`);
    await new Promise((r) => setTimeout(r, 100));
    const stopped = service.stop();
    const res = await inflight;
    expect(res.status).toBe(503);
    redis.resume();
    await stopped;
    await expect(fetch(`${service.url}/healthz`)).rejects.toThrow();
  });
});
