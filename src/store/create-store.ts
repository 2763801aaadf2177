// Picks the store: Redis when a URL is configured, else the embedded in-memory twin (the caller logs
// loudly that data is lost on restart; DESIGN.md §5 "Configuration").
import type { Store } from '../core/store-port.js';
import { createMemoryStore } from './memory-store.js';
import { createRedisStore, type StoreLogger } from './redis/redis-store.js';

export interface CreateStoreOptions {
  readonly redisUrl?: string;
  readonly logger: StoreLogger;
}

export function createStore(options: CreateStoreOptions): { readonly store: Store } {
  const store = options.redisUrl
    ? createRedisStore({ url: options.redisUrl, logger: options.logger })
    : createMemoryStore();
  return { store };
}
