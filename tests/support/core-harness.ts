// Drives the core the way an adapter does: a context (who, which room, which platform) and a
// command input with mentions already resolved to `<@i>` markers.
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import type { CommandInput } from '../../src/core/commands.js';
import { type Core, createCore } from '../../src/core/core.js';
import type { ChannelId, PersonRef, Platform, RoomRef, UserId, WorkspaceId } from '../../src/core/ids.js';
import type { CommandContext, Outcome } from '../../src/core/outcome.js';
import type { Store } from '../../src/core/store-port.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { createRedisStore } from '../../src/store/redis/redis-store.js';

export type StoreKind = 'memory' | 'redis';
export const STORE_KINDS: readonly StoreKind[] = ['memory', 'redis'];

export const SLA = 4 * 3_600_000;
export const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);

export const who = (name: string, platform: Platform = 'slack', workspace = 'T1'): PersonRef => ({
  platform,
  workspace: workspace as WorkspaceId,
  user: `U${name.toUpperCase()}` as UserId,
  name,
});
export const roomOf = (channel: string, platform: Platform = 'slack', workspace = 'T1'): RoomRef => ({
  platform,
  workspace: workspace as WorkspaceId,
  channel: channel as ChannelId,
});

/** `say\`tag ${ann} please look\`` → text with `<@0>` and mentions [ann]. */
export function say(strings: TemplateStringsArray, ...people: PersonRef[]): CommandInput {
  let text = strings[0] ?? '';
  for (let i = 0; i < people.length; i++) text += `<@${i}>${strings[i + 1] ?? ''}`;
  return { text, mentions: people };
}

export interface Harness {
  readonly store: Store;
  readonly core: Core;
  readonly clock: { now: number };
  as(actor: PersonRef, room: RoomRef | null): (input: CommandInput) => Promise<Outcome>;
  ctx(actor: PersonRef, room: RoomRef | null): CommandContext;
  /** A second core on the same store (another replica, or the process after a restart). */
  replica(): Core;
  close(): Promise<void>;
}

export async function makeStore(kind: StoreKind, clock: { now: number }): Promise<Store> {
  if (kind === 'memory') return createMemoryStore({ now: () => clock.now });
  return createRedisStore({ url: inject('redisUrl'), prefix: `test-${randomUUID()}` });
}

export async function harness(kind: StoreKind): Promise<Harness> {
  const clock = { now: T0 };
  const store = await makeStore(kind, clock);
  const mk = () => createCore({ store, handoffSlaMs: SLA, now: () => clock.now });
  const core = mk();
  const ctx = (actor: PersonRef, room: RoomRef | null): CommandContext => ({
    actor,
    room,
    via: room?.platform ?? actor.platform,
  });
  return {
    store,
    core,
    clock,
    ctx,
    as: (actor, room) => (input) => core.run(ctx(actor, room), input),
    replica: mk,
    close: () => store.close(),
  };
}

/** The text of a reply, whatever view it is: what a user would read first. */
export function replyText(o: Outcome): string {
  const v = o.reply;
  switch (v.kind) {
    case 'notice':
      return v.text;
    case 'summary':
      return v.headline ?? v.name;
    case 'handoff':
      return v.notice ?? v.status;
    default:
      return v.kind;
  }
}
