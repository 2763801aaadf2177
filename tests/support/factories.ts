// Small fixture factories for tests: valid defaults, overridable per test. Shared by the store
// contract and anyone else who needs a deal, a person or a timeline entry.
import { randomBytes } from 'node:crypto';
import type {
  ChannelId,
  DealId,
  PersonRef,
  Platform,
  RoomRef,
  UserId,
  WorkspaceId,
  WorkspaceRef,
} from '../../src/core/ids.js';
import { newDealId } from '../../src/core/ids.js';
import type {
  Deal,
  EntryKind,
  Handoff,
  InboxItem,
  TimelineEntry,
  WorkspaceConfig,
} from '../../src/core/model.js';

/** A fixed, readable instant (Mon 5 Jan 2026, 09:00 UTC) for `at`/`createdAt` defaults. */
export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

export const workspace = (id = 'T1', platform: Platform = 'slack'): WorkspaceRef => ({
  platform,
  workspace: id as WorkspaceId,
});

/** `person('Ann')` is Slack user `UANN` in workspace T1. */
export function person(name: string, overrides: Partial<PersonRef> = {}): PersonRef {
  return {
    platform: 'slack',
    workspace: 'T1' as WorkspaceId,
    user: `U${name.toUpperCase()}` as UserId,
    name,
    ...overrides,
  };
}

export function room(channel = 'C1', overrides: Partial<RoomRef> = {}): RoomRef {
  return { platform: 'slack', workspace: 'T1' as WorkspaceId, channel: channel as ChannelId, ...overrides };
}

/** A fresh, valid deal id (`D-XXXXXX`). */
export const dealId = (): DealId => newDealId((n) => randomBytes(n));

/** A new deal (version 0, not stored yet) bound to `rooms` (default: room C1). */
export function deal(overrides: Partial<Deal> = {}): Deal {
  const rooms = overrides.rooms ?? [room()];
  const first = rooms[0] ?? room();
  const owner = overrides.owner ?? person('Ann');
  return {
    id: dealId(),
    name: 'Acme renewal',
    model: 'inbound',
    stage: 'qualify',
    home: { platform: first.platform, workspace: first.workspace },
    rooms,
    owner,
    members: [{ person: owner, roles: ['am'], addedAt: T0 }],
    stakeholders: [],
    researchCount: 0,
    createdAt: T0,
    updatedAt: T0,
    version: 0,
    ...overrides,
  };
}

type EntryOf<K extends EntryKind> = Extract<TimelineEntry, { kind: K }>;
type EntryBody<K extends EntryKind> = Omit<EntryOf<K>, 'kind' | 'id' | 'at' | 'actor' | 'via'>;

const BODIES: { readonly [K in EntryKind]: () => EntryBody<K> } = {
  'deal-created': () => ({ name: 'Acme renewal', model: 'inbound', stage: 'qualify' }),
  'room-linked': () => ({ room: room('C2', { platform: 'teams', workspace: 'tenant-1' as WorkspaceId }) }),
  'room-shared': () => ({ expiresAt: T0 + 15 * 60_000 }),
  'room-unlinked': () => ({ room: room('C2', { platform: 'teams', workspace: 'tenant-1' as WorkspaceId }) }),
  'stage-moved': () => ({ from: 'qualify', to: 'research' }),
  'deal-closed': () => ({ result: 'won', from: 'close' }),
  tag: () => ({ tagId: 't1', text: 'please review the pricing', mentions: [person('Bob')], roles: [] }),
  'tag-done': () => ({ tagId: 't1' }),
  research: () => ({ category: 'industry', text: 'Retail margins are thin this year' }),
  'member-added': () => ({ person: person('Cy'), role: 'se' }),
  'stakeholder-added': () => ({ stakeholder: { name: 'Dana', role: 'sponsor', addedAt: T0 } }),
  'handoff-requested': () => ({ handoffId: 'h1', to: person('Bob'), note: 'qualified', viaPool: false }),
  'handoff-accepted': () => ({ handoffId: 'h1', to: person('Bob') }),
  'handoff-declined': () => ({ handoffId: 'h1', reason: 'no capacity' }),
  'handoff-reassigned': () => ({ handoffId: 'h1', to: person('Cy'), next: 'h2' }),
  'handoff-reminded': () => ({ handoffId: 'h1', to: person('Bob') }),
  'handoff-escalated': () => ({ handoffId: 'h1', managers: [person('Max')] }),
};

/** A timeline entry of `kind` with plausible content; `overrides` win. */
export function entry<K extends EntryKind>(kind: K, overrides: Partial<EntryOf<K>> = {}): EntryOf<K> {
  // The spread of a generic body is not provably EntryOf<K> to TypeScript; BODIES is typed per kind.
  return { at: T0, actor: person('Ann'), via: 'slack', kind, ...BODIES[kind](), ...overrides } as EntryOf<K>;
}

export function handoff(dealOf: DealId, overrides: Partial<Handoff> = {}): Handoff {
  return {
    id: 'h1',
    dealId: dealOf,
    from: person('Sam'),
    to: person('Bob'),
    note: 'qualified: budget confirmed',
    viaPool: false,
    state: 'pending',
    createdAt: T0,
    dueAt: T0 + 4 * 3_600_000,
    ...overrides,
  };
}

export function inboxItem(dealOf: DealId, overrides: Partial<InboxItem> = {}): InboxItem {
  return {
    id: `tag:${dealOf}:t1`,
    kind: 'tag',
    dealId: dealOf,
    dealName: 'Acme renewal',
    from: person('Ann'),
    text: 'please review the pricing',
    at: T0,
    ref: 't1',
    ...overrides,
  };
}

export function config(overrides: Partial<WorkspaceConfig> = {}): WorkspaceConfig {
  return { amPool: [person('Bob')], managers: [person('Max')], nextAm: 0, version: 0, ...overrides };
}
