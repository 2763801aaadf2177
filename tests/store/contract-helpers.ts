// Shared pieces of the store contract (tests/store/contract.ts).
import { expect } from 'vitest';
import type { Deal } from '../../src/core/model.js';
import type { Commit, CommitResult, Store } from '../../src/core/store-port.js';

export interface ContractOptions {
  /** Lets `ms` of store time pass: the memory store advances its injected clock, Redis really waits. */
  elapse(ms: number): Promise<void>;
  /** A claimOnce TTL short enough to wait out. */
  readonly shortTtlMs: number;
}

export interface ContractContext {
  /** The store of the current test (a fresh one per test). */
  store(): Store;
  readonly opts: ContractOptions;
}

/** Commits and insists it went through; returns the entry ids. */
export async function commitOk(store: Store, commit: Commit): Promise<readonly string[]> {
  const result: CommitResult = await store.commit(commit);
  if (!result.ok) expect.fail(`commit refused: ${result.conflict}`);
  return result.entryIds;
}

/** Stores a new deal (expectedVersion 0) bound to its rooms; returns it as stored (version 1). */
export async function createDeal(store: Store, deal: Deal, extra: Omit<Commit, 'deal'> = {}): Promise<Deal> {
  await commitOk(store, {
    deal: { state: deal, expectedVersion: 0 },
    bindRooms: deal.rooms.map((room) => ({ room, dealId: deal.id })),
    ...extra,
  });
  return { ...deal, version: 1 };
}

/** `a-b` stream ids in numeric order. */
export function compareIds(a: string, b: string): number {
  const [am = 0n, as = 0n] = a.split('-').map(BigInt);
  const [bm = 0n, bs = 0n] = b.split('-').map(BigInt);
  return am === bm ? Number(as - bs) : am < bm ? -1 : 1;
}
