import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/redis-global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Two cores: the default fork pool is fine, but keep it from oversubscribing the one redis-server.
    maxWorkers: 2,
  },
});
