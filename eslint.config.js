// Lint with type information for the packages' sources, a lighter set for tests and tools, and the
// layer rules (core imports no package of ours, a channel imports no other channel) as
// no-restricted-imports per folder, beside the import-graph test in test/e2e/test/import-graph.test.ts.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

const CHANNELS = ['website', 'wechat', 'noticeboard', 'kiosk']
const OURS = ['core', 'store-sqlite', 'store-postgres', 'fonts', 'import', ...CHANNELS, 'hub', 'check', 'scheduler', 'console']

/** A no-restricted-imports rule that forbids these @gongkai packages (and their subpaths). */
function forbid(names, why) {
  return {
    'no-restricted-imports': ['error', { patterns: names.flatMap((n) => [{ group: [`@gongkai/${n}`, `@gongkai/${n}/*`], message: why }]).concat([{ group: ['gongkai', 'gongkai/*'], message: why }]) }],
  }
}

/** The layer rule of each package: what it may not import. */
const layers = [
  {
    files: ['packages/core/src/**/*.ts'],
    rules: forbid(
      OURS.filter((n) => n !== 'core'),
      'core imports no other package of ours (DESIGN.md: the direction of imports is one way)',
    ),
  },
  {
    files: ['packages/fonts/src/**/*.ts'],
    rules: forbid(
      OURS.filter((n) => n !== 'core' && n !== 'fonts'),
      'fonts imports only core (for its errors)',
    ),
  },
  {
    files: ['packages/import/src/**/*.ts'],
    rules: forbid(
      OURS.filter((n) => n !== 'core' && n !== 'import'),
      'import imports only core (catalogs in: nothing renders or delivers)',
    ),
  },
  {
    files: ['packages/hub/src/**/*.ts'],
    rules: forbid(
      OURS.filter((n) => n !== 'core' && n !== 'hub'),
      'the hub imports only core: the CLI hands it the channels and a store',
    ),
  },
  {
    files: ['packages/check/src/**/*.ts'],
    rules: forbid(
      OURS.filter((n) => n !== 'core' && n !== 'hub' && n !== 'check'),
      'check imports core, the hub (verify) and chart: it reads built pages, never renders them',
    ),
  },
  ...['store-sqlite', 'store-postgres'].map((s) => ({
    files: [`packages/${s}/src/**/*.ts`],
    rules: forbid(
      OURS.filter((n) => n !== 'core' && n !== s),
      'a store imports only core',
    ),
  })),
  ...CHANNELS.map((c) => ({
    files: [`packages/${c}/src/**/*.ts`],
    rules: forbid(
      OURS.filter((n) => n !== 'core' && n !== 'fonts' && n !== c),
      'a channel imports core and fonts, never another channel, a store or the scheduler',
    ),
  })),
  {
    files: ['packages/console/src/**/*.ts'],
    rules: forbid(
      OURS.filter((n) => n !== 'core' && n !== 'hub' && n !== 'website' && n !== 'console'),
      'the console imports core, the hub and the website (its template helpers); the CLI hands it the channels and a store',
    ),
  },
  {
    files: ['packages/scheduler/src/**/*.ts'],
    rules: forbid([...CHANNELS, 'fonts', 'store-sqlite', 'store-postgres', 'import', 'hub'], 'the scheduler imports core; the CLI hands it a store and the channels'),
  },
]

export default tseslint.config(
  { ignores: ['**/dist/**', '**/out/**', '**/.gongkai/**', '**/node_modules/**', '**/fixtures/**', 'examples/county-bureau/**', '**/*.mjs', '**/*.cjs', 'packages/website/src/precompiled.ts'] },
  js.configs.recommended,
  {
    rules: {
      // U+3000 and the like in Chinese strings, templates and patterns are meant; only stray ones in code are errors.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipRegExps: true, skipComments: true }],
    },
  },
  {
    files: ['packages/*/src/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      // Our interfaces (Channel, Ledger, JobStore, Command) return promises; an async body with nothing to await still turns a throw into the rejection callers handle.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['**/*.ts'],
    ignores: ['packages/*/src/**/*.ts'],
    extends: [tseslint.configs.recommended],
  },
  {
    files: ['**/*.ts'],
    rules: {
      // TypeScript itself reports undefined names, with the types' globals; typescript-eslint advises turning this off.
      'no-undef': 'off',
      // `const { source: _source, ...rest } = p` is how we drop a field from a copy; the dropped name is unused on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    // The website's one browser script runs in readers' browsers, old ones too: ES5 syntax, browser globals.
    files: ['packages/website/templates/static/**/*.js'],
    ignores: ['packages/website/templates/static/search.js'],
    languageOptions: {
      ecmaVersion: 5,
      sourceType: 'script',
      globals: { window: 'readonly', document: 'readonly', localStorage: 'readonly', history: 'readonly', fetch: 'readonly', Promise: 'readonly' },
    },
    // ES5 has no `catch {}` without a binding, so an unused caught error is the only way to write it.
    rules: { 'no-unused-vars': ['error', { caughtErrors: 'none' }] },
  },
  {
    // The search page's script: an ES module, so a browser too old for its syntax never runs it (site.js says so).
    files: ['packages/website/templates/static/search.js'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { window: 'readonly', document: 'readonly', history: 'readonly', location: 'readonly', URLSearchParams: 'readonly', fetch: 'readonly' },
    },
  },
  ...layers,
)
