import { defineConfig } from 'vitest/config';

// Builds in child processes (CLI, release and kill tests) take seconds on a loaded 2-core machine.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
