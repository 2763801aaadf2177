// Timeline paging cost at 100, 10,000 and 100,000 entries: the first page and a deep page (the
// oldest ten). Stream ids are cursors, so both should cost the same whatever the length.
import { randomUUID } from 'node:crypto';
import type { DealId, PersonRef, UserId, WorkspaceId } from '../src/core/ids.js';
import type { Deal, TimelineEntry } from '../src/core/model.js';
import { createRedisStore } from '../src/store/redis/redis-store.js';
import { timeMany } from './stats.js';

const actor: PersonRef = {
  platform: 'slack',
  workspace: 'T1' as WorkspaceId,
  user: 'USAM' as UserId,
  name: 'Sam',
};

/** A tag entry of typical size: a sentence and one mention. */
export const typicalEntry = (i: number): TimelineEntry => ({
  kind: 'tag',
  at: 1_764_000_000_000 + i,
  actor,
  via: 'slack',
  tagId: `t${i}`,
  text: `@Ana can you check the pricing sheet before the call on Thursday? (#${i})`,
  mentions: [{ ...actor, user: 'UANA' as UserId, name: 'Ana' }],
  roles: [],
});

export async function fillTimeline(url: string, prefix: string, count: number): Promise<DealId> {
  const store = createRedisStore({ url, prefix });
  const dealId = `D-${randomUUID()
    .replace(/-/g, '')
    .slice(0, 6)
    .toUpperCase()
    .replace(/[ILOU]/g, '0')}` as DealId;
  const deal: Deal = {
    id: dealId,
    name: 'Bench',
    model: 'team',
    stage: 'research',
    home: { platform: 'slack', workspace: actor.workspace },
    rooms: [],
    owner: actor,
    members: [],
    stakeholders: [],
    researchCount: 0,
    createdAt: 0,
    updatedAt: 0,
    version: 1,
  };
  await store.commit({ deal: { state: deal, expectedVersion: 0 } });
  const batch = 1_000;
  for (let done = 0; done < count; done += batch) {
    const n = Math.min(batch, count - done);
    await store.commit({
      timelineOf: dealId,
      entries: Array.from({ length: n }, (_, i) => typicalEntry(done + i)),
    });
  }
  await store.close();
  return dealId;
}

export interface PagingResult {
  readonly size: number;
  readonly firstMs: number;
  readonly deepMs: number;
}

export async function benchPaging(url: string, sizes: readonly number[]): Promise<PagingResult[]> {
  const results: PagingResult[] = [];
  for (const size of sizes) {
    const prefix = `bench-${randomUUID()}`;
    const dealId = await fillTimeline(url, prefix, size);
    const store = createRedisStore({ url, prefix });
    // The cursor of the 11th-oldest entry: the page before it is the deepest page of history.
    let cursor: string | null = null;
    const oldest = await store.timeline(dealId, { filter: 'all', after: '0-0', limit: 11 });
    cursor = oldest.entries[0]?.id ?? null;
    const first = await timeMany(300, () => store.timeline(dealId, { filter: 'all', limit: 10 }));
    const deep = await timeMany(300, () =>
      store.timeline(dealId, { filter: 'all', limit: 10, before: cursor ?? '0-0' }),
    );
    results.push({ size, firstMs: first.p50, deepMs: deep.p50 });
    await store.close();
  }
  return results;
}
