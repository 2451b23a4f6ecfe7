import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // CLI tests spawn the built binary; give them room on a 2-core machine.
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
