/**
 * Operations the console runs in the server on an operator's confirm (a push, a schedule run
 * now), one at a time: each keeps its progress lines and its outcome, so the page can show them
 * live (server-sent events) or, without script, when it is reloaded.
 */
import { randomBytes } from 'node:crypto'

/** One line of progress. */
export interface RunLine {
  readonly at: string
  readonly level: 'info' | 'warn' | 'error'
  readonly text: string
}

/** A run and where it stands. */
export interface Run {
  readonly id: string
  readonly kind: 'push' | 'schedule'
  /** What it is, as operators read it: `推送：微信公众号、政府网站`. */
  readonly title: string
  readonly by: string
  readonly started: string
  readonly lines: RunLine[]
  state: 'running' | 'done' | 'failed'
  finished?: string
  /** What the result page shows once the run is over. */
  outcome?: unknown
}

type Listener = (event: { type: 'line'; line: RunLine } | { type: 'end'; state: Run['state'] }) => void

/** The console's runs: the one running, and the last ones for their result pages. */
export class Runs {
  readonly #runs = new Map<string, Run>()
  readonly #listeners = new Map<string, Set<Listener>>()
  readonly #now: () => Date
  #running: Run | undefined
  #tail: Promise<void> = Promise.resolve()
  readonly #stop = new AbortController()

  constructor(now: () => Date) {
    this.#now = now
  }

  /** The run in flight, if any. */
  get running(): Run | undefined {
    return this.#running
  }

  get(id: string): Run | undefined {
    return this.#runs.get(id)
  }

  /**
   * Starts `work` unless a run is in flight (then returns undefined: the caller refuses). `work`
   * reports lines through `say` and returns the outcome; a throw ends the run as failed, its
   * message the last line.
   */
  start(
    kind: Run['kind'],
    title: string,
    by: string,
    work: (say: (level: RunLine['level'], text: string) => void, signal: AbortSignal) => Promise<{ outcome: unknown; failed?: boolean }>,
  ): Run | undefined {
    if (this.#running !== undefined) return undefined
    const run: Run = { id: randomBytes(9).toString('base64url'), kind, title, by, started: this.#now().toISOString(), lines: [], state: 'running' }
    this.#runs.set(run.id, run)
    // Keep the last twenty for their result pages.
    for (const old of [...this.#runs.keys()].slice(0, Math.max(0, this.#runs.size - 20))) this.#runs.delete(old)
    this.#running = run
    const say = (level: RunLine['level'], text: string) => {
      const line = { at: this.#now().toISOString(), level, text }
      run.lines.push(line)
      for (const l of this.#listeners.get(run.id) ?? []) safely(() => l({ type: 'line', line }))
    }
    const end = (state: Run['state']) => {
      run.state = state
      run.finished = this.#now().toISOString()
      this.#running = undefined
      for (const l of this.#listeners.get(run.id) ?? []) safely(() => l({ type: 'end', state }))
      this.#listeners.delete(run.id)
    }
    this.#tail = work(say, this.#stop.signal).then(
      (r) => {
        run.outcome = r.outcome
        end(r.failed === true ? 'failed' : 'done')
      },
      (error: unknown) => {
        say('error', error instanceof Error ? error.message : String(error))
        end('failed')
      },
    )
    return run
  }

  /** Calls `listener` for each later event of a running run; returns the way to stop listening. */
  listen(id: string, listener: Listener): () => void {
    const set = this.#listeners.get(id) ?? new Set<Listener>()
    set.add(listener)
    this.#listeners.set(id, set)
    return () => set.delete(listener)
  }

  /** Resolves when the run in flight (if any) is over. */
  async idle(): Promise<void> {
    await this.#tail
  }

  /** Asks the run in flight to stop after the step it is on (a push: the batch in flight is finished and recorded), then waits for it. */
  async stop(): Promise<void> {
    this.#stop.abort()
    await this.#tail
  }
}

/** A listener's failure (a page gone) never stops the run that tells it. */
function safely(call: () => void): void {
  try {
    call()
  } catch {
    // The listener's page is gone; the run goes on.
  }
}
