// Encodes a CommitPlan for lua/commit.lua: KEYS (every key the script touches, declared) and ARGV
// (ARGV[1] = a JSON plan of indexes, then the values it points at). See commit.lua for the format.
import type { CommitPlan, VersionedWrite } from '../commit-plan.js';

/** Values interned in call order, referred to by their 1-based Lua index. */
class IndexedList {
  readonly items: string[] = [];
  private readonly seen = new Map<string, number>();

  constructor(private readonly dedupe: boolean) {}

  ref(value: string): number {
    const known = this.dedupe ? this.seen.get(value) : undefined;
    if (known !== undefined) return known;
    this.items.push(value);
    const index = this.items.length;
    if (this.dedupe) this.seen.set(value, index);
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

  const encoded = {
    ...(plan.once && { o: [k(plan.once.key), a(plan.once.ttlMs)] }),
    ...(plan.guard && {
      g: [
        k(plan.guard.roomKey),
        a(plan.guard.dealId),
        k(plan.guard.stateKey),
        a(plan.guard.dealVersion),
        k(plan.guard.configKey),
        a(plan.guard.configVersion),
      ],
    }),
    ...(plan.deal && { d: versioned(plan.deal) }),
    ...(plan.config && { c: versioned(plan.config) }),
    ...(plan.requireInbox && { r: [k(plan.requireInbox.itemsKey), a(plan.requireInbox.id)] }),
    ...(plan.codeIssue && {
      ci: [k(plan.codeIssue.key), a(plan.codeIssue.dealId), a(plan.codeIssue.ttlMs)],
    }),
    ...(plan.codeUse && { cu: [k(plan.codeUse.key), a(plan.codeUse.dealId)] }),
    b: plan.bindRooms.map((b) => [k(b.key), a(b.dealId)]),
    u: plan.unbindRooms.map((u) => [k(u.key), a(u.dealId)]),
    h: plan.handoffs.map((h) => [k(h.key), a(h.field), a(h.json)]),
    e: plan.entries.map((e) => [k(e.key), e.categoryKey ? k(e.categoryKey) : 0, a(e.json)]),
    ir: plan.inboxRemove.map((r) => [k(r.openKey), k(r.itemsKey), a(r.id)]),
    ia: plan.inboxAdd.map((i) => [k(i.openKey), k(i.itemsKey), a(i.id), a(i.score), a(i.json)]),
    tc: plan.timersCancel.map((t) => [k(t.key), a(t.id)]),
    ta: plan.timersAdd.map((t) => [k(t.key), a(t.id), a(t.score)]),
    ...(plan.wsDeal && { w: [k(plan.wsDeal.key), a(plan.wsDeal.score), a(plan.wsDeal.dealId)] }),
    ...(plan.readInbox && {
      ri: [k(plan.readInbox.openKey), k(plan.readInbox.itemsKey), a(plan.readInbox.limit)],
    }),
  };
  args.items[0] = JSON.stringify(encoded);
  return { keys: keys.items, args: args.items };
}
