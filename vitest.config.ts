// Unit, property and CLI tests run in plain Node against real files in temp folders.
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/cli/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one on a 2-core CI machine, where the
    // files then ran one after another with the second core mostly idle (measured on 2 cores:
    // 570 s with one worker, 433 s with two, the same CPU time).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    reporters: ['default', './test/harness/summary-reporter.ts'],
  },
});
