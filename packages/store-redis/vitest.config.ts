import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Tests talk to real redis-server processes and spawn writer processes.
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
  },
});
