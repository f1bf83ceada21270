/** Worker thread entry: reads and parses batches of publication files for loadProject. */
import { parentPort, workerData } from 'node:worker_threads'
import { readAndParse } from './read-file.js'

/** A batch sent to a worker. */
export interface ParseBatch {
  readonly batch: number
  readonly files: readonly { readonly abs: string; readonly rel: string }[]
  readonly timezone: string
}

// Only when started by loadProject: importing this file elsewhere must not take over a port.
if ((workerData as { gongkaiParseWorker?: boolean } | null)?.gongkaiParseWorker === true) {
  parentPort?.on('message', (msg: ParseBatch) => {
    void Promise.all(msg.files.map((f) => readAndParse(f.abs, f.rel, msg.timezone))).then((results) => {
      parentPort?.postMessage({ batch: msg.batch, results })
    })
  })
}
