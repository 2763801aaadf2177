// The in-memory twin of the Redis store: the embedded default when no REDIS_URL is set, and the fast
// store for tests. Same keys, same commit plan, same paging code as the Redis store, and it passes
// the same contract (tests/store/contract.ts).
//
// Atomicity: every method does all its work synchronously (no await inside), and JS runs one
// callback at a time, so a commit's checks and writes can never interleave with another call.
import { StoreUnavailableError } from '../core/errors.js';
import type { DealId, PersonRef, RoomRef, WorkspaceRef } from '../core/ids.js';
import {
  type Deal,
  EMPTY_CONFIG,
  type Handoff,
  type InboxItem,
  type WorkspaceConfig,
} from '../core/model.js';
import type {
  Commit,
  CommitResult,
  InboxPage,
  Snapshot,
  Store,
  TimelinePage,
  TimelineQuery,
} from '../core/store-port.js';
import { type CommitPlan, planCommit } from './commit-plan.js';
import { createKeys } from './keys.js';
import { MemoryData } from './memory/memory-data.js';
import { requireLimit, requireTime } from './store-args.js';
import { entryFromStored, linkCodeOf, parseStored } from './stored-json.js';
import { nextStreamId } from './stream-id.js';
import { assemblePage, pageRequest } from './timeline-page.js';

export interface MemoryStoreOptions {
  /** The clock for stream ids and claimOnce expiry; tests inject a fake one. */
  readonly now?: () => number;
}

export function createMemoryStore(options: MemoryStoreOptions = {}): Store {
  const now = options.now ?? Date.now;
  const keys = createKeys();
  const data = new MemoryData(now);
  let closed = false;

  // Like the Redis store after close(): every call fails as "unavailable", never silently works.
  const open = (): void => {
    if (closed) throw new StoreUnavailableError('memory store is closed');
  };

  const config = (ws: WorkspaceRef): WorkspaceConfig => {
    const json = data.hget(keys.wsConfig(ws), 'j');
    return json === null ? EMPTY_CONFIG : parseStored<WorkspaceConfig>(json, 'workspace config');
  };

  const snapshot = (dealId: DealId | null, ws: WorkspaceRef): Snapshot => {
    const json = dealId === null ? null : data.hget(keys.dealState(dealId), 'j');
    const handoffs = new Map<string, Handoff>();
    if (dealId !== null) {
      for (const [id, h] of data.hgetall(keys.dealHandoffs(dealId))) {
        handoffs.set(id, parseStored<Handoff>(h, `handoff ${id}`));
      }
    }
    return { deal: json === null ? null : parseStored<Deal>(json, 'deal'), handoffs, config: config(ws) };
  };

  const conflictOf = (plan: CommitPlan): Exclude<CommitResult, { ok: true }> | null => {
    if (plan.once && data.get(plan.once.key) !== null) return { ok: false, conflict: 'duplicate' };
    const g = plan.guard;
    if (
      g &&
      (data.get(g.roomKey) !== g.dealId ||
        (data.hget(g.stateKey, 'v') ?? '0') !== g.dealVersion ||
        (data.hget(g.configKey, 'v') ?? '0') !== g.configVersion)
    ) {
      return { ok: false, conflict: 'stale' };
    }
    if (plan.deal && (data.hget(plan.deal.key, 'v') ?? '0') !== plan.deal.expected) {
      return { ok: false, conflict: 'version' };
    }
    if (plan.config && (data.hget(plan.config.key, 'v') ?? '0') !== plan.config.expected) {
      return { ok: false, conflict: 'config-version' };
    }
    if (plan.requireInbox && data.hget(plan.requireInbox.itemsKey, plan.requireInbox.id) === null) {
      return { ok: false, conflict: 'gone' };
    }
    if (plan.codeUse && data.get(plan.codeUse.key) !== plan.codeUse.dealId) {
      return { ok: false, conflict: 'gone' };
    }
    for (const b of plan.bindRooms) {
      const bound = data.get(b.key);
      if (bound !== null && bound !== b.dealId) return { ok: false, conflict: 'room-taken' };
    }
    return null;
  };

  // Mirrors the write half of redis/lua/commit.lua, step for step.
  const apply = (plan: CommitPlan): string[] => {
    if (plan.once) data.set(plan.once.key, '1', { pxMs: plan.once.ttlMs });
    if (plan.deal) {
      data.hset(plan.deal.key, 'v', plan.deal.next);
      data.hset(plan.deal.key, 'j', plan.deal.json);
    }
    for (const h of plan.handoffs) data.hset(h.key, h.field, h.json);
    const entryIds: string[] = [];
    for (const e of plan.entries) {
      const main = data.stream(e.key);
      const id = nextStreamId(main.lastId, now());
      entryIds.push(main.append(id, e.json));
      if (e.categoryKey) data.stream(e.categoryKey).append(id, e.json);
    }
    for (const u of plan.unbindRooms) if (data.get(u.key) === u.dealId) data.del(u.key);
    for (const b of plan.bindRooms) data.set(b.key, b.dealId);
    for (const r of plan.inboxRemove) {
      data.zrem(r.openKey, r.id);
      data.hdel(r.itemsKey, r.id);
    }
    for (const a of plan.inboxAdd) {
      data.zadd(a.openKey, a.id, a.score);
      data.hset(a.itemsKey, a.id, a.json);
    }
    for (const t of plan.timersCancel) data.zrem(t.key, t.id);
    for (const t of plan.timersAdd) data.zadd(t.key, t.id, t.score);
    if (plan.wsDeal) data.zadd(plan.wsDeal.key, plan.wsDeal.dealId, plan.wsDeal.score);
    if (plan.config) {
      data.hset(plan.config.key, 'v', plan.config.next);
      data.hset(plan.config.key, 'j', plan.config.json);
    }
    if (plan.codeIssue) data.set(plan.codeIssue.key, plan.codeIssue.dealId, { pxMs: plan.codeIssue.ttlMs });
    if (plan.codeUse) data.set(plan.codeUse.key, `used:${plan.codeUse.dealId}`, { keepTtl: true });
    return entryIds;
  };

  const pageOf = (openKey: string, itemsKey: string, limit: number): InboxPage => {
    const items: InboxItem[] = [];
    for (const id of data.zrevrange(openKey, limit)) {
      const json = data.hget(itemsKey, id);
      if (json !== null) items.push(parseStored<InboxItem>(json, `inbox item ${id}`));
    }
    return { items, total: data.zcard(openKey) };
  };

  const inboxPage = (owner: PersonRef, limit: number): InboxPage => {
    open();
    return pageOf(keys.inboxOpen(owner), keys.inboxItems(owner), requireLimit(limit));
  };

  return {
    kind: 'memory',

    async loadRoom(room: RoomRef) {
      open();
      return snapshot(data.get(keys.room(room)) as DealId | null, room);
    },

    async loadDeal(dealId: DealId, ws: WorkspaceRef) {
      open();
      return snapshot(dealId, ws);
    },

    async loadConfig(ws: WorkspaceRef) {
      open();
      return config(ws);
    },

    async commit(commit: Commit): Promise<CommitResult> {
      open();
      const plan = planCommit(commit, keys);
      const conflict = conflictOf(plan);
      if (conflict) return conflict;
      const entryIds = apply(plan);
      const read = plan.readInbox;
      return read
        ? { ok: true, entryIds, inbox: pageOf(read.openKey, read.itemsKey, read.limit) }
        : { ok: true, entryIds };
    },

    async timeline(dealId: DealId, query: TimelineQuery): Promise<TimelinePage> {
      open();
      const req = pageRequest(query);
      const stream = data.existingStream(keys.dealTimeline(dealId, query.filter));
      let fetched: { id: string; json: string }[] = [];
      let edge = false;
      if (stream && req.mode === 'after') {
        fetched = stream.after(req.cursor, req.fetch);
        edge = stream.hasAtOrBefore(req.cursor);
      } else if (stream) {
        fetched = stream.revBefore(req.mode === 'before' ? req.cursor : undefined, req.fetch);
        edge = req.mode === 'before' && stream.hasAtOrAfter(req.cursor);
      }
      const page = assemblePage(req, fetched, edge);
      return { ...page, entries: page.entries.map((r) => entryFromStored(r.id, r.json)) };
    },

    async linkCode(hash: string) {
      open();
      return linkCodeOf(data.get(keys.linkCode(hash)));
    },

    inbox: async (owner: PersonRef, limit: number) => inboxPage(owner, limit).items,
    inboxPage: async (owner: PersonRef, limit: number) => inboxPage(owner, limit),

    async recentDeals(ws: WorkspaceRef, limit: number) {
      open();
      return data.zrevrange(keys.wsDeals(ws), requireLimit(limit)) as DealId[];
    },

    async claimOnce(source: string, id: string, ttlMs: number) {
      open();
      return data.set(keys.dedupe(source, id), '1', { nx: true, pxMs: requireLimit(ttlMs, 'ttlMs') });
    },

    async claimDueTimers(at: number, leaseMs: number, limit: number) {
      open();
      const key = keys.timers();
      const leaseUntil = requireTime(at, 'now') + requireLimit(leaseMs, 'leaseMs');
      const due = data.zrangeByScore(key, at, requireLimit(limit));
      // Re-scoring to the lease end is what hides a claimed timer from other replicas until then.
      for (const id of due) data.zadd(key, id, leaseUntil);
      return due;
    },

    async cancelTimer(id: string) {
      open();
      data.zrem(keys.timers(), id);
    },

    async addCardRef(dealId: DealId, cardKey: string, ref: string) {
      open();
      data.sadd(keys.dealCards(dealId, cardKey), ref);
    },

    async cardRefs(dealId: DealId, cardKey: string) {
      open();
      // Sorted, as the Redis store does: a set has no order worth exposing.
      return data.smembers(keys.dealCards(dealId, cardKey)).sort();
    },

    async putRef(ns: string, key: string, value: string, ttlMs?: number) {
      open();
      data.set(keys.ref(ns, key), value, ttlMs === undefined ? {} : { pxMs: requireLimit(ttlMs, 'ttlMs') });
    },

    async getRef(ns: string, key: string) {
      open();
      return data.get(keys.ref(ns, key));
    },

    async ping() {
      open();
    },

    async close() {
      closed = true;
    },
  };
}
