/** Shared types of the benchmark harness (`npm run bench`). */
import type { Catalog, Disclosure, ProjectConfig, Publication } from '@gongkai/core'

/** A deterministic generated corpus (see corpus.ts). */
export interface Corpus {
  readonly config: ProjectConfig
  readonly catalog: Catalog
  readonly publications: readonly Publication[]
  /** Parsed once, in corpus order. */
  readonly disclosures: readonly Disclosure[]
  /** A project folder holding the same corpus on disk (gongkai.config.yaml, catalog.yaml, publications/). */
  readonly projectDir: string
}

/** What every row module receives. */
export interface BenchContext {
  readonly corpus: Corpus
  /** A fresh scratch folder for this module (on the same disk as the project, or tmpfs; see `workDirKind`). */
  readonly workDir: string
  readonly workDirKind: 'disk' | 'tmpfs'
  /** Absolute path of Chromium, or undefined when none is installed (rows that need it print a notice). */
  readonly chromium: string | undefined
  /** `--quick`: smaller sizes for a smoke run; the row says so in `note`. */
  readonly quick: boolean
  /** Prints a progress line on stderr. */
  log(message: string): void
}

/** A figure that users would otherwise get, measured in the same run, and ours divided by it. */
export interface Baseline {
  readonly name: string
  readonly value: number
  /** ours / this baseline; undefined when it could not be measured. */
  readonly ratio?: number
}

/** One line of the results table. */
export interface BenchRow {
  /** The channel or area: `core`, `website`, `wechat`, `noticeboard`, `kiosk`, `scheduler`. */
  readonly group: string
  /** What was measured, e.g. `cold build, 10000 publications`. */
  readonly name: string
  readonly value: number
  /** `s`, `ms`, `MB`, `pages/s`, `bytes/page`, … */
  readonly unit: string
  /** How it was run: `whole process, tmpfs` (the operator's command as a child process) and the like; the table shows `in-process` when absent. */
  readonly kind?: string
  /** The best of several runs, when `value` is their median. */
  readonly best?: number
  /** Every run's figure, in run order (results.json only). */
  readonly samples?: readonly number[]
  /** The same measure for what users would otherwise use, in the same run. */
  readonly baseline?: { readonly name: string; readonly value: number }
  /** Several baselines at once (e.g. Eleventy and Hugo), each with its ratio; shown instead of `baseline` and `ratio`. */
  readonly baselines?: readonly Baseline[]
  /** ours / baseline (or the inverse where higher is better: say which in `target`). */
  readonly ratio?: number
  /** The target in words, e.g. `≤ 0.8× Eleventy`. */
  readonly target?: string
  /** Whether the target is met; undefined when there is no target or it could not be measured. */
  readonly pass?: boolean
  readonly note?: string
}

/** Flags for Debian's Chromium as root on a closed network (without the networking ones it keeps dialling out). */
export const CHROME_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
