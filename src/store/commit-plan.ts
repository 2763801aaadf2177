// A Commit turned into key-level checks and writes, once, for both stores: the Redis store ships the
// plan to redis/lua/commit.lua, the in-memory store runs it directly. Same plan, same semantics.
//
// Order inside one commit (both stores): every check before any write; then state, handoffs,
// timeline, rooms, inbox, timers, workspace index, config, link codes. Within rooms, inbox and timers removals
// run before additions, so "cancel then schedule the same timer id" leaves it scheduled.
// Room checks look at what is stored before the commit (an unbind in the same commit frees nothing).
import { entryCategory } from '../core/model.js';
import type { Commit } from '../core/store-port.js';
import type { Keys } from './keys.js';
import { requireLimit, requireTime, requireVersion, timelineTarget } from './store-args.js';
import { entryJson } from './stored-json.js';

/** Compare-and-set on a `v` field of a hash (absent = "0"); versions travel as decimal strings. */
export interface VersionedWrite {
  readonly key: string;
  readonly expected: string;
  readonly next: string;
  readonly json: string;
}

export interface CommitPlan {
  readonly once?: { readonly key: string; readonly ttlMs: number };
  /** All three must still hold, else 'stale': the room's deal, the deal's and the config's version. */
  readonly guard?: {
    readonly roomKey: string;
    readonly dealId: string;
    readonly stateKey: string;
    readonly dealVersion: string;
    readonly configKey: string;
    readonly configVersion: string;
  };
  readonly deal?: VersionedWrite;
  readonly config?: VersionedWrite;
  readonly requireInbox?: { readonly itemsKey: string; readonly id: string };
  readonly bindRooms: readonly { readonly key: string; readonly dealId: string }[];
  readonly unbindRooms: readonly { readonly key: string; readonly dealId: string }[];
  readonly handoffs: readonly { readonly key: string; readonly field: string; readonly json: string }[];
  /** Appended to `key` with a new id (`*`), then to `categoryKey` (if any) under the same id. */
  readonly entries: readonly { readonly key: string; readonly categoryKey?: string; readonly json: string }[];
  readonly inboxRemove: readonly {
    readonly openKey: string;
    readonly itemsKey: string;
    readonly id: string;
  }[];
  readonly inboxAdd: readonly {
    readonly openKey: string;
    readonly itemsKey: string;
    readonly id: string;
    readonly score: number;
    readonly json: string;
  }[];
  readonly timersCancel: readonly { readonly key: string; readonly id: string }[];
  readonly timersAdd: readonly { readonly key: string; readonly id: string; readonly score: number }[];
  readonly codeIssue?: { readonly key: string; readonly dealId: string; readonly ttlMs: number };
  /** Must hold exactly `dealId` (issued, unused); becomes `used:<dealId>` with its expiry kept. */
  readonly codeUse?: { readonly key: string; readonly dealId: string };
  /** Read after every write: the newest `limit` ids of `openKey` with their items, and the count. */
  readonly readInbox?: { readonly openKey: string; readonly itemsKey: string; readonly limit: number };
  /** The deal's home workspace index, scored by its last activity. */
  readonly wsDeal?: { readonly key: string; readonly dealId: string; readonly score: number };
}

export function planCommit(c: Commit, keys: Keys): CommitPlan {
  const target = timelineTarget(c);
  let deal: VersionedWrite | undefined;
  let wsDeal: CommitPlan['wsDeal'];
  if (c.deal) {
    const expected = requireVersion(c.deal.expectedVersion, 'deal.expectedVersion');
    const { state } = c.deal;
    deal = {
      key: keys.dealState(state.id),
      expected: String(expected),
      next: String(expected + 1),
      json: JSON.stringify({ ...state, version: expected + 1 }),
    };
    wsDeal = {
      key: keys.wsDeals(state.home),
      dealId: state.id,
      score: requireTime(state.updatedAt, 'updatedAt'),
    };
  }
  let config: VersionedWrite | undefined;
  if (c.config) {
    const expected = requireVersion(c.config.expectedVersion, 'config.expectedVersion');
    config = {
      key: keys.wsConfig(c.config.ws),
      expected: String(expected),
      next: String(expected + 1),
      json: JSON.stringify({ ...c.config.state, version: expected + 1 }),
    };
  }
  const timelineKey = target ? keys.dealTimeline(target) : '';
  const once = c.once && {
    key: keys.dedupe(c.once.source, c.once.id),
    ttlMs: requireLimit(c.once.ttlMs, 'once.ttlMs'),
  };
  const guard = c.guard && {
    roomKey: keys.room(c.guard.room),
    dealId: c.guard.dealId,
    stateKey: keys.dealState(c.guard.dealId),
    dealVersion: String(requireVersion(c.guard.dealVersion, 'guard.dealVersion')),
    configKey: keys.wsConfig(c.guard.ws),
    configVersion: String(requireVersion(c.guard.configVersion, 'guard.configVersion')),
  };
  const codeIssue = c.codeIssue && {
    key: keys.linkCode(c.codeIssue.hash),
    dealId: c.codeIssue.dealId,
    ttlMs: requireLimit(c.codeIssue.ttlMs, 'codeIssue.ttlMs'),
  };
  const codeUse = c.codeUse && { key: keys.linkCode(c.codeUse.hash), dealId: c.codeUse.dealId };
  const readInbox = c.readInbox && {
    openKey: keys.inboxOpen(c.readInbox.owner),
    itemsKey: keys.inboxItems(c.readInbox.owner),
    limit: requireLimit(c.readInbox.limit, 'readInbox.limit'),
  };
  const requireInbox = c.requireInbox && {
    itemsKey: keys.inboxItems(c.requireInbox.owner),
    id: c.requireInbox.itemId,
  };
  const plan: { -readonly [K in keyof CommitPlan]: CommitPlan[K] } = {
    bindRooms: (c.bindRooms ?? []).map((b) => ({ key: keys.room(b.room), dealId: b.dealId })),
    unbindRooms: (c.unbindRooms ?? []).map((b) => ({ key: keys.room(b.room), dealId: b.dealId })),
    handoffs: (c.handoffs ?? []).map((h) => ({
      key: keys.dealHandoffs(h.dealId),
      field: h.id,
      json: JSON.stringify(h),
    })),
    entries: (c.entries ?? []).map((e) => {
      const category = entryCategory(e.kind);
      return {
        key: timelineKey,
        ...(target && category && { categoryKey: keys.dealTimeline(target, category) }),
        json: entryJson(e),
      };
    }),
    inboxRemove: (c.inboxRemove ?? []).map((r) => ({
      openKey: keys.inboxOpen(r.owner),
      itemsKey: keys.inboxItems(r.owner),
      id: r.itemId,
    })),
    inboxAdd: (c.inboxAdd ?? []).map((a) => ({
      openKey: keys.inboxOpen(a.owner),
      itemsKey: keys.inboxItems(a.owner),
      id: a.item.id,
      score: requireTime(a.item.at, 'inbox item at'),
      json: JSON.stringify(a.item),
    })),
    timersCancel: (c.timersCancel ?? []).map((id) => ({ key: keys.timers(), id })),
    timersAdd: (c.timersAdd ?? []).map((t) => ({
      key: keys.timers(),
      id: t.id,
      score: requireTime(t.dueAt, 'dueAt'),
    })),
  };
  // Optional parts are set only when present (a commit has few): no throwaway objects to spread.
  if (once) plan.once = once;
  if (guard) plan.guard = guard;
  if (deal) plan.deal = deal;
  if (config) plan.config = config;
  if (wsDeal) plan.wsDeal = wsDeal;
  if (codeIssue) plan.codeIssue = codeIssue;
  if (codeUse) plan.codeUse = codeUse;
  if (readInbox) plan.readInbox = readInbox;
  if (requireInbox) plan.requireInbox = requireInbox;
  return plan;
}
