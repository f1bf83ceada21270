/** Worker thread entry: reads and parses batches of publication files, or parses bodies, for loadProject. */
import { parentPort, workerData } from 'node:worker_threads'
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

/** A batch of bodies to parse (the load cache's misses). */
export interface BodyBatch {
  readonly batch: number
  readonly bodies: readonly { readonly body: string; readonly source: BodySource }[]
}

// Only when started by loadProject: importing this file elsewhere must not take over a port.
if ((workerData as { gongkaiParseWorker?: boolean } | null)?.gongkaiParseWorker === true) {
  parentPort?.on('message', (msg: ParseBatch | BodyBatch) => {
    if ('bodies' in msg) {
      parentPort?.postMessage({ batch: msg.batch, results: msg.bodies.map((b) => parseBody(b.body, b.source)) })
      return
    }
    void Promise.all(msg.files.map((f) => readAndParse(f.abs, f.rel, msg.timezone, msg.parse ?? true))).then((results) => {
      parentPort?.postMessage({ batch: msg.batch, results })
    })
  })
}
