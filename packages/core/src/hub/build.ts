/**
 * buildAll: every disclosure rendered to its channels and written to OUT/<channel>/<path>,
 * plus each channel's whole-collection output. Files are written only when their bytes change.
 */
import { join, resolve } from 'node:path'
import { ERRORS } from '../errors-data.js'
import type { Artifact, Channel, RenderContext } from '../channel.js'
import type { Diagnostic } from '../diagnostics.js'
import { OptionsError } from '../diagnostics.js'
import type { Disclosure } from '../model.js'
import { mapLimit } from '../pool.js'
import { renderFailure, renderWith, safeArtifacts, scopedContext } from './fan-out.js'
import { sameAsWritten, writeIfChanged } from './write.js'

/** A step of the build, for progress bars. */
export interface BuildProgress {
  readonly phase: 'render' | 'assemble'
  /** Steps finished so far, and in all (renders of publication × channel, then assembles). */
  readonly done: number
  readonly total: number
  readonly channel: string
  readonly publication?: string
}

/** Options for `buildAll`. */
export interface BuildOptions {
  readonly channels: readonly Channel[]
  readonly disclosures: readonly Disclosure[]
  readonly ctx: RenderContext
  /** The OUT folder; each channel writes under OUT/<channel id>/. */
  readonly outDir: string
  /** Include publications without 保密审查 (`review`); default false. Never use a preview build for delivery. */
  readonly preview?: boolean
  /** Renders at once; default 4. */
  readonly concurrency?: number
  readonly onProgress?: (progress: BuildProgress) => void
}

/** What one channel built. */
export interface ChannelBuildSummary {
  readonly channel: string
  /** Publications rendered without error. */
  readonly publications: number
  /** Publications whose render failed. */
  readonly failed: number
  /** Ids of the publications whose render failed: they have no artifacts in this build. */
  readonly failedPublications: readonly string[]
  readonly artifacts: number
  readonly written: number
  readonly unchanged: number
}

/** What `buildAll` returns. */
export interface BuildSummary {
  readonly outDir: string
  readonly channels: Readonly<Record<string, ChannelBuildSummary>>
  readonly written: number
  readonly unchanged: number
  /** OUT-relative POSIX paths of the files written (new or changed). */
  readonly writtenFiles: readonly string[]
  /** Publications left out because they have no `review` (a preview build leaves none out). */
  readonly unreviewed: readonly string[]
  /** Render failures, refused paths, and everything channels reported. */
  readonly diagnostics: readonly Diagnostic[]
}

type Counter = { -readonly [K in keyof ChannelBuildSummary]: K extends 'failedPublications' ? string[] : ChannelBuildSummary[K] }

/**
 * Builds every disclosure on every channel its item names (of `channels`), then each channel's
 * `assemble`, into OUT/<channel>/. One failing render becomes a Diagnostic; the rest still build.
 * Diagnostics that channels report go into the summary and to `ctx.report` as well.
 */
export async function buildAll(options: BuildOptions): Promise<BuildSummary> {
  const { channels, disclosures, ctx, preview = false, onProgress } = options
  if (typeof options.outDir !== 'string' || options.outDir === '') throw new OptionsError(ERRORS.OptionsOutDir, 'buildAll 需要输出目录（outDir）', { hint: '例如 outDir: "OUT"' })
  const ids = new Set<string>()
  for (const c of channels) {
    if (ids.has(c.id)) throw new OptionsError(ERRORS.OptionsChannels, `渠道“${c.id}”重复`, { hint: '每个渠道只传一次' })
    ids.add(c.id)
  }
  const outDir = resolve(options.outDir)
  const concurrency = Math.max(1, options.concurrency ?? 4)
  const selected = preview ? [...disclosures] : disclosures.filter((d) => d.publication.review !== undefined)
  const unreviewed = preview ? [] : disclosures.filter((d) => d.publication.review === undefined).map((d) => d.publication.id)

  const diagnostics: Diagnostic[] = []
  const writtenFiles: string[] = []
  const counters = new Map<string, Counter>()
  const perChannel = new Map<string, Disclosure[]>()
  for (const c of channels) {
    counters.set(c.id, { channel: c.id, publications: 0, failed: 0, failedPublications: [], artifacts: 0, written: 0, unchanged: 0 })
    perChannel.set(c.id, [])
  }
  const tasks: { d: Disclosure; c: Channel }[] = []
  for (const d of selected) {
    const named = d.item.channels as readonly string[]
    for (const c of channels) {
      if (!named.includes(c.id)) continue
      perChannel.get(c.id)?.push(d)
      tasks.push({ d, c })
    }
  }
  // One context per channel: `all` is what that channel lists, the same array for every render.
  const contexts = new Map<string, RenderContext>(
    channels.map((c) => [c.id, { config: ctx.config, catalog: ctx.catalog, all: perChannel.get(c.id) ?? [], now: ctx.now, readAsset: (path) => ctx.readAsset(path), report: (d) => ctx.report(d) }]),
  )
  const claimed = new Map<string, { owner: string; written: Promise<unknown> }>()
  const total = tasks.length + channels.filter((c) => c.assemble !== undefined).length
  let done = 0

  const write = async (channel: string, artifacts: readonly Artifact[], owner: string | undefined, d: Disclosure | undefined) => {
    const count = counters.get(channel) as Counter
    for (const a of artifacts) {
      const rel = `${channel}/${a.path}`
      const first = claimed.get(rel)
      if (first !== undefined) {
        // Two publications that use one image both hand it over: the same bytes are one shared file.
        await first.written
        if (await sameAsWritten(join(outDir, channel, ...a.path.split('/')), a.data)) continue
        diagnostics.push({
          code: 'build/duplicate-path',
          severity: 'error',
          message: `渠道 ${channel} 的文件“${a.path}”已由 ${first.owner} 生成，这一份未写入`,
          hint: '两条信息生成了同名文件：请检查它们的 id',
          ...(d === undefined ? {} : { file: d.publication.source.file, subject: d.publication.id }),
        })
        continue
      }
      const writing = writeIfChanged(join(outDir, channel, ...a.path.split('/')), a.data)
      claimed.set(rel, { owner: owner ?? '汇总内容', written: writing.catch(() => undefined) })
      count.artifacts++
      try {
        const outcome = await writing
        if (outcome === 'written') {
          count.written++
          writtenFiles.push(rel)
        } else count.unchanged++
      } catch (cause) {
        diagnostics.push({
          code: 'build/write-failed',
          severity: 'error',
          message: `写入 ${rel} 失败：${cause instanceof Error ? cause.message : String(cause)}`,
          hint: '请检查输出目录的权限和磁盘空间',
          ...(d === undefined ? {} : { file: d.publication.source.file, subject: d.publication.id }),
        })
      }
    }
  }

  await mapLimit(tasks, concurrency, async ({ d, c }) => {
    const result = await renderWith(c, d, contexts.get(c.id) as RenderContext, diagnostics)
    const count = counters.get(c.id) as Counter
    if (result.ok) count.publications++
    else {
      count.failed++
      count.failedPublications.push(d.publication.id)
    }
    await write(c.id, result.artifacts, d.publication.id, d)
    done++
    onProgress?.({ phase: 'render', done, total, channel: c.id, publication: d.publication.id })
  })

  for (const c of channels) {
    if (c.assemble === undefined) continue
    try {
      const artifacts = await c.assemble(perChannel.get(c.id) ?? [], scopedContext(contexts.get(c.id) as RenderContext, undefined, diagnostics))
      await write(c.id, safeArtifacts(c.id, artifacts, undefined, diagnostics), undefined, undefined)
    } catch (cause) {
      diagnostics.push(renderFailure(c.id, undefined, cause, 'assemble'))
    }
    done++
    onProgress?.({ phase: 'assemble', done, total, channel: c.id })
  }

  const summaries = Object.fromEntries([...counters].map(([id, c]) => [id, { ...c, failedPublications: [...c.failedPublications].sort() }]))
  return {
    outDir,
    channels: summaries,
    written: writtenFiles.length,
    unchanged: [...counters.values()].reduce((s, c) => s + c.unchanged, 0),
    writtenFiles: writtenFiles.sort(),
    unreviewed,
    diagnostics,
  }
}
