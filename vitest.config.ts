import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: ['packages/*', 'test/e2e', 'examples/embed'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
})
