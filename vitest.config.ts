import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Helm's include nesting limit (1000) must be reachable before V8's stack limit, as in Go.
    execArgv: ['--stack-size=4000'],
  },
});
