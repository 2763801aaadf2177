// The Redis implementation of the storage port (DESIGN.md §5 "Redis layout"). Reads a command needs
// come in one round trip (lua/load.lua), every write in one atomic round trip (lua/commit.lua).
import { CodedError } from '../../core/errors.js';
import type { DealId, PersonRef, RoomRef, WorkspaceRef } from '../../core/ids.js';
import {
  type Deal,
  EMPTY_CONFIG,
  type Handoff,
  type InboxItem,
  type WorkspaceConfig,
} from '../../core/model.js';
import type {
  Commit,
  CommitResult,
  InboxPage,
  Snapshot,
  Store,
  TimelinePage,
  TimelineQuery,
} from '../../core/store-port.js';
import { planCommit } from '../commit-plan.js';
import { createKeys } from '../keys.js';
import { requireLimit, requireTime } from '../store-args.js';
import { entryFromStored, linkCodeOf, parseStored } from '../stored-json.js';
import { formatStreamId, predecessor, type StreamRecord, successor } from '../stream-id.js';
import { assemblePage, pageRequest } from '../timeline-page.js';
import { commitArgs } from './commit-args.js';
import { connect, type StoreLogger } from './connection.js';
import { asArray, asFieldMap, asOptionalString, asStreamRecords, asString } from './replies.js';

export type { StoreLogger } from './connection.js';

export interface RedisStoreOptions {
  readonly url: string;
  /** Key prefix (default 'dr'); tests use a random one per test instead of ever flushing. */
  readonly prefix?: string;
  readonly connectTimeoutMs?: number;
  readonly commandTimeoutMs?: number;
  readonly connectionName?: string;
  readonly logger?: StoreLogger;
}

const CONFLICTS = ['version', 'room-taken', 'config-version', 'duplicate', 'gone', 'stale'] as const;
type Conflict = (typeof CONFLICTS)[number];
const isConflict = (value: string): value is Conflict => (CONFLICTS as readonly string[]).includes(value);

export function createRedisStore(options: RedisStoreOptions): Store {
  const keys = createKeys(options.prefix);
  const { run, close } = connect({
    url: options.url,
    connectTimeoutMs: options.connectTimeoutMs ?? 2000,
    commandTimeoutMs: options.commandTimeoutMs ?? 1500,
    connectionName: options.connectionName ?? 'dealroom',
    ...(options.logger && { logger: options.logger }),
  });

  const parseConfig = (json: string | null): WorkspaceConfig =>
    json === null ? EMPTY_CONFIG : parseStored<WorkspaceConfig>(json, 'workspace config');

  /** The reply of lua/load.lua: { dealId, stateJson, handoffs, configJson }. */
  function snapshotFrom(reply: unknown): Snapshot {
    const [, state, handoffFields, config] = asArray(reply, 'load');
    const stateJson = asOptionalString(state, 'deal state');
    const handoffs = new Map<string, Handoff>();
    for (const [id, json] of asFieldMap(handoffFields, 'handoffs')) {
      handoffs.set(id, parseStored<Handoff>(json, `handoff ${id}`));
    }
    return {
      deal: stateJson === null ? null : parseStored<Deal>(stateJson, 'deal'),
      handoffs,
      config: parseConfig(asOptionalString(config, 'workspace config')),
    };
  }

  /** An inbox page as inbox.lua and commit.lua (`ri`) return it: { total, item JSON | false ... }. */
  function inboxPageFrom(reply: unknown): InboxPage {
    const [total, ...rows] = asArray(reply, 'inbox');
    const items: InboxItem[] = [];
    for (const json of rows) {
      const text = asOptionalString(json, 'inbox item');
      if (text !== null) items.push(parseStored<InboxItem>(text, 'inbox item'));
    }
    return { items, total: typeof total === 'number' ? total : items.length };
  }

  function commitResultFrom(reply: unknown): CommitResult {
    const [status, ...rest] = asArray(reply, 'commit');
    if (status === 'ok') {
      // Entry ids are strings; a read inbox page, when asked for, is the one table at the end.
      const page = Array.isArray(rest.at(-1)) ? inboxPageFrom(rest.pop()) : undefined;
      const entryIds = rest.map((id) => asString(id, 'entry id'));
      return page ? { ok: true, entryIds, inbox: page } : { ok: true, entryIds };
    }
    const reason = asString(rest[0], 'conflict');
    if (status !== 'conflict' || !isConflict(reason)) {
      throw new CodedError('STORE_CORRUPT', `unexpected commit reply ${JSON.stringify(reply)}`);
    }
    return { ok: false, conflict: reason };
  }

  async function inboxPage(owner: PersonRef, limit: number): Promise<InboxPage> {
    const count = String(requireLimit(limit));
    const reply = await run('inbox', (c) =>
      c.dealroomInbox(2, keys.inboxOpen(owner), keys.inboxItems(owner), count),
    );
    return inboxPageFrom(reply);
  }

  return {
    kind: 'redis',

    async loadRoom(room: RoomRef) {
      const { state, handoffs } = keys.dealTemplates;
      const reply = await run('loadRoom', (c) =>
        c.dealroomLoad(2, keys.wsConfig(room), keys.room(room), state, handoffs),
      );
      return snapshotFrom(reply);
    },

    async loadDeal(dealId: DealId, ws: WorkspaceRef) {
      const reply = await run('loadDeal', (c) =>
        c.dealroomLoad(3, keys.wsConfig(ws), keys.dealState(dealId), keys.dealHandoffs(dealId)),
      );
      return snapshotFrom(reply);
    },

    async loadConfig(ws: WorkspaceRef) {
      const json = await run('loadConfig', (c) => c.hget(keys.wsConfig(ws), 'j'));
      return parseConfig(json);
    },

    async commit(commit: Commit) {
      const { keys: commitKeys, args } = commitArgs(planCommit(commit, keys));
      const reply = await run('commit', (c) => c.dealroomCommit(commitKeys.length, ...commitKeys, ...args));
      return commitResultFrom(reply);
    },

    async timeline(dealId: DealId, query: TimelineQuery): Promise<TimelinePage> {
      const req = pageRequest(query);
      const key = keys.dealTimeline(dealId, query.filter);
      const full = keys.dealTimeline(dealId);
      // Exclusive cursors are sent as inclusive neighbour ids ((B == pred(B)): same result, and no
      // "invalid ID for the interval" error for a cursor at the very start or end of the id space.
      const args =
        req.mode === 'latest'
          ? ['rev', '+', '-', String(req.fetch), '', '', '']
          : req.mode === 'before'
            ? [
                'rev',
                formatStreamId(predecessor(req.cursor)),
                '-',
                String(req.fetch),
                'rev',
                '+',
                formatStreamId(req.cursor),
              ]
            : [
                'fwd',
                formatStreamId(successor(req.cursor)),
                '+',
                String(req.fetch),
                'fwd',
                '-',
                formatStreamId(req.cursor),
              ];
      // The page, its edge fact and the bodies in one script: one round trip, one consistent view.
      const reply = asArray(
        await run('timeline', (c) => c.dealroomTimeline(2, key, full, ...args)),
        'timeline',
      );
      const fetched: StreamRecord[] = asStreamRecords(reply[0], 'timeline');
      const edge = Number(reply[1]) > 0;
      const page = assemblePage(req, fetched, edge);
      return { ...page, entries: page.entries.map((r) => entryFromStored(r.id, r.json)) };
    },

    inbox: async (owner: PersonRef, limit: number) => (await inboxPage(owner, limit)).items,
    inboxPage,

    async recentDeals(ws: WorkspaceRef, limit: number) {
      const stop = requireLimit(limit) - 1;
      const ids = await run('recentDeals', (c) => c.zrevrange(keys.wsDeals(ws), 0, stop));
      return ids as DealId[];
    },

    async claimOnce(source: string, id: string, ttlMs: number) {
      const ttl = requireLimit(ttlMs, 'ttlMs');
      const reply = await run('claimOnce', (c) => c.set(keys.dedupe(source, id), '1', 'PX', ttl, 'NX'));
      return reply === 'OK';
    },

    async claimDueTimers(now: number, leaseMs: number, limit: number) {
      const leaseUntil = requireTime(now, 'now') + requireLimit(leaseMs, 'leaseMs');
      const count = String(requireLimit(limit));
      const reply = await run('claimDueTimers', (c) =>
        c.dealroomClaimTimers(1, keys.timers(), String(now), String(leaseUntil), count),
      );
      return asArray(reply, 'claimed timers').map((id) => asString(id, 'timer id'));
    },

    async cancelTimer(id: string) {
      await run('cancelTimer', (c) => c.zrem(keys.timers(), id));
    },

    async addCardRef(dealId: DealId, cardKey: string, ref: string) {
      await run('addCardRef', (c) => c.sadd(keys.dealCards(dealId, cardKey), ref));
    },

    async cardRefs(dealId: DealId, cardKey: string) {
      const refs = await run('cardRefs', (c) => c.smembers(keys.dealCards(dealId, cardKey)));
      return refs.sort(); // a set has no order; sorted like the in-memory store
    },

    async putRef(ns: string, key: string, value: string, ttlMs?: number) {
      await run('putRef', (c) =>
        ttlMs === undefined
          ? c.set(keys.ref(ns, key), value)
          : c.set(keys.ref(ns, key), value, 'PX', requireLimit(ttlMs, 'ttlMs')),
      );
    },

    async linkCode(hash: string) {
      return linkCodeOf(await run('linkCode', (c) => c.get(keys.linkCode(hash))));
    },

    async getRef(ns: string, key: string) {
      return run('getRef', (c) => c.get(keys.ref(ns, key)));
    },

    async ping() {
      await run('ping', (c) => c.ping());
    },

    close,
  };
}
