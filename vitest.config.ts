import { readdirSync, readFileSync } from 'node:fs'
import { defineConfig } from 'vitest/config'

// Each workspace with tests is a project; `extends: true` gives them the timeouts below.
const roots = [...readdirSync('packages').map((d) => `packages/${d}`), 'test/e2e', 'examples/embed', 'bench']
const projects = roots.map((root) => ({
  extends: true as const,
  root,
  test: { name: (JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as { name: string }).name },
}))

export default defineConfig({
  test: {
    projects,
    // Whole builds, PDFs and browsers on a 2-core machine: generous, since speed is measured in the bench.
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
})
