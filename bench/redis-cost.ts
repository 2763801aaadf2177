// Redis cost of the write path: commands sent per user command (counted with MONITOR, not
// estimated) and bytes of Redis memory per timeline entry (MEMORY USAGE, exact).
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Command } from '../src/core/commands.js';
import { createCore } from '../src/core/core.js';
import type { ChannelId, PersonRef, RoomRef, UserId, WorkspaceId } from '../src/core/ids.js';
import { createKeys } from '../src/store/keys.js';
import { createRedisStore } from '../src/store/redis/redis-store.js';
import { countCommandsOf } from '../tests/support/command-counter.js';
import { fillTimeline } from './timeline.js';

const p = (name: string): PersonRef => ({
  platform: 'slack',
  workspace: 'T1' as WorkspaceId,
  user: `U${name.toUpperCase()}` as UserId,
  name,
});

export async function countRoundTrips(
  url: string,
): Promise<{ perCommand: Record<string, number>; max: number }> {
  const name = `bench-${randomUUID()}`;
  const store = createRedisStore({ url, prefix: `bench-${randomUUID()}`, connectionName: name });
  await store.ping();
  const core = createCore({ store, handoffSlaMs: 3_600_000 });
  const sam = p('Sam');
  const alex = p('Alex');
  const room: RoomRef = { platform: 'slack', workspace: 'T1' as WorkspaceId, channel: 'CBENCH' as ChannelId };
  const ctx = { actor: sam, room, via: 'slack' as const };
  const counter = await countCommandsOf(url, name);
  const perCommand: Record<string, number> = {};
  const run = async (label: string, text: string, mentions: PersonRef[] = []) => {
    const counted = await counter.count(() => core.run(ctx, { text, mentions }));
    perCommand[label] = counted.commands.length;
  };
  await run('new', 'new Bench deal outbound');
  await run('stage qualify', 'stage qualify');
  await run('stage next', 'stage next');
  await run('research', 'research industry Retail is consolidating');
  await run('tag', 'tag <@0> please check pricing', [alex]);
  await run('loop-in', 'loop-in <@0> se', [alex]);
  await run('stakeholder add', 'stakeholder add Jane Doe sponsor VP Sales');
  const dealId = (await store.loadRoom(room)).deal?.id ?? '';
  const second: RoomRef = { ...room, channel: 'CBENCH2' as ChannelId };
  const counted = await counter.count(() =>
    core.run({ ...ctx, room: second }, { text: `link ${dealId}`, mentions: [] }),
  );
  perCommand.link = counted.commands.length;
  const esc = await core.run(ctx, { text: 'escalate <@0> hot lead', mentions: [alex] });
  const handoffId = esc.reply.kind === 'handoff' ? esc.reply.handoffId : '';
  const accept: Command = { kind: 'accept', dealId: esc.dealId!, handoffId };
  perCommand.accept = (
    await counter.count(() => core.execute({ actor: alex, room, via: 'slack' }, accept))
  ).commands.length;
  const [item] = await store.inbox(alex, 1);
  const done: Command = { kind: 'done', itemId: item?.id ?? '' };
  perCommand.done = (
    await counter.count(() => core.execute({ actor: alex, room, via: 'slack' }, done))
  ).commands.length;
  await counter.close();
  await store.close();
  return { perCommand, max: Math.max(...Object.values(perCommand)) };
}

export async function bytesPerEntry(url: string, count = 10_000): Promise<number> {
  const prefix = `bench-${randomUUID()}`;
  const dealId = await fillTimeline(url, prefix, count);
  const keys = createKeys(prefix);
  const redis = new Redis(url);
  let total = 0;
  // An entry is stored in the full stream and in its category stream (tags here): count both.
  for (const key of [keys.dealTimeline(dealId), keys.dealTimeline(dealId, 'tags')]) {
    total += Number(await redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0'));
  }
  await redis.quit();
  return total / count;
}
