/**
 * The previews the console shows: a preview build of the whole project through the hub (render
 * cache, manifests), kept in the console's own corner of the project folder,
 * `.gongkai/console/`, so it never becomes the release `push` ships. Each file shown is read from
 * that release and checked against its manifest's SHA-256: what is shown is what would be pushed.
 * While a channel builds, a publication it has just rendered afresh is shown from its stored
 * render (the same bytes its release will hold) until that release is in place.
 */
import { join } from 'node:path'
import { createRenderContext } from '@gongkai/core'
import type { Channel, Diagnostic, Project } from '@gongkai/core'
import { buildRelease, readRelease, readReleaseFile, readRenderedFile } from '@gongkai/hub'
import type { Release, ReleaseFile, RenderedPublication } from '@gongkai/hub'

/** Where the console's preview build lives inside the project folder. */
export const PREVIEW_DIR = join('.gongkai', 'console')

/** The order channels are built in: what renders quickest first. */
const ORDER = ['website', 'wechat', 'noticeboard', 'kiosk']

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
  /** Per channel, publications rendered afresh by the build running now, whose release is not yet in place. */
  #fresh = new Map<string, Map<string, readonly ReleaseFile[]>>()
  #state: PreviewState = { building: false, diagnostics: [] }
  #running: Promise<void> | undefined
  #next: Project | undefined
  readonly #built = new Set<(channel: string | undefined) => void>()

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

  #made: { config: string; channels: Promise<readonly Channel[]> } | undefined

  /** The channels for the project's config, made once per config: a channel's factory loads its fonts, which costs more than a one-publication build. */
  #channelsFor(project: Project): Promise<readonly Channel[]> {
    const config = JSON.stringify(project.config)
    if (this.#made?.config !== config) this.#made = { config, channels: this.#channels(project) }
    return this.#made.channels
  }

  async #build(project: Project): Promise<void> {
    this.#state = { ...this.#state, building: true }
    const key = Previews.keyOf(project)
    try {
      const channels = await this.#channelsFor(project)
      const ctx = createRenderContext({ config: project.config, catalog: project.catalog, all: project.disclosures, projectDir: project.dir, now: this.#now() })
      // One channel at a time, the quickest first: an open page's website preview follows an edit while the slides still render.
      const order = [...channels].sort((a, b) => ORDER.indexOf(a.id) - ORDER.indexOf(b.id))
      const releases = new Map(this.#releases)
      const diagnostics: Diagnostic[] = []
      // A publication's own page is shown once it is rendered, before the channel's lists and release are written.
      const onRendered = (r: RenderedPublication) => {
        const mine = this.#fresh.get(r.channel) ?? new Map<string, readonly ReleaseFile[]>()
        mine.set(r.publication, r.files)
        this.#fresh.set(r.channel, mine)
        for (const listener of this.#built) listener(r.channel)
        // One turn of the event loop: the open pages' streams send the event before the channel's lists render (20 to 30 ms of work that would hold it back).
        return new Promise<void>((done) => setImmediate(done))
      }
      for (const channel of order) {
        try {
          const summary = await buildRelease({
            channels: [channel],
            disclosures: project.disclosures,
            ctx,
            projectDir: this.#root,
            outDir: join(this.#root, 'out'),
            preview: true,
            concurrency: 2,
            onRendered,
          })
          diagnostics.push(...summary.diagnostics)
          const r = await readRelease(this.#root, channel.id)
          if (r === undefined) releases.delete(channel.id)
          else releases.set(channel.id, r)
          this.#releases = new Map(releases)
        } finally {
          this.#fresh.delete(channel.id)
        }
        for (const listener of this.#built) listener(channel.id)
      }
      for (const id of [...releases.keys()]) if (!channels.some((c) => c.id === id)) releases.delete(id)
      this.#releases = releases
      this.#state = { building: false, built: key, diagnostics }
      for (const listener of this.#built) listener(undefined)
    } catch (error) {
      this.#made = undefined
      this.#state = { building: false, diagnostics: [], failure: error instanceof Error ? error.message : String(error), ...(this.#state.built === undefined ? {} : { built: this.#state.built }) }
    }
  }

  /** Resolves when no build is running (one in flight finishes: its release is never left half-written). */
  async idle(): Promise<void> {
    while (this.#running !== undefined) await this.#running
  }

  /** The files of one publication in a channel's preview release (or its fresh render while that channel builds), in path order. */
  filesOf(channel: string, id: string): readonly ReleaseFile[] {
    return this.#fresh.get(channel)?.get(id) ?? this.#releases.get(channel)?.manifest.files.filter((f) => f.publications.includes(id)) ?? []
  }

  /** Whether a publication is in the channel's preview release (or was just rendered for it). */
  has(channel: string, id: string): boolean {
    return this.#fresh.get(channel)?.has(id) === true || (this.#releases.get(channel)?.manifest.publications.some((p) => p.id === id) ?? false)
  }

  /**
   * A file of a channel's preview release by its path, checked against the manifest; undefined for
   * any path the manifest does not list (so no request can reach another file of the folder).
   */
  async read(channel: string, path: string): Promise<{ bytes: Buffer; file: ReleaseFile } | undefined> {
    for (const files of this.#fresh.get(channel)?.values() ?? []) {
      const file = files.find((f) => f.path === path)
      if (file !== undefined) return { bytes: await readRenderedFile(this.#root, file), file }
    }
    const release = this.#releases.get(channel)
    const file = release?.manifest.files.find((f) => f.path === path)
    if (release === undefined || file === undefined) return undefined
    return { bytes: await readReleaseFile(this.#root, release, file), file }
  }

  /**
   * Calls `listener` when a publication of a channel is rendered afresh and after each channel's
   * release of a build is in place (with the channel's id), and once the whole build is (undefined); the live-preview stream compares what changed. Returns the unsubscribe.
   */
  onBuilt(listener: (channel: string | undefined) => void): () => void {
    this.#built.add(listener)
    return () => this.#built.delete(listener)
  }
}
