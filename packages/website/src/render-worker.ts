/**
 * Worker entry: renders a share of the publication pages during a cold build (both cores).
 * Disclosures arrive in chunks as JSON without source positions and bodies (the tree is what is
 * rendered), which costs far less to copy between threads than structured clones of whole trees.
 */
import { parentPort, workerData } from 'node:worker_threads'
import type { Disclosure, ProjectConfig } from '@gongkai/core'
import type { PageResult } from './render-pages.js'
import { createWriter, renderPages } from './render-pages.js'
import { createSite } from './site.js'
import { loadTemplates } from './templates.js'

/** What the builder hands a worker at start. */
export interface WorkerInput {
  readonly config: ProjectConfig
  readonly themeDir: string | undefined
  readonly latestCount: number
  readonly feedCount: number
  readonly columnCount: number
  readonly outDir: string
  readonly known: readonly string[]
}

/** One chunk of work; `null` ends the stream and asks for the results. */
export type WorkerChunk = { readonly json: string; readonly previous: Readonly<Record<string, string>> } | null

if (parentPort !== null) {
  const port = parentPort
  const input = workerData as WorkerInput
  const site = createSite({ ...input, templates: loadTemplates(input.themeDir) })
  const known = new Set(input.known)
  const write = createWriter(input.outDir)
  const results: PageResult[] = []
  port.on('message', (chunk: WorkerChunk) => {
    if (chunk === null) {
      port.postMessage(results)
      port.close()
      return
    }
    const list = JSON.parse(chunk.json) as Disclosure[]
    results.push(
      ...renderPages(
        site,
        list,
        (id) => known.has(id),
        (p) => chunk.previous[p],
        write,
      ),
    )
  })
}
