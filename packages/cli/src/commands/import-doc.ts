/**
 * `gongkai import-doc DIR FILE.docx… [--item CODE] [--id ID] [--dry-run]`: Word documents as the
 * office wrote them into publication files. Each document is read by `@gongkai/import`; here the
 * catalog item is settled (given, kept from an earlier import, or a clear match, never a guess),
 * the id and file chosen, images and attachments copied into assets/, the file written, and the
 * project loaded again: a file that brings an error is taken back. One bad document never stops
 * the others; the run ends with a table of what happened to each.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path'
import { formatDiagnostic, loadProject } from '@gongkai/core'
import { didYouMean, isRealDate } from '@gongkai/core/internal'
import type { Attachment, Diagnostic, Project, Publication, Stage } from '@gongkai/core'
import { importDocument, matchItem, newPublicationText, updatedPublicationText } from '@gongkai/import'
import type { ItemMatchResult } from '@gongkai/import'
import type { Command, Io } from '../command.js'
import { flag, parse, text } from '../command.js'
import { EXIT, UsageError } from '../errors.js'
import { openProject } from '../project.js'
import { progress, table } from '../ui.js'

const USAGE = `用法：gongkai import-doc [目录] <文件.docx|文件夹>… [--item 事项编码] [--id 编号] [--formed 日期] [--dry-run]

把 Word 文档（.docx）导入为公开信息：发文字号、标题、成文日期、附件写入信息字段，正文（标题按
一、（一）1.（1）分级，表格、脚注、图片、链接）写成 publications/<编号>.md，图片放进 assets/imports/。
导入的公开信息没有 review（保密审查），核对后写上 review 才会发布。同一个文件再导入一次，更新原来那篇。
.doc、.wps、.pdf 请先另存为 .docx。
  --item    事项编码；不写则按标题匹配目录，没有明显最匹配的事项时列出候选并要求指定
  --id      公开信息编号（只导入一个文件时可用）；默认按年份和事项生成，如 2026-xzcf-003
  --formed  信息形成日期，写作 YYYY-MM-DD；文档末尾没有成文日期时必填
  --dry-run 只检查和显示结果，不写任何文件`

/** What became of one document. */
interface Outcome {
  readonly file: string
  readonly result: '新建' | '更新' | '未改动' | '未导入' | '附件'
  readonly id?: string
  readonly item?: string
  readonly score?: string
  readonly note: string
}

const DOC_EXTS = new Set(['.docx', '.doc', '.wps', '.pdf', '.wpt', '.dot', '.rtf', '.odt'])

/** The files named: a folder gives its documents (Word's `~$` lock files and hidden files left out), sorted. */
function expand(inputs: readonly string[], io: Io): { files: string[]; missing: string[] } {
  const files: string[] = []
  const missing: string[] = []
  for (const input of inputs) {
    const path = resolve(io.cwd, input)
    if (!existsSync(path)) {
      missing.push(input)
      continue
    }
    if (statSync(path).isDirectory()) {
      const found = readdirSync(path)
        .filter((n) => DOC_EXTS.has(extname(n).toLowerCase()) && !n.startsWith('~$') && !n.startsWith('.'))
        .sort((a, b) => a.localeCompare(b, 'zh-CN'))
      files.push(...found.map((n) => join(path, n)))
    } else files.push(path)
  }
  // .docx first: a PDF or sheet in the same folder may be one of their 附件, not a document to import.
  const docx = (f: string) => extname(f).toLowerCase() === '.docx'
  const unique = [...new Set(files)]
  return { files: [...unique.filter(docx), ...unique.filter((f) => !docx(f))], missing }
}

/** The stage of a new publication: what the item's publications mostly have, else its category's, else 执行. */
function stageFor(project: Project, item: string): Stage {
  const category = project.catalog.get(item)?.category
  const count = (ps: readonly Publication[]) => {
    const n = new Map<Stage, number>()
    for (const p of ps) n.set(p.stage, (n.get(p.stage) ?? 0) + 1)
    return [...n.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0]
  }
  return count(project.publications.filter((p) => p.item === item)) ?? count(project.publications.filter((p) => project.catalog.get(p.item)?.category === category)) ?? 'execution'
}

/** A new id `YEAR-<item's middle code>-NNN`, after the highest of that kind in the project and this run. */
function newId(project: Project, item: string, formed: string, taken: Set<string>): string {
  const mid = (/^[A-Za-z0-9]+-([A-Za-z0-9]+)-/.exec(item)?.[1] ?? 'doc').toLowerCase()
  const prefix = `${formed.slice(0, 4)}-${mid}-`
  let n = 0
  for (const id of [...project.publications.map((p) => p.id), ...taken]) {
    if (id.startsWith(prefix)) n = Math.max(n, Number(/^(\d+)$/.exec(id.slice(prefix.length))?.[1] ?? 0))
  }
  let id: string
  do id = `${prefix}${String(++n).padStart(3, '0')}`
  while (existsSync(join(project.dir, 'publications', `${id}.md`)))
  return id
}

function describeMatch(m: ItemMatchResult): string {
  return m.candidates
    .slice(0, 5)
    .map((c) => `${c.code} ${c.name}（匹配度 ${c.score.toFixed(2)}）`)
    .join('；')
}

/** True when `rel` (project-relative) resolves, links followed as far as they exist, inside the project's real folder. */
function insideProject(dir: string, rel: string): boolean {
  const root = realpathSync(dir)
  let at = join(dir, ...rel.split('/'))
  while (!existsSync(at)) at = dirname(at)
  const real = realpathSync(at)
  return real === root || real.startsWith(`${root}${sep}`)
}

/** An attachment's file name under assets/: spaces become hyphens (links stay whole), the rest kept. */
const assetName = (name: string) => name.replace(/[\s\u3000]+/g, '-')

/** The `import-doc` command. */
export const importDocCommand: Command = {
  name: 'import-doc',
  summary: '导入 Word 文档（.docx）为公开信息',
  usage: USAGE,
  async run(argv, io) {
    const args = parse(argv, { item: { type: 'string' }, id: { type: 'string' }, formed: { type: 'string' }, 'dry-run': { type: 'boolean' } }, USAGE, Number.POSITIVE_INFINITY)
    const positionals = [...args.positionals]
    // The folder is optional, as in every command: a first argument that is a project folder is it.
    const first = positionals[0]
    const dirArg = first !== undefined && existsSync(join(resolve(io.cwd, first), 'gongkai.config.yaml')) ? positionals.shift() : undefined
    if (positionals.length === 0) throw new UsageError('请给出要导入的 .docx 文件或存放它们的文件夹', USAGE)
    const formedArg = text(args, 'formed')
    if (formedArg !== undefined && !isRealDate(formedArg)) throw new UsageError(`--formed 应为真实存在的日期，写作 YYYY-MM-DD，不能是“${formedArg}”`, USAGE)
    const dryRun = flag(args, 'dry-run')
    const project = await openProject(dirArg, io)
    const itemArg = text(args, 'item')
    if (itemArg !== undefined && project.catalog.get(itemArg) === undefined) {
      const near = didYouMean(
        itemArg,
        project.catalog.items.map((i) => i.code),
      )
      throw new UsageError(`目录中没有事项编码“${itemArg}”${near === undefined ? '' : `（是否想写“${near}”？）`}`, USAGE)
    }
    const { files, missing } = expand(positionals, io)
    const idArg = text(args, 'id')
    if (idArg !== undefined && files.length + missing.length > 1) throw new UsageError('--id 只能用于导入一个文件：多个文件时编号自动生成', USAGE)

    const outcomes: Outcome[] = missing.map((m) => ({ file: m, result: '未导入', note: '找不到文件' }))
    for (const m of missing) io.err(`找不到文件或文件夹：${m}`)
    const taken = new Set<string>()
    const written: { outcome: Outcome; path: string; before: Buffer | undefined; assets: string[] }[] = []
    const bar = files.length > 1 ? progress('导入文档', files.length, { env: io.env }) : undefined

    const attached = new Map<string, string>()
    for (const [index, path] of files.entries()) {
      const shownName = relative(io.cwd, path) || basename(path)
      bar?.update(index, basename(path))
      const owner = attached.get(path)
      if (owner !== undefined) {
        outcomes.push({ file: shownName, result: '附件', id: owner, note: `作为 ${owner} 的附件导入` })
        continue
      }
      let r: Awaited<ReturnType<typeof importDocument>>
      try {
        r = await importDocument(path, { organ: project.config.body.name, siblings: readdirSync(dirname(path)), displayName: shownName })
      } catch (error) {
        // A file the system will not let us read (permissions, a vanished network share): this one only.
        const message = error instanceof Error ? error.message : String(error)
        outcomes.push({ file: shownName, result: '未导入', note: `读取失败：${message}` })
        io.err(
          formatDiagnostic({ code: 'import-doc/unreadable', severity: 'error', message: `读不了“${shownName}”：${message}`, hint: '请确认文件存在、可以打开，且没有被其他程序占用', file: shownName }),
        )
        continue
      }
      const lines: string[] = r.diagnostics.map(formatDiagnostic)
      const done = (o: Omit<Outcome, 'file'>, extra: Diagnostic[] = []) => {
        const outcome = { file: shownName, ...o }
        outcomes.push(outcome)
        bar?.done()
        io.out(`── ${shownName}`)
        for (const l of [...lines, ...extra.map(formatDiagnostic)]) io.err(l)
        return outcome
      }
      if (r.diagnostics.some((d) => d.severity === 'error')) {
        done({ result: '未导入', note: r.diagnostics.find((d) => d.severity === 'error')?.message ?? '' })
        continue
      }
      // Same bytes, or the same file name with the same 发文字号 (or, without one, the same title):
      // offices call many files 通知.docx, and a name alone must not overwrite another document.
      const sameName = project.publications.filter((p) => p.imported?.file === r.file)
      const sameDoc = (p: Publication) => (p.docNumber !== undefined && r.docNumber !== undefined ? p.docNumber === r.docNumber : p.title === r.title)
      const existing = project.publications.find((p) => p.imported?.sha256 === r.sha256) ?? sameName.find(sameDoc)
      if (existing === undefined && sameName.length > 0) {
        lines.push(
          formatDiagnostic({
            code: 'import-doc/same-name',
            severity: 'info',
            message: `与已导入的 ${sameName.map((p) => p.id).join('、')} 文件同名，但发文字号和标题都不同：作为另一篇新的公开信息导入`,
            hint: '若它是那篇的修改稿，请先把那篇的 title 或 docNumber 改成与新稿一致，再导入一次',
            file: shownName,
          }),
        )
      }
      if (existing !== undefined) for (const a of r.attachments) attached.set(join(dirname(path), a.file), existing.id)
      if (existing !== undefined && existing.imported?.sha256 === r.sha256 && itemArg === undefined) {
        done({ result: '未改动', id: existing.id, item: existing.item, note: `与 ${existing.source.file} 导入时的文件相同` })
        continue
      }
      const formed = r.formed ?? formedArg
      if (formed === undefined) {
        done({ result: '未导入', note: '没有成文日期' }, [
          {
            code: 'import-doc/formed-required',
            severity: 'error',
            message: '没有信息形成日期：文档末尾找不到成文日期',
            hint: '请加 --formed YYYY-MM-DD，或在文档末尾写上落款和成文日期',
            file: shownName,
          },
        ])
        continue
      }
      const title = r.title ?? basename(path, extname(path))
      let item = itemArg ?? existing?.item
      let score: string | undefined
      let matchNote = ''
      if (item === undefined) {
        const m = matchItem(title, project.catalog.at(formed).items, project.config.body.name)
        if (!m.clear || m.best === undefined) {
          const list = describeMatch(m)
          done({ result: '未导入', note: '事项不明确，请用 --item 指定' }, [
            {
              code: 'import-doc/item-unclear',
              severity: 'error',
              message: `按标题“${title}”找不到明显最匹配的目录事项${list === '' ? '（没有一个事项的名称或内容含有标题中的词）' : `，候选：${list}`}`,
              hint: `请用 --item 指定，例如 gongkai import-doc ${dirArg ?? '.'} ${shownName} --item ${m.best?.code ?? project.catalog.items[0]?.code ?? 'HB-XZCF-001'}`,
              file: shownName,
            },
          ])
          continue
        }
        item = m.best.code
        score = m.best.score.toFixed(2)
        const second = m.candidates[1]
        matchNote = `按标题匹配到 ${m.best.code} ${m.best.name}（匹配度 ${score}${second === undefined ? '' : `，次选 ${second.code} ${second.name} ${second.score.toFixed(2)}`}）`
      }
      if (idArg !== undefined && existing !== undefined && existing.id !== idArg) {
        done({ result: '未导入', note: `已导入为 ${existing.id}` }, [
          {
            code: 'import-doc/id-mismatch',
            severity: 'error',
            message: `这个文件已导入为“${existing.id}”（${existing.source.file}），不能再用 --id ${idArg}`,
            hint: '再导入会更新原来那篇；要另建一篇请先复制文件并改名',
            file: shownName,
          },
        ])
        continue
      }
      if (idArg !== undefined && existing === undefined && (project.publications.some((p) => p.id === idArg) || existsSync(join(project.dir, 'publications', `${idArg}.md`)))) {
        done({ result: '未导入', note: `编号 ${idArg} 已被占用` }, [
          { code: 'import-doc/id-taken', severity: 'error', message: `编号“${idArg}”已有公开信息，不能用于新导入的文档`, hint: '换一个编号，或不写 --id 自动生成', file: shownName },
        ])
        continue
      }
      const id = existing?.id ?? idArg ?? newId(project, item, formed, taken)
      taken.add(id)
      const file = existing?.source.file ?? `publications/${id}.md`
      const attachments: Attachment[] = r.attachments.map((a) => ({ title: a.title, path: `assets/${id}/${assetName(a.file)}` }))
      for (const a of r.attachments) attached.set(join(dirname(path), a.file), id)
      const imported = { file: r.file, sha256: r.sha256 }
      const body = r.body
      const target = join(project.dir, ...file.split('/'))
      const before = existsSync(target) ? readFileSync(target) : undefined
      const textOut =
        existing === undefined || before === undefined
          ? newPublicationText(
              {
                id,
                item,
                title,
                ...(r.wechatTitle === undefined ? {} : { wechatTitle: r.wechatTitle }),
                stage: stageFor(project, item),
                formed,
                ...(r.docNumber === undefined ? {} : { docNumber: r.docNumber }),
                attachments,
                imported,
              },
              body,
            )
          : updatedPublicationText(before.toString('utf8'), {
              ...(itemArg === undefined ? {} : { item }),
              title,
              formed,
              ...(r.docNumber === undefined ? {} : { docNumber: r.docNumber }),
              attachments,
              imported,
              body,
            })
      const recognised = [
        r.docNumber === undefined ? undefined : `发文字号 ${r.docNumber}`,
        r.wechatTitle === undefined ? undefined : `微信标题“${r.wechatTitle}”（标题超过 32 个字）`,
        `成文日期 ${formed}${r.formed === undefined ? '（--formed）' : ''}`,
        r.addressee === undefined ? undefined : `主送机关“${r.addressee}”（留在正文第一段）`,
        attachments.length === 0 ? undefined : `附件 ${attachments.length} 个`,
        r.images.length === 0 ? undefined : `图片 ${r.images.length} 张`,
      ].filter((x) => x !== undefined)
      const outcome = done({ result: existing === undefined ? '新建' : '更新', id, item, ...(score === undefined ? {} : { score }), note: recognised.join('，') })
      if (matchNote !== '') io.out(`  ${matchNote}`)
      io.out(
        `  ${dryRun ? '将写入' : '写入'} ${file}：${title}；${recognised.join('，')}${existing !== undefined && existing.review !== undefined ? '；文档有改动，原 review 已删去，请重新审查' : ''}`,
      )
      if (dryRun) continue
      // Every file goes under the project's own folder, also when assets/ or publications/ is a link elsewhere.
      const outside = [...r.images.map((i) => i.path), ...attachments.map((a) => a.path), file].find((rel) => !insideProject(project.dir, rel))
      if (outside !== undefined) {
        const i = outcomes.indexOf(outcome)
        outcomes[i] = { ...outcome, result: '未导入', note: `${outside} 不在项目目录中` }
        io.err(
          formatDiagnostic({
            code: 'file/outside-project',
            severity: 'error',
            message: `${outside} 的实际位置不在项目目录中，没有写入`,
            hint: '请不要把 assets/ 或 publications/ 做成指向项目之外的链接',
            file: shownName,
          }),
        )
        continue
      }
      const assets: string[] = []
      for (const image of r.images) {
        const out = join(project.dir, ...image.path.split('/'))
        if (existsSync(out)) continue
        mkdirSync(dirname(out), { recursive: true })
        writeFileSync(out, image.data)
        assets.push(out)
      }
      for (const [i, a] of r.attachments.entries()) {
        const out = join(project.dir, ...attachments[i]!.path.split('/'))
        mkdirSync(dirname(out), { recursive: true })
        copyFileSync(join(dirname(path), a.file), out)
        assets.push(out)
      }
      mkdirSync(dirname(target), { recursive: true })
      const temp = `${target}.gongkai-${process.pid}.tmp`
      writeFileSync(temp, textOut)
      renameSync(temp, target)
      written.push({ outcome, path: target, before, assets })
    }
    bar?.done()

    // The project read again: a written file that brings an error is taken back, the others stay.
    if (written.length > 0) {
      const again = await loadProject(project.dir)
      const known = new Set(project.diagnostics.map((d) => `${d.file ?? ''} ${d.code} ${d.message}`))
      for (const w of written) {
        const rel = relative(project.dir, w.path).split('\\').join('/')
        const mine = again.diagnostics.filter((d) => d.file === rel && d.severity === 'error' && !known.has(`${d.file} ${d.code} ${d.message}`))
        if (mine.length === 0) continue
        for (const d of mine) io.err(formatDiagnostic(d))
        if (w.before === undefined) rmSync(w.path)
        else writeFileSync(w.path, w.before)
        for (const a of w.assets) rmSync(a, { force: true })
        const i = outcomes.indexOf(w.outcome)
        outcomes[i] = { ...w.outcome, result: '未导入', note: `写入后检查有错误，已撤回：${mine[0]?.message ?? ''}` }
      }
    }

    io.out('')
    io.out(
      table(
        ['文件', '结果', '编号', '事项', '匹配度', '说明'],
        outcomes.map((o) => [o.file, o.result, o.id ?? '', o.item ?? '', o.score ?? '', o.note]),
      ),
    )
    const counts = ['新建', '更新', '未改动', '未导入', '附件'].map((k) => [k, outcomes.filter((o) => o.result === k).length] as const).filter(([, n]) => n > 0)
    io.out(
      `${dryRun ? '试运行（没有写入任何文件）：' : ''}${counts.map(([k, n]) => (k === '附件' ? `作为附件 ${n} 个` : `${k} ${n} 篇`)).join('，')}。${outcomes.some((o) => o.result === '新建' || o.result === '更新') ? `导入的公开信息是草稿：核对正文、通过保密审查后写上 review 才会发布。` : ''}`,
    )
    return outcomes.some((o) => o.result === '未导入') ? EXIT.content : EXIT.ok
  },
}
