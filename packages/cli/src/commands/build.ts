/** `gongkai build [DIR] [--out OUT] [--channel a,b] [--preview] [--no-cache] [--json]`: a release of every channel. */
import { join, resolve } from 'node:path'
import type { Channel, Diagnostic, Project } from '@gongkai/core'
import { reviewLevelsOf } from '@gongkai/core'
import { holdReason, showInvisible } from '@gongkai/core/internal'
import { buildRelease, preflight } from '@gongkai/hub'
import type { ChannelBuildSummary } from '@gongkai/hub'
import { BUILD_OPTIONS, beginStamp, dayAround, writeStamp } from '../build-stamp.js'
import type { StampLine } from '../build-stamp.js'
import type { Command, Io } from '../command.js'
import { flag, parse, text } from '../command.js'
import { EXIT } from '../errors.js'
import { channelName, createChannels, openProject, outDirOf, parseChannelList, renderContext, report, shown } from '../project.js'
import { progress, table } from '../ui.js'

const USAGE = `用法：gongkai build [目录] [--out 输出目录] [--channel website,wechat,noticeboard,kiosk] [--preview] [--no-cache] [--json]

把每篇公开信息生成到其事项所列的各个渠道：网站页面、公众号文章与封面、公示栏 PDF、大屏幻灯片。
每个渠道生成一个“发布版本”（全部文件的清单），<输出目录>/<渠道> 一次切换到新版本；推送只发布发布版本中的文件。
只重新生成内容有变化的公开信息（其余取自 .gongkai/cache/，可随时删除）。
未通过保密审查的公开信息不生成，除非加 --preview（预览稿不可用于发布）。
  --out       输出目录（默认：<目录>/out）
  --channel   只生成这些渠道（逗号分隔）
  --preview   也生成未审查、未到定时发布时间的公开信息，供内部预览
  --no-cache  不用缓存，全部重新生成
  --json      以 JSON 输出结果`

const ENTRY: Record<string, string> = {
  website: 'index.html',
  wechat: '<编号>/preview.html',
  noticeboard: '<编号>.pdf',
  kiosk: 'index.html',
}

/** The `build` command. */
export const buildCommand: Command = {
  name: 'build',
  summary: '生成各渠道的成品（网站、公众号、公示栏、大屏）',
  usage: USAGE,
  async run(argv, given) {
    const args = parse(argv, BUILD_OPTIONS, USAGE)
    const ids = parseChannelList(text(args, 'channel'))
    const inv = { argv, cwd: given.cwd, env: given.env, tty: process.stdout.isTTY === true }
    const outArg = text(args, 'out')
    // Taken before anything is read: a file edited during the build leaves a stamp that no longer matches.
    const start = beginStamp(inv, outArg === undefined ? join(resolve(given.cwd, args.positionals[0] ?? '.'), 'out') : resolve(given.cwd, outArg))
    const lines: StampLine[] = []
    const io: Io = {
      ...given,
      out: (line) => {
        lines.push([1, showInvisible(line)])
        given.out(line)
      },
      err: (line) => {
        lines.push([2, showInvisible(line)])
        given.err(line)
      },
    }
    const project = await openProject(args.positionals[0], io, start === undefined ? {} : { stats: start.stats })
    const preview = flag(args, 'preview')
    const loadProblems = report(project.diagnostics, io, { limit: 30 })
    const channels = await createChannels(project, ids, { preview })
    const now = io.now()
    const ctx = renderContext(project, now)
    const outDir = outDirOf(project, io, outArg)
    // What push would refuse, said now: the files are still built (for preview), and marked below.
    const refused = new Map<string, Map<string, string[]>>()
    const preflightProblems: Diagnostic[] = []
    const built = project.disclosures.filter((d) => preview || holdReason(d, now, reviewLevelsOf(project.config)) !== 'unreviewed')
    for (const c of channels) {
      for (const d of await preflight([c], built, ctx)) {
        preflightProblems.push(d)
        if (d.severity !== 'error' || d.subject === undefined) continue
        const mine = refused.get(c.id) ?? new Map<string, string[]>()
        mine.set(d.subject, [...(mine.get(d.subject) ?? []), d.code])
        refused.set(c.id, mine)
      }
    }
    let bar: ReturnType<typeof progress> | undefined
    let summary: Awaited<ReturnType<typeof buildRelease>>
    try {
      summary = await buildRelease({
        channels,
        disclosures: project.disclosures,
        ctx,
        projectDir: project.dir,
        outDir,
        preview,
        cache: !flag(args, 'no-cache'),
        onProgress: (p) => {
          bar ??= progress('生成', p.total, { env: io.env })
          bar.update(p.done, `${channelName(p.channel)}${p.publication === undefined ? '' : ` ${p.publication}`}`)
        },
      })
    } finally {
      // cli-progress redraws on a timer: stop it even when the build throws, or the process stays up.
      bar?.done()
    }
    // A publication whose render failed has no files to preview: it is counted under 失败 only.
    for (const [id, pubs] of refused) for (const failed of summary.channels[id]?.failedPublications ?? []) pubs.delete(failed)
    const shown_ = { json: flag(args, 'json'), preview, outDir, channels, refused, preflightProblems, ctxDiagnostics: ctx.diagnostics, project, loadProblems }
    const exit = present(io, summary, shown_)
    if (start === undefined) return exit

    // The stamp: what a build with nothing changed would print. A build that rendered nothing and
    // switched nothing printed just that; a build that did, without a word said, would be followed
    // by one that says the same counts as cached and unchanged.
    const results = channels.map((c) => summary.channels[c.id])
    const steady = results.every((s) => s !== undefined && s.failed === 0 && s.rendered === 0 && s.release !== undefined && !s.release.changed)
    const silent =
      project.diagnostics.length === 0 &&
      preflightProblems.length === 0 &&
      summary.diagnostics.length === 0 &&
      ctx.diagnostics.length === 0 &&
      channels.every((c) => c.fingerprint !== undefined) &&
      results.every((s) => s !== undefined && s.failed === 0 && s.release !== undefined)
    let stampLines: readonly StampLine[] | undefined = steady ? lines : undefined
    if (stampLines === undefined && silent) {
      const again: StampLine[] = []
      const capture: Io = { ...given, out: (line) => again.push([1, showInvisible(line)]), err: (line) => again.push([2, showInvisible(line)]) }
      present(capture, steadyOf(summary), shown_)
      stampLines = again
    }
    if (stampLines === undefined) return exit
    // The output changes with the day and with what falls due (DESIGN: the render cache's keys): the stamp holds between.
    const t = now.getTime()
    let [from, until] = dayAround(t, project.config.timezone)
    for (const d of project.disclosures) {
      const at = d.publication.publishAt === undefined ? Number.NaN : Date.parse(d.publication.publishAt)
      if (at > t && at < until) until = at
      if (at <= t && at > from) from = at
    }
    writeStamp(inv, start, {
      from,
      until,
      channels: channels.map((c) => c.id),
      links: channels.map((c) => [join(outDir, c.id), summary.channels[c.id]?.release?.tree ?? ''] as const),
      extra: Object.values(project.config.fonts ?? {})
        .filter((f): f is string => typeof f === 'string')
        .map((f) => resolve(project.dir, f)),
      lines: stampLines,
      exit,
    })
    return exit
  },
}

type Summary = Awaited<ReturnType<typeof buildRelease>>

/** The summary the same build would give with nothing changed: every render cached, every file unchanged. */
function steadyOf(summary: Summary): Summary {
  const channels: Record<string, ChannelBuildSummary> = {}
  for (const [id, s] of Object.entries(summary.channels)) {
    channels[id] = {
      ...s,
      rendered: 0,
      cached: s.rendered + s.cached,
      written: 0,
      unchanged: s.artifacts,
      removed: 0,
      ...(s.release === undefined ? {} : { release: { ...s.release, changed: false } }),
    }
  }
  return { ...summary, channels, written: 0, writtenFiles: [], unchanged: Object.values(channels).reduce((n, s) => n + s.unchanged, 0) }
}

/** Prints what the build did and returns the exit code. */
function present(
  io: Io,
  summary: Summary,
  o: {
    json: boolean
    preview: boolean
    outDir: string
    channels: readonly Channel[]
    refused: ReadonlyMap<string, ReadonlyMap<string, string[]>>
    preflightProblems: readonly Diagnostic[]
    ctxDiagnostics: readonly Diagnostic[]
    project: Project
    loadProblems: { errors: number; warnings: number }
  },
): number {
  const { channels, refused, preflightProblems, outDir, preview, project, loadProblems } = o
  const ctx = { diagnostics: o.ctxDiagnostics }
  if (o.json) {
    const errors = [...project.diagnostics, ...preflightProblems, ...summary.diagnostics, ...ctx.diagnostics].filter((d) => d.severity === 'error').length
    io.out(
      JSON.stringify({ outDir: summary.outDir, channels: summary.channels, unreviewed: summary.unreviewed, diagnostics: [...preflightProblems, ...summary.diagnostics, ...ctx.diagnostics] }, null, 2),
    )
    return errors > 0 ? EXIT.content : EXIT.ok
  }
  const buildProblems = report([...preflightProblems, ...summary.diagnostics, ...ctx.diagnostics], io, { limit: 30 })
  io.out(
    table(
      ['渠道', '公开信息', '失败', '不能发布', '重新生成/缓存', '文件（变/未变）', '发布版本', '打开'],
      channels.map((c) => {
        const s = summary.channels[c.id]
        const release = s?.release === undefined ? '未生成' : `${s.release.id}${s.release.changed ? '（新）' : ''}`
        return [
          channelName(c.id),
          String(s?.publications ?? 0),
          String(s?.failed ?? 0),
          String(refused.get(c.id)?.size ?? 0),
          `${s?.rendered ?? 0}/${s?.cached ?? 0}`,
          `${s?.written ?? 0}/${s?.unchanged ?? 0}`,
          release,
          `${shown(io, outDir)}/${c.id}/${ENTRY[c.id] ?? ''}`,
        ]
      }),
    ),
  )
  for (const [id, pubs] of refused) {
    if (pubs.size === 0) continue
    const list = [...pubs].map(([pub, codes]) => `${pub}（${[...new Set(codes)].join('、')}）`).join('、')
    io.out(`${channelName(id)}不能发布的 ${pubs.size} 篇（成品已生成，仅供预览，推送时会被拒绝，原因见上）：${list}`)
  }
  if (summary.unreviewed.length > 0) {
    io.out(`未通过保密审查、未生成的 ${summary.unreviewed.length} 篇：${summary.unreviewed.join('、')}（加 --preview 可预览）`)
  }
  const errors = loadProblems.errors + buildProblems.errors
  const warnings = loadProblems.warnings + buildProblems.warnings
  const changed = channels.filter((c) => summary.channels[c.id]?.release?.changed === true).length
  io.out(
    `已生成到 ${shown(io, outDir)}：${changed === 0 ? '各渠道内容都没有变化' : `${changed} 个渠道有新的发布版本`}，${summary.written} 个文件有变化，${summary.unchanged} 个未变；${errors} 个错误，${warnings} 个警告。${preview ? '（预览稿，不可用于发布）' : ''}`,
  )
  return errors > 0 ? EXIT.content : EXIT.ok
}
