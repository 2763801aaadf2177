// Vitest global setup: every test file gets a Redis URL through `inject('redisUrl')`. REDIS_URL wins
// when set; otherwise one private redis-server is started for the whole run and stopped afterwards.
// Tests never flush it: each isolates itself with a random key prefix.
import type { TestProject } from 'vitest/node';
import { startRedisServer } from './redis-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.REDIS_URL;
  if (given) {
    project.provide('redisUrl', given);
    return async () => {};
  }
  const server = await startRedisServer();
  project.provide('redisUrl', server.url);
  return () => server.stop();
}
