import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // CLI tests spawn the built binary; give them room on a 2-core machine.
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Ink renders only the final frame when it believes it runs in CI (is-in-ci reads CI at
    // import); the UI tests read every frame, and CI runs with CI=true.
    env: { CI: 'false' },
  },
});
