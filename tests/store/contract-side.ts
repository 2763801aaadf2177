// Contract: inboxes, idempotency claims, SLA timers, the workspace deal list, card refs, lifecycle.
import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../src/core/errors.js';
import type { WorkspaceId } from '../../src/core/ids.js';
import { deal, entry, inboxItem, person, room, T0, workspace } from '../support/factories.js';
import { type ContractContext, commitOk, createDeal } from './contract-helpers.js';

export function sideContract({ store: s, opts }: ContractContext): void {
  describe('inbox', () => {
    it('lists open items newest first, up to the limit, per person', async () => {
      const d = deal();
      const bob = person('Bob');
      const items = [1, 3, 2].map((n) =>
        inboxItem(d.id, { id: `tag:${d.id}:t${n}`, ref: `t${n}`, at: T0 + n }),
      );
      await commitOk(s(), { inboxAdd: items.map((item) => ({ owner: bob, item })) });
      expect((await s().inbox(bob, 10)).map((i) => i.at)).toEqual([T0 + 3, T0 + 2, T0 + 1]);
      expect(await s().inbox(bob, 2)).toEqual([items[1], items[2]]);
      expect(await s().inboxPage(bob, 2)).toEqual({ items: [items[1], items[2]], total: 3 });
      expect(await s().inboxPage(person('Cy'), 5)).toEqual({ items: [], total: 0 });
      expect(await s().inbox(person('Cy'), 10)).toEqual([]);
      // Same user id in another workspace is another person.
      expect(await s().inbox(person('Bob', { workspace: 'T2' as WorkspaceId }), 10)).toEqual([]);

      await commitOk(s(), { inboxRemove: [{ owner: bob, itemId: items[1]!.id }] });
      expect(await s().inbox(bob, 10)).toEqual([items[2], items[0]]);
    });

    it('reads the inbox after the writes of the same commit, and not on a refused one', async () => {
      const d = deal();
      const bob = person('Bob');
      const items = [1, 2, 3].map((n) =>
        inboxItem(d.id, { id: `tag:${d.id}:t${n}`, ref: `t${n}`, at: T0 + n }),
      );
      await commitOk(s(), { inboxAdd: items.map((item) => ({ owner: bob, item })) });
      const done = {
        requireInbox: { owner: bob, itemId: items[2]!.id },
        inboxRemove: [{ owner: bob, itemId: items[2]!.id }],
        readInbox: { owner: bob, limit: 1 },
      };
      const result = await s().commit(done);
      expect(result).toEqual({ ok: true, entryIds: [], inbox: { items: [items[1]], total: 2 } });
      // The item is gone now: refused, nothing read, nothing written.
      expect(await s().commit(done)).toEqual({ ok: false, conflict: 'gone' });
      expect(await s().inboxPage(bob, 5)).toEqual({ items: [items[1], items[0]], total: 2 });
      // Entry ids and the page side by side.
      const withEntry = await s().commit({
        timelineOf: d.id,
        entries: [entry('tag-done', { tagId: 't1' })],
        readInbox: { owner: person('Cy'), limit: 3 },
      });
      expect(withEntry.ok && withEntry.entryIds.length).toBe(1);
      expect(withEntry.ok && withEntry.inbox).toEqual({ items: [], total: 0 });
    });

    it('applies a removal before an addition of the same item in one commit', async () => {
      const d = deal();
      const bob = person('Bob');
      const item = inboxItem(d.id);
      await commitOk(s(), { inboxAdd: [{ owner: bob, item }] });
      const updated = { ...item, text: 'updated', at: T0 + 10 };
      await commitOk(s(), {
        inboxRemove: [{ owner: bob, itemId: item.id }],
        inboxAdd: [{ owner: bob, item: updated }],
      });
      expect(await s().inbox(bob, 10)).toEqual([updated]);
    });
  });

  describe('claimOnce', () => {
    it('is true once per source:id until the TTL runs out', async () => {
      const ttl = opts.shortTtlMs;
      expect(await s().claimOnce('slack-event', 'Ev1', ttl)).toBe(true);
      expect(await s().claimOnce('slack-event', 'Ev1', ttl)).toBe(false);
      expect(await s().claimOnce('slack-event', 'Ev2', ttl)).toBe(true);
      expect(await s().claimOnce('teams-invoke', 'Ev1', ttl)).toBe(true);
      await opts.elapse(ttl + 100);
      expect(await s().claimOnce('slack-event', 'Ev1', ttl)).toBe(true);
      expect(await s().claimOnce('slack-event', 'Ev1', ttl)).toBe(false);
    });
  });

  describe('timers', () => {
    const LEASE = 60_000;

    it('claims due timers once per lease, again after it, never after cancel', async () => {
      await commitOk(s(), {
        timersAdd: [
          { id: 'remind|D-1|h1', dueAt: T0 },
          { id: 'escalate|D-1|h1', dueAt: T0 + 10 },
          { id: 'remind|D-2|h1', dueAt: T0 + 100_000 },
        ],
      });
      expect(await s().claimDueTimers(T0 - 1, LEASE, 10)).toEqual([]);
      expect(await s().claimDueTimers(T0 + 10, LEASE, 10)).toEqual(['remind|D-1|h1', 'escalate|D-1|h1']);
      expect(await s().claimDueTimers(T0 + 10, LEASE, 10)).toEqual([]);
      expect(await s().claimDueTimers(T0 + 10 + LEASE - 1, LEASE, 10)).toEqual([]);
      // The lease ran out (the claimer crashed): due again, the earliest lease first.
      const again = await s().claimDueTimers(T0 + 10 + LEASE, LEASE, 10);
      expect(again).toEqual(['escalate|D-1|h1', 'remind|D-1|h1']);

      await s().cancelTimer('remind|D-1|h1');
      await commitOk(s(), { timersCancel: ['escalate|D-1|h1'] });
      expect(await s().claimDueTimers(T0 + 1_000_000, LEASE, 10)).toEqual(['remind|D-2|h1']);
    });

    it('respects the limit and reschedules a timer added twice (one timer per id)', async () => {
      await commitOk(s(), {
        timersAdd: [
          { id: 'a', dueAt: T0 },
          { id: 'b', dueAt: T0 + 1 },
        ],
      });
      await commitOk(s(), { timersAdd: [{ id: 'a', dueAt: T0 + 500 }] });
      expect(await s().claimDueTimers(T0 + 10, LEASE, 10)).toEqual(['b']);
      expect(await s().claimDueTimers(T0 + 500, LEASE, 1)).toEqual(['a']);
    });

    it('never hands the same due timer to two concurrent claimers', async () => {
      const ids = Array.from({ length: 30 }, (_, i) => `remind|D-${i}|h1`);
      await commitOk(s(), { timersAdd: ids.map((id) => ({ id, dueAt: T0 })) });
      const claims = await Promise.all(Array.from({ length: 6 }, () => s().claimDueTimers(T0, LEASE, 8)));
      const all = claims.flat();
      expect(new Set(all).size).toBe(all.length);
      expect([...all].sort()).toEqual([...ids].sort());
    });
  });

  describe('recent deals', () => {
    it("lists a workspace's deals by last activity, newest first", async () => {
      const [a, b, c] = [1, 3, 2].map((n) => deal({ rooms: [room(`C${n}`)], updatedAt: T0 + n }));
      for (const d of [a!, b!, c!]) await createDeal(s(), d);
      expect(await s().recentDeals(workspace(), 10)).toEqual([b!.id, c!.id, a!.id]);
      await commitOk(s(), { deal: { state: { ...a!, version: 1, updatedAt: T0 + 9 }, expectedVersion: 1 } });
      expect(await s().recentDeals(workspace(), 2)).toEqual([a!.id, b!.id]);
      expect(await s().recentDeals(workspace('T2'), 10)).toEqual([]);
      expect(await s().recentDeals(workspace('T1', 'teams'), 10)).toEqual([]);
    });
  });

  describe('card refs', () => {
    it('keeps a set of refs per deal and card key', async () => {
      const d = deal();
      await s().addCardRef(d.id, 'handoff:h1', 'C1/1700.2');
      await s().addCardRef(d.id, 'handoff:h1', 'C1/1700.1');
      await s().addCardRef(d.id, 'handoff:h1', 'C1/1700.2');
      expect(await s().cardRefs(d.id, 'handoff:h1')).toEqual(['C1/1700.1', 'C1/1700.2']);
      expect(await s().cardRefs(d.id, 'handoff:h2')).toEqual([]);
      expect(await s().cardRefs(deal().id, 'handoff:h1')).toEqual([]);
    });
  });

  describe('adapter refs', () => {
    it('stores, overwrites and namespaces small records, and expires them with a TTL', async () => {
      expect(await s().getRef('teams-conv', 'a:b')).toBeNull();
      await s().putRef('teams-conv', 'a:b', '{"v":1}');
      await s().putRef('teams-conv', 'a:b', '{"v":2}');
      await s().putRef('slack-dm', 'a:b', 'D1');
      expect(await s().getRef('teams-conv', 'a:b')).toBe('{"v":2}');
      expect(await s().getRef('slack-dm', 'a:b')).toBe('D1');
      await s().putRef('short', 'k', 'v', opts.shortTtlMs);
      expect(await s().getRef('short', 'k')).toBe('v');
      await opts.elapse(opts.shortTtlMs + 100);
      expect(await s().getRef('short', 'k')).toBeNull();
    });
  });

  describe('link codes', () => {
    it('issues a code, uses it once in a commit, and refuses a second use or another deal', async () => {
      const d = deal();
      const other = deal();
      expect(await s().linkCode('h1')).toBeNull();
      await commitOk(s(), { codeIssue: { hash: 'h1', dealId: d.id, ttlMs: 60_000 } });
      expect(await s().linkCode('h1')).toEqual({ dealId: d.id, used: false });

      // Naming another deal is refused and leaves the code usable; so does any other refused check.
      expect(await s().commit({ codeUse: { hash: 'h1', dealId: other.id } })).toEqual({
        ok: false,
        conflict: 'gone',
      });
      const r = room('C-code');
      await createDeal(s(), other, {});
      await commitOk(s(), { bindRooms: [{ room: r, dealId: other.id }] });
      expect(
        await s().commit({ codeUse: { hash: 'h1', dealId: d.id }, bindRooms: [{ room: r, dealId: d.id }] }),
      ).toEqual({ ok: false, conflict: 'room-taken' });
      expect(await s().linkCode('h1')).toEqual({ dealId: d.id, used: false });

      await commitOk(s(), { codeUse: { hash: 'h1', dealId: d.id } });
      expect(await s().linkCode('h1')).toEqual({ dealId: d.id, used: true });
      expect(await s().commit({ codeUse: { hash: 'h1', dealId: d.id } })).toEqual({
        ok: false,
        conflict: 'gone',
      });
      expect(await s().commit({ codeUse: { hash: 'unknown', dealId: d.id } })).toEqual({
        ok: false,
        conflict: 'gone',
      });
    });

    it('expires a code, used or not, at its TTL', async () => {
      const d = deal();
      await commitOk(s(), {
        codeIssue: { hash: 'h-unused', dealId: d.id, ttlMs: opts.shortTtlMs },
      });
      await commitOk(s(), { codeIssue: { hash: 'h-used', dealId: d.id, ttlMs: opts.shortTtlMs } });
      await commitOk(s(), { codeUse: { hash: 'h-used', dealId: d.id } });
      await opts.elapse(opts.shortTtlMs + 100);
      expect(await s().linkCode('h-unused')).toBeNull();
      expect(await s().linkCode('h-used')).toBeNull();
      expect(await s().commit({ codeUse: { hash: 'h-unused', dealId: d.id } })).toEqual({
        ok: false,
        conflict: 'gone',
      });
    });
  });

  describe('lifecycle', () => {
    it('answers ping while open and fails as unavailable once closed', async () => {
      await expect(s().ping()).resolves.toBeUndefined();
      await s().close();
      await expect(s().ping()).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(s().loadRoom(room())).rejects.toBeInstanceOf(StoreUnavailableError);
    });
  });
}
