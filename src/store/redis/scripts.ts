// The Lua scripts, read from disk once and registered with ioredis `defineCommand`. ioredis sends a
// script's body (EVAL) the first time on each connection and its sha (EVALSHA) afterwards, so every
// call is one round trip, also right after a reconnect to a restarted Redis with an empty script cache.
import { readFileSync } from 'node:fs';
import type { Redis, Result } from 'ioredis';

// ioredis' documented way to type commands added by defineCommand. Each takes the number of keys
// first (no fixed `numberOfKeys`: load and commit declare a variable number of keys).
declare module 'ioredis' {
  interface RedisCommander<Context> {
    dealroomLoad(numKeys: number, ...keysAndArgs: string[]): Result<unknown, Context>;
    dealroomCommit(numKeys: number, ...keysAndArgs: string[]): Result<unknown, Context>;
    dealroomInbox(numKeys: number, ...keysAndArgs: string[]): Result<unknown, Context>;
    dealroomClaimTimers(numKeys: number, ...keysAndArgs: string[]): Result<unknown, Context>;
    dealroomTimeline(numKeys: number, ...keysAndArgs: string[]): Result<unknown, Context>;
  }
}

const SCRIPTS = {
  dealroomLoad: 'load.lua',
  dealroomCommit: 'commit.lua',
  dealroomInbox: 'inbox.lua',
  dealroomClaimTimers: 'claim-timers.lua',
  dealroomTimeline: 'timeline.lua',
} as const;

/** Reads the scripts next to this module (the build must copy lua/ beside the compiled file). */
export function defineScripts(client: Redis): void {
  for (const [name, file] of Object.entries(SCRIPTS)) {
    const lua = readFileSync(new URL(`./lua/${file}`, import.meta.url), 'utf8');
    client.defineCommand(name, { lua });
  }
}
