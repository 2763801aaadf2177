// The storage contract: one suite, run identically against every Store implementation
// (tests/store/memory-store.test.ts, tests/store/redis-store.test.ts). A behaviour one store has and
// the other lacks is a bug in one of them.
import { afterEach, beforeEach, describe } from 'vitest';
import type { Store } from '../../src/core/store-port.js';
import { commitContract } from './contract-commit.js';
import type { ContractContext, ContractOptions } from './contract-helpers.js';
import { sideContract } from './contract-side.js';
import { timelineContract } from './contract-timeline.js';

export type { ContractOptions } from './contract-helpers.js';

export interface ContractStore {
  readonly store: Store;
  /** Closes the store and drops what it stored (never a flush of a shared Redis). */
  cleanup(): Promise<void>;
}

export function storeContract(
  name: string,
  makeStore: () => Promise<ContractStore>,
  opts: ContractOptions,
): void {
  describe(`${name} store contract`, () => {
    let current: ContractStore | null = null;
    beforeEach(async () => {
      current = await makeStore();
    });
    afterEach(async () => {
      await current?.cleanup();
      current = null;
    });
    const ctx: ContractContext = {
      store: () => {
        if (!current) throw new Error('no store: called outside a test');
        return current.store;
      },
      opts,
    };
    commitContract(ctx);
    timelineContract(ctx);
    sideContract(ctx);
  });
}
