/** Worker thread entry: reads and parses batches of publication files, or parses bodies, for loadProject. */
import type { Root } from 'mdast'
import { parentPort, workerData } from 'node:worker_threads'
import { packTree } from '../cache/load-cache.js'
import type { Diagnostic } from '../diagnostics.js'
import { parseBody } from '../markdown.js'
import type { BodySource } from '../markdown.js'
import { readAndParse } from './read-file.js'

/** A batch of files sent to a worker: read each, and parse its body unless `parse` is false. */
export interface ParseBatch {
  readonly batch: number
  readonly files: readonly { readonly abs: string; readonly rel: string }[]
  readonly timezone: string
  /** Default true. */
  readonly parse?: boolean
}

/** A batch of bodies to parse (the load cache's misses), each sent back packed for the cache. */
export interface BodyBatch {
  readonly batch: number
  readonly bodies: readonly { readonly body: string; readonly source: BodySource }[]
}

/** A body parsed on a worker: the tree as the load cache stores it (`packTree`), or the tree itself when it cannot be packed. */
export interface PackedBody {
  readonly packed?: Uint8Array
  readonly tree?: Root
  readonly diagnostics: Diagnostic[]
}

// Only when started by loadProject: importing this file elsewhere must not take over a port.
if ((workerData as { gongkaiParseWorker?: boolean } | null)?.gongkaiParseWorker === true) {
  parentPort?.on('message', (msg: ParseBatch | BodyBatch) => {
    if ('bodies' in msg) {
      const results = msg.bodies.map((b): PackedBody => {
        const parsed = parseBody(b.body, b.source)
        const packed = packTree(parsed.tree, b.source, b.body)
        return packed === undefined ? parsed : { packed, diagnostics: parsed.diagnostics }
      })
      parentPort?.postMessage({ batch: msg.batch, results })
      return
    }
    void Promise.all(msg.files.map((f) => readAndParse(f.abs, f.rel, msg.timezone, msg.parse ?? true))).then((results) => {
      parentPort?.postMessage({ batch: msg.batch, results })
    })
  })
}
