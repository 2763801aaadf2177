// Contract: loading and committing (versions, room bindings, atomicity of refused commits).
import { describe, expect, it } from 'vitest';
import type { ChannelId, DealId, WorkspaceId } from '../../src/core/ids.js';
import { EMPTY_CONFIG, type Handoff, timerId } from '../../src/core/model.js';
import type { Store } from '../../src/core/store-port.js';
import {
  config,
  deal,
  entry,
  handoff,
  inboxItem,
  person,
  room,
  T0,
  workspace,
} from '../support/factories.js';
import { type ContractContext, commitOk, compareIds, createDeal } from './contract-helpers.js';

const FAR_FUTURE = T0 + 1_000_000_000;

/** Everything a refused commit could have touched, to compare before and after. */
async function observe(store: Store, d: ReturnType<typeof deal>) {
  const [snap, page, bobInbox, cyInbox, spare, cfg, recent] = await Promise.all([
    store.loadDeal(d.id, d.home),
    store.timeline(d.id, { filter: 'all', limit: 100 }),
    store.inbox(person('Bob'), 10),
    store.inbox(person('Cy'), 10),
    store.loadRoom(room('C9')),
    store.loadConfig(workspace()),
    store.recentDeals(workspace(), 10),
  ]);
  return { snap, entries: page.entries, bobInbox, cyInbox, spare: spare.deal, cfg, recent };
}

export function commitContract({ store: s }: ContractContext): void {
  describe('commit and load', () => {
    it('creates a deal, then loads it by room and by id, equal to what was committed', async () => {
      const teamsRoom = room('19:abc@thread.tacv2', {
        platform: 'teams',
        workspace: 'tenant-1' as WorkspaceId,
      });
      const d = deal({ rooms: [room('C1'), teamsRoom], name: 'Ünïcode "quoted" 🚀 deal\nline 2' });
      const h = handoff(d.id);
      const ids = await commitOk(s(), {
        deal: { state: d, expectedVersion: 0 },
        handoffs: [h],
        entries: [entry('deal-created'), entry('room-linked', { room: teamsRoom })],
        bindRooms: d.rooms.map((r) => ({ room: r, dealId: d.id })),
      });
      expect(ids).toHaveLength(2);
      for (const id of ids) expect(id).toMatch(/^\d+-\d+$/);
      expect(compareIds(ids[0]!, ids[1]!)).toBeLessThan(0);

      const stored = { ...d, version: 1 };
      const byRoom = await s().loadRoom(room('C1'));
      expect(byRoom.deal).toEqual(stored);
      expect([...byRoom.handoffs]).toEqual([[h.id, h]]);
      expect(byRoom.config).toEqual(EMPTY_CONFIG);
      expect((await s().loadRoom(teamsRoom)).deal).toEqual(stored);
      const byId = await s().loadDeal(d.id, d.home);
      expect(byId.deal).toEqual(stored);
      expect([...byId.handoffs]).toEqual([[h.id, h]]);
    });

    it('loads nothing for an unbound room or an unknown deal', async () => {
      const snap = await s().loadRoom(room('C404'));
      expect(snap.deal).toBeNull();
      expect(snap.handoffs.size).toBe(0);
      expect(snap.config).toEqual(EMPTY_CONFIG);
      expect((await s().loadDeal(deal().id, workspace())).deal).toBeNull();
    });

    it('hands out copies: mutating a loaded or committed object changes nothing stored', async () => {
      const d = deal();
      const members = [...d.members];
      await createDeal(s(), { ...d, members });
      members.push({ person: person('Eve'), roles: ['cs'], addedAt: T0 });
      const loaded = await s().loadRoom(room('C1'));
      (loaded.deal as unknown as { name: string }).name = 'mutated';
      const again = await s().loadRoom(room('C1'));
      expect(again.deal?.name).toBe(d.name);
      expect(again.deal?.members).toEqual(d.members);
    });

    it('bumps the version on each commit and stores the new version inside the deal', async () => {
      const v1 = await createDeal(s(), deal());
      await commitOk(s(), { deal: { state: { ...v1, stage: 'research' }, expectedVersion: 1 } });
      const { deal: v2 } = await s().loadDeal(v1.id, v1.home);
      expect(v2).toEqual({ ...v1, stage: 'research', version: 2 });
    });

    it('refuses a stale version with "version" and writes nothing at all', async () => {
      const d = deal();
      const h1 = handoff(d.id);
      const bobItem = inboxItem(d.id);
      const remind = timerId('remind', d.home, d.id, 'h1');
      await createDeal(s(), d, {
        handoffs: [h1],
        entries: [entry('deal-created')],
        inboxAdd: [{ owner: person('Bob'), item: bobItem }],
        timersAdd: [{ id: remind, dueAt: T0 }],
      });
      const before = await observe(s(), d);

      const stale = await s().commit({
        deal: { state: { ...d, name: 'stale write', updatedAt: T0 + 99 }, expectedVersion: 0 },
        handoffs: [{ ...h1, state: 'accepted' }, handoff(d.id, { id: 'h2' })],
        entries: [entry('stage-moved'), entry('tag'), entry('research')],
        bindRooms: [{ room: room('C9'), dealId: d.id }],
        unbindRooms: [{ room: room('C1'), dealId: d.id }],
        inboxAdd: [{ owner: person('Cy'), item: inboxItem(d.id, { id: 'x' }) }],
        inboxRemove: [{ owner: person('Bob'), itemId: bobItem.id }],
        timersAdd: [{ id: timerId('escalate', d.home, d.id, 'h2'), dueAt: T0 }],
        timersCancel: [remind],
        config: { ws: workspace(), state: config(), expectedVersion: 0 },
      });
      expect(stale).toEqual({ ok: false, conflict: 'version' });

      expect(await observe(s(), d)).toEqual(before);
      expect((await s().loadRoom(room('C1'))).deal?.id).toBe(d.id);
      expect(await s().claimDueTimers(FAR_FUTURE, 1000, 10)).toEqual([remind]);
    });

    it('refuses a stale config version with "config-version", the deal part included', async () => {
      const d = await createDeal(s(), deal());
      await commitOk(s(), { config: { ws: workspace(), state: config(), expectedVersion: 0 } });
      const result = await s().commit({
        deal: { state: { ...d, name: 'renamed' }, expectedVersion: 1 },
        entries: [entry('stage-moved')],
        config: { ws: workspace(), state: config({ nextAm: 5 }), expectedVersion: 0 },
      });
      expect(result).toEqual({ ok: false, conflict: 'config-version' });
      expect((await s().loadDeal(d.id, d.home)).deal).toEqual(d);
      expect((await s().timeline(d.id, { filter: 'all', limit: 10 })).entries).toEqual([]);
      expect((await s().loadConfig(workspace())).nextAm).toBe(0);
    });

    it('lets exactly one of 20 concurrent commits on the same version through', async () => {
      const d = await createDeal(s(), deal(), { entries: [entry('deal-created')] });
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          s().commit({
            deal: { state: { ...d, name: `writer ${i}` }, expectedVersion: 1 },
            entries: [entry('stage-moved', { at: T0 + i })],
          }),
        ),
      );
      const winners = results.flatMap((r, i) => (r.ok ? [i] : []));
      expect(winners).toHaveLength(1);
      expect(results.filter((r) => !r.ok)).toEqual(Array(19).fill({ ok: false, conflict: 'version' }));
      const stored = (await s().loadDeal(d.id, d.home)).deal;
      expect(stored).toEqual({ ...d, name: `writer ${winners[0]}`, version: 2 });
      const page = await s().timeline(d.id, { filter: 'all', limit: 100 });
      expect(page.entries.map((e) => e.kind)).toEqual(['stage-moved', 'deal-created']);
      expect(page.entries[0]?.at).toBe(T0 + winners[0]!);
    });

    it('appends entries to an existing timeline without touching the deal (timelineOf)', async () => {
      const d = await createDeal(s(), deal(), { entries: [entry('deal-created')] });
      const ids = await commitOk(s(), { timelineOf: d.id, entries: [entry('tag'), entry('tag-done')] });
      expect(ids).toHaveLength(2);
      const page = await s().timeline(d.id, { filter: 'all', limit: 10 });
      expect(page.entries.map((e) => e.id)).toEqual([ids[1], ids[0], expect.any(String)]);
      expect((await s().loadDeal(d.id, d.home)).deal?.version).toBe(1);
    });

    it('commits a request once: a repeated idempotency key is "duplicate" and writes nothing', async () => {
      const d = await createDeal(s(), deal());
      const once = { source: 'slack-event', id: 'Ev42', ttlMs: 60_000 };
      const first = await s().commit({ once, timelineOf: d.id, entries: [entry('tag')] });
      expect(first.ok).toBe(true);
      const before = await observe(s(), d);
      expect(await s().commit({ once, timelineOf: d.id, entries: [entry('tag')] })).toEqual({
        ok: false,
        conflict: 'duplicate',
      });
      expect(await observe(s(), d)).toEqual(before);
      // A commit refused for another reason does not burn the key: the retry can still land.
      const retry = { ...once, id: 'Ev43' };
      const stale = await s().commit({ once: retry, deal: { state: d, expectedVersion: 0 } });
      expect(stale).toEqual({ ok: false, conflict: 'version' });
      expect((await s().commit({ once: retry, timelineOf: d.id, entries: [entry('tag')] })).ok).toBe(true);
    });

    it('applies a commit that requires an open inbox item only while it is open ("gone" after)', async () => {
      const d = await createDeal(s(), deal());
      const bob = person('Bob');
      const item = inboxItem(d.id, { id: 'tag:x:1' });
      await commitOk(s(), { inboxAdd: [{ owner: bob, item }] });
      const close = {
        timelineOf: d.id,
        entries: [entry('tag-done')],
        requireInbox: { owner: bob, itemId: item.id },
        inboxRemove: [{ owner: bob, itemId: item.id }],
      };
      expect((await s().commit(close)).ok).toBe(true);
      const before = await observe(s(), d);
      expect(await s().commit(close)).toEqual({ ok: false, conflict: 'gone' });
      expect(await observe(s(), d)).toEqual(before);
      // Another person's inbox never satisfies it.
      expect(await s().commit({ ...close, requireInbox: { owner: person('Cy'), itemId: item.id } })).toEqual({
        ok: false,
        conflict: 'gone',
      });
    });

    it('rejects a commit whose entries have no timeline, before writing anything', async () => {
      await expect(s().commit({ entries: [entry('tag')] })).rejects.toThrow(RangeError);
      await expect(s().commit({ deal: { state: deal(), expectedVersion: -1 } })).rejects.toThrow(RangeError);
    });
  });

  describe('rooms', () => {
    it('binds one deal per room: another deal is refused with "room-taken" and nothing is written', async () => {
      const a = await createDeal(s(), deal());
      const b = deal({ rooms: [room('C2'), room('C1')] });
      const result = await s().commit({
        deal: { state: b, expectedVersion: 0 },
        handoffs: [handoff(b.id)],
        entries: [entry('deal-created')],
        bindRooms: b.rooms.map((r) => ({ room: r, dealId: b.id })),
        inboxAdd: [{ owner: person('Bob'), item: inboxItem(b.id) }],
      });
      expect(result).toEqual({ ok: false, conflict: 'room-taken' });
      expect((await s().loadRoom(room('C1'))).deal?.id).toBe(a.id);
      expect((await s().loadRoom(room('C2'))).deal).toBeNull();
      const bSnap = await s().loadDeal(b.id, b.home);
      expect(bSnap.deal).toBeNull();
      expect(bSnap.handoffs.size).toBe(0);
      expect((await s().timeline(b.id, { filter: 'all', limit: 10 })).entries).toEqual([]);
      expect(await s().inbox(person('Bob'), 10)).toEqual([]);
      expect(await s().recentDeals(workspace(), 10)).toEqual([a.id]);
    });

    it('accepts rebinding a room to the deal it is already bound to', async () => {
      const a = await createDeal(s(), deal());
      await commitOk(s(), {
        deal: { state: a, expectedVersion: 1 },
        bindRooms: [{ room: room('C1'), dealId: a.id }],
      });
      expect((await s().loadRoom(room('C1'))).deal?.version).toBe(2);
    });

    it('unbinds a room only from the deal it is bound to, which frees it', async () => {
      const a = await createDeal(s(), deal({ rooms: [room('C1'), room('C2')] }));
      const b = deal({ rooms: [room('C3')] });
      await commitOk(s(), { unbindRooms: [{ room: room('C1'), dealId: b.id }] });
      expect((await s().loadRoom(room('C1'))).deal?.id).toBe(a.id);

      await commitOk(s(), { unbindRooms: [{ room: room('C1'), dealId: a.id }] });
      expect((await s().loadRoom(room('C1'))).deal).toBeNull();
      expect((await s().loadRoom(room('C2'))).deal?.id).toBe(a.id);

      await createDeal(s(), { ...b, rooms: [room('C1')] });
      expect((await s().loadRoom(room('C1'))).deal?.id).toBe(b.id);
    });

    it('keeps rooms of different workspaces and platforms apart', async () => {
      const slack = await createDeal(s(), deal({ rooms: [room('C1')] }));
      const other = room('C1', { workspace: 'T2' as WorkspaceId });
      const teams = room('C1', { platform: 'teams', workspace: 'T1' as WorkspaceId });
      expect((await s().loadRoom(other)).deal).toBeNull();
      expect((await s().loadRoom(teams)).deal).toBeNull();
      // ':' inside ids must not let two different rooms share a key.
      const tricky = room('1:C1', { workspace: 'T' as WorkspaceId, channel: '1:C1' as ChannelId });
      expect((await s().loadRoom(tricky)).deal).toBeNull();
      expect((await s().loadRoom(room('C1'))).deal?.id).toBe(slack.id);
    });
  });

  describe('key escaping', () => {
    it('round-trips ids holding key separators and hash-tag braces', async () => {
      const odd = deal({
        id: 'D-A:B%{C}' as DealId,
        rooms: [room('19:x}{y%z', { platform: 'teams', workspace: 'ten:ant' as WorkspaceId })],
      });
      await createDeal(s(), odd, { handoffs: [handoff(odd.id)], entries: [entry('deal-created')] });
      const snap = await s().loadRoom(odd.rooms[0]!);
      expect(snap.deal).toEqual({ ...odd, version: 1 });
      expect(snap.handoffs.get('h1')?.dealId).toBe(odd.id);
      expect((await s().timeline(odd.id, { filter: 'all', limit: 5 })).entries).toHaveLength(1);
      expect(await s().recentDeals(odd.home, 5)).toEqual([odd.id]);
    });
  });

  describe('workspace config', () => {
    it('is compare-and-set on its own version and read with the room', async () => {
      expect(await s().loadConfig(workspace())).toEqual(EMPTY_CONFIG);
      const cfg = config();
      await commitOk(s(), { config: { ws: workspace(), state: cfg, expectedVersion: 0 } });
      expect(await s().loadConfig(workspace())).toEqual({ ...cfg, version: 1 });

      const stale = await s().commit({
        config: { ws: workspace(), state: config({ nextAm: 3 }), expectedVersion: 0 },
      });
      expect(stale).toEqual({ ok: false, conflict: 'config-version' });

      await commitOk(s(), { config: { ws: workspace(), state: config({ nextAm: 1 }), expectedVersion: 1 } });
      const v2 = { ...cfg, nextAm: 1, version: 2 };
      expect(await s().loadConfig(workspace())).toEqual(v2);
      expect((await s().loadRoom(room('C7'))).config).toEqual(v2);
      expect((await s().loadDeal(deal().id, workspace())).config).toEqual(v2);
      expect(await s().loadConfig(workspace('T2'))).toEqual(EMPTY_CONFIG);
      expect(await s().loadConfig(workspace('T1', 'teams'))).toEqual(EMPTY_CONFIG);
    });
  });

  describe('handoffs', () => {
    it('stores handoffs by id, replacing an updated one', async () => {
      const d = deal();
      const h1 = handoff(d.id);
      await createDeal(s(), d, { handoffs: [h1, handoff(d.id, { id: 'h2', to: person('Cy') })] });
      const accepted: Handoff = { ...h1, state: 'accepted', decidedAt: T0 + 5, decidedBy: person('Bob') };
      await commitOk(s(), { handoffs: [accepted] });
      const { handoffs } = await s().loadRoom(room('C1'));
      expect(handoffs.get('h1')).toEqual(accepted);
      expect(handoffs.get('h2')?.to).toEqual(person('Cy'));
      expect(handoffs.size).toBe(2);
    });
  });
}
