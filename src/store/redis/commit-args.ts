// Encodes a CommitPlan for lua/commit.lua: KEYS (every key the script touches, declared) and ARGV
// (ARGV[1] = a JSON plan of indexes, then the values it points at). See commit.lua for the format.
import type { CommitPlan, VersionedWrite } from '../commit-plan.js';

/** Values interned in call order, referred to by their 1-based Lua index. */
class IndexedList {
  readonly items: string[] = [];
  /** Only a deduplicating list needs to look values up. */
  private readonly seen: Map<string, number> | null;

  constructor(dedupe: boolean) {
    this.seen = dedupe ? new Map() : null;
  }

  ref(value: string): number {
    const known = this.seen?.get(value);
    if (known !== undefined) return known;
    this.items.push(value);
    const index = this.items.length;
    this.seen?.set(value, index);
    return index;
  }
}

export interface ScriptCall {
  readonly keys: readonly string[];
  readonly args: readonly string[];
}

export function commitArgs(plan: CommitPlan): ScriptCall {
  const keys = new IndexedList(true);
  // ARGV[1] is the plan itself, filled in last; values start at index 2. Values are not deduplicated:
  // big JSON documents are unique anyway, and plain indexes keep the encoding obvious.
  const args = new IndexedList(false);
  args.ref('');
  const k = (key: string): number => keys.ref(key);
  const a = (value: string | number): number => args.ref(String(value));
  const versioned = (w: VersionedWrite): number[] => [k(w.key), a(w.expected), a(w.next), a(w.json)];

  // Filled field by field in a fixed order, optional ones only when set: no throwaway objects to spread.
  const encoded: Record<string, unknown> = {};
  if (plan.once) encoded.o = [k(plan.once.key), a(plan.once.ttlMs)];
  if (plan.guard) {
    encoded.g = [
      k(plan.guard.roomKey),
      a(plan.guard.dealId),
      k(plan.guard.stateKey),
      a(plan.guard.dealVersion),
      k(plan.guard.configKey),
      a(plan.guard.configVersion),
    ];
  }
  if (plan.deal) encoded.d = versioned(plan.deal);
  if (plan.config) encoded.c = versioned(plan.config);
  if (plan.requireInbox) encoded.r = [k(plan.requireInbox.itemsKey), a(plan.requireInbox.id)];
  if (plan.codeIssue) {
    encoded.ci = [k(plan.codeIssue.key), a(plan.codeIssue.dealId), a(plan.codeIssue.ttlMs)];
  }
  if (plan.codeUse) encoded.cu = [k(plan.codeUse.key), a(plan.codeUse.dealId)];
  encoded.b = plan.bindRooms.map((b) => [k(b.key), a(b.dealId)]);
  encoded.u = plan.unbindRooms.map((u) => [k(u.key), a(u.dealId)]);
  encoded.h = plan.handoffs.map((h) => [k(h.key), a(h.field), a(h.json)]);
  encoded.e = plan.entries.map((e) => [k(e.key), e.categoryKey ? k(e.categoryKey) : 0, a(e.json)]);
  encoded.ir = plan.inboxRemove.map((r) => [k(r.openKey), k(r.itemsKey), a(r.id)]);
  encoded.ia = plan.inboxAdd.map((i) => [k(i.openKey), k(i.itemsKey), a(i.id), a(i.score), a(i.json)]);
  encoded.tc = plan.timersCancel.map((t) => [k(t.key), a(t.id)]);
  encoded.ta = plan.timersAdd.map((t) => [k(t.key), a(t.id), a(t.score)]);
  if (plan.wsDeal) encoded.w = [k(plan.wsDeal.key), a(plan.wsDeal.score), a(plan.wsDeal.dealId)];
  if (plan.readInbox) {
    encoded.ri = [k(plan.readInbox.openKey), k(plan.readInbox.itemsKey), a(plan.readInbox.limit)];
  }
  args.items[0] = JSON.stringify(encoded);
  return { keys: keys.items, args: args.items };
}
