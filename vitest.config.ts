import { defineConfig } from 'vitest/config';

// Two workers: most tests run the CLI as a child process, so two files at once keep both
// cores of a CI machine busy.
export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    dir: 'test',
    testTimeout: 60_000,
  },
});
