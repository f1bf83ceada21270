/**
 * The previews the console shows: a preview build of the whole project through the hub (render
 * cache, manifests), kept in the console's own corner of the project folder,
 * `.gongkai/console/`, so it never becomes the release `push` ships. Each file shown is read from
 * that release and checked against its manifest's SHA-256: what is shown is what would be pushed.
 */
import { join } from 'node:path'
import { createRenderContext } from '@gongkai/core'
import type { Channel, Diagnostic, Project } from '@gongkai/core'
import { buildRelease, readRelease, readReleaseFile } from '@gongkai/hub'
import type { Release, ReleaseFile } from '@gongkai/hub'

/** Where the console's preview build lives inside the project folder. */
export const PREVIEW_DIR = join('.gongkai', 'console')

/** Where the preview build stands. */
export interface PreviewState {
  readonly building: boolean
  /** The revision key of the project last built (ids and revisions); undefined before the first build. */
  readonly built?: string
  readonly diagnostics: readonly Diagnostic[]
  /** Why the last build failed as a whole, when it did. */
  readonly failure?: string
}

/** Builds previews on demand, one build at a time; a change while building starts one more after it. */
export class Previews {
  readonly #root: string
  readonly #channels: (project: Project) => Promise<readonly Channel[]>
  readonly #now: () => Date
  #releases = new Map<string, Release>()
  #state: PreviewState = { building: false, diagnostics: [] }
  #running: Promise<void> | undefined
  #next: Project | undefined
  readonly #built = new Set<() => void>()

  constructor(options: { readonly dir: string; readonly channels: (project: Project) => Promise<readonly Channel[]>; readonly now: () => Date }) {
    this.#root = join(options.dir, PREVIEW_DIR)
    this.#channels = options.channels
    this.#now = options.now
  }

  get state(): PreviewState {
    return this.#state
  }

  /** The key of what a build of `project` would show: a changed publication, config or catalog changes it. */
  static keyOf(project: Project): string {
    return JSON.stringify([project.disclosures.map((d) => [d.publication.id, d.revision]), project.config, project.catalog.items.map((i) => i)])
  }

  /** Whether the previews show `project` as it is now. */
  current(project: Project): boolean {
    return this.#state.built === Previews.keyOf(project)
  }

  /** Starts a build of `project` unless its previews are current; resolves when the previews show it. */
  refresh(project: Project): Promise<void> {
    if (this.current(project) && this.#running === undefined) return Promise.resolve()
    if (this.#running !== undefined) {
      this.#next = project
      return this.#running
    }
    this.#running = this.#build(project).finally(() => {
      this.#running = undefined
      const next = this.#next
      this.#next = undefined
      if (next !== undefined && !this.current(next)) void this.refresh(next)
    })
    return this.#running
  }

  async #build(project: Project): Promise<void> {
    this.#state = { ...this.#state, building: true }
    const key = Previews.keyOf(project)
    try {
      const channels = await this.#channels(project)
      const ctx = createRenderContext({ config: project.config, catalog: project.catalog, all: project.disclosures, projectDir: project.dir, now: this.#now() })
      const summary = await buildRelease({ channels, disclosures: project.disclosures, ctx, projectDir: this.#root, outDir: join(this.#root, 'out'), preview: true, concurrency: 2 })
      const releases = new Map<string, Release>()
      for (const c of channels) {
        const r = await readRelease(this.#root, c.id)
        if (r !== undefined) releases.set(c.id, r)
      }
      this.#releases = releases
      this.#state = { building: false, built: key, diagnostics: summary.diagnostics }
      for (const listener of this.#built) listener()
    } catch (error) {
      this.#state = { building: false, diagnostics: [], failure: error instanceof Error ? error.message : String(error), ...(this.#state.built === undefined ? {} : { built: this.#state.built }) }
    }
  }

  /** Resolves when no build is running (one in flight finishes: its release is never left half-written). */
  async idle(): Promise<void> {
    while (this.#running !== undefined) await this.#running
  }

  /** The files of one publication in a channel's preview release, in manifest order. */
  filesOf(channel: string, id: string): readonly ReleaseFile[] {
    return this.#releases.get(channel)?.manifest.files.filter((f) => f.publications.includes(id)) ?? []
  }

  /** Whether a publication is in the channel's preview release. */
  has(channel: string, id: string): boolean {
    return this.#releases.get(channel)?.manifest.publications.some((p) => p.id === id) ?? false
  }

  /**
   * A file of a channel's preview release by its path, checked against the manifest; undefined for
   * any path the manifest does not list (so no request can reach another file of the folder).
   */
  async read(channel: string, path: string): Promise<{ bytes: Buffer; file: ReleaseFile } | undefined> {
    const release = this.#releases.get(channel)
    const file = release?.manifest.files.find((f) => f.path === path)
    if (release === undefined || file === undefined) return undefined
    return { bytes: await readReleaseFile(this.#root, release, file), file }
  }

  /** Calls `listener` after every successful build (the live-preview stream compares what changed); returns the unsubscribe. */
  onBuilt(listener: () => void): () => void {
    this.#built.add(listener)
    return () => this.#built.delete(listener)
  }
}
