// The ONE place that builds storage keys (DESIGN.md §5 "Redis layout"). Nothing else concatenates keys:
// the Redis store, its Lua scripts (through templates) and the in-memory twin all go through here.
//
// Keys that change together share a hash tag (`{deal:<id>}`, `{ws:…}`, `{inbox:…}`) so they stay in one
// Cluster slot. Every id segment is escaped (`%`, `:`, `{`, `}` → `%XX`): platform ids are not ours
// (Teams ids contain ':'), and an unescaped ':' could make two different rooms share a key, while a '}'
// would end a hash tag early.
import type { DealId, PersonRef, RoomRef, WorkspaceRef } from '../core/ids.js';
import type { EntryCategory, TimelineFilter } from '../core/model.js';

const ESCAPED = /[%:{}]/g;
const NEEDS_ESCAPING = /[%:{}]/;

/** Escapes one id segment. Mirrored by `escape_segment` in redis/lua/load.lua: keep them identical. */
export function escapeSegment(segment: string): string {
  // Most ids (Slack's, deal ids) have nothing to escape: no replace, no new string.
  if (!NEEDS_ESCAPING.test(segment)) return segment;
  return segment.replace(ESCAPED, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/**
 * Stands for a deal id in a key template (see `Keys.dealTemplates`). It contains '%', which
 * `escapeSegment` always escapes, so it can never occur inside a real, escaped deal id.
 */
export const DEAL_ID_SLOT = '%ID%';

export interface Keys {
  readonly prefix: string;
  dealState(id: DealId): string;
  /** The main stream for 'all', else the category stream holding only that filter's entries. */
  dealTimeline(id: DealId, filter?: TimelineFilter): string;
  dealHandoffs(id: DealId): string;
  dealCards(id: DealId, cardKey: string): string;
  /**
   * Deal keys with `DEAL_ID_SLOT` where the (escaped) id goes: for Lua scripts that learn the deal id
   * only while running (loadRoom reads room → deal, then the deal's keys, in one round trip).
   */
  readonly dealTemplates: { readonly state: string; readonly handoffs: string };
  room(room: RoomRef): string;
  wsDeals(ws: WorkspaceRef): string;
  wsConfig(ws: WorkspaceRef): string;
  inboxOpen(owner: PersonRef): string;
  inboxItems(owner: PersonRef): string;
  timers(): string;
  dedupe(source: string, id: string): string;
  /** A one-time link code, by the hash of the code (the code itself is never stored). */
  linkCode(hash: string): string;
  ref(ns: string, key: string): string;
}

export function createKeys(prefix = 'dr'): Keys {
  // The prefix is a namespace chosen by us (or by a test), not data: used verbatim, so it must not
  // hold what would break a hash tag or a Lua key template.
  if (!prefix || /[%{}]/.test(prefix)) throw new RangeError(`invalid key prefix: ${JSON.stringify(prefix)}`);
  const deal = (escapedId: string, suffix: string): string => `${prefix}:{deal:${escapedId}}:${suffix}`;
  const ws = (w: WorkspaceRef, suffix: string): string =>
    `${prefix}:{ws:${escapeSegment(w.platform)}:${escapeSegment(w.workspace)}}:${suffix}`;
  const inbox = (p: PersonRef, suffix: string): string =>
    `${prefix}:{inbox:${escapeSegment(p.platform)}:${escapeSegment(p.workspace)}:${escapeSegment(p.user)}}:${suffix}`;
  const category = (filter: TimelineFilter): EntryCategory | null => (filter === 'all' ? null : filter);

  return {
    prefix,
    dealState: (id) => deal(escapeSegment(id), 'state'),
    dealTimeline: (id, filter = 'all') => {
      const c = category(filter);
      return deal(escapeSegment(id), c ? `timeline:${c}` : 'timeline');
    },
    dealHandoffs: (id) => deal(escapeSegment(id), 'handoffs'),
    dealCards: (id, cardKey) => deal(escapeSegment(id), `cards:${escapeSegment(cardKey)}`),
    dealTemplates: { state: deal(DEAL_ID_SLOT, 'state'), handoffs: deal(DEAL_ID_SLOT, 'handoffs') },
    room: (r) =>
      `${prefix}:room:${escapeSegment(r.platform)}:${escapeSegment(r.workspace)}:${escapeSegment(r.channel)}`,
    wsDeals: (w) => ws(w, 'deals'),
    wsConfig: (w) => ws(w, 'config'),
    inboxOpen: (p) => inbox(p, 'open'),
    inboxItems: (p) => inbox(p, 'items'),
    timers: () => `${prefix}:timers`,
    dedupe: (source, id) => `${prefix}:dedupe:${escapeSegment(source)}:${escapeSegment(id)}`,
    linkCode: (hash) => `${prefix}:code:${escapeSegment(hash)}`,
    ref: (ns, key) => `${prefix}:ref:${escapeSegment(ns)}:${escapeSegment(key)}`,
  };
}
