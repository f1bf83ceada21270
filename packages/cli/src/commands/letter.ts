/** `gongkai letter [DIR] ID [--out DIR]`: the letters to the applicant of one request, as GB/T 9704 PDFs and .docx. */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { computeRequestClock } from '@gongkai/core'
import type { Diagnostic } from '@gongkai/core'
import { didYouMean, parseBody, readProjectTextSync, resolveProjectFileSync } from '@gongkai/core/internal'
import type { Command } from '../command.js'
import { parse, text } from '../command.js'
import { renderDocx } from '../docx.js'
import { EXIT, UsageError } from '../errors.js'
import { LETTER_TEMPLATES, fillLetter, lettersFor } from '../letters.js'
import { openProject, outDirOf, projectCalendar, report, shown } from '../project.js'
import { table } from '../ui.js'

const USAGE = `用法：gongkai letter [目录] 申请编号 [--out 目录]

按登记簿中这件申请的办理过程，生成给申请人的告知书：有补正的生成补正告知书，有延期的生成
延期答复告知书，已答复的按办理结果生成答复告知书。每份一个 GB/T 9704 版式的 PDF 和一个
Word 文件（.docx），写到 <输出目录>/letters/<申请编号>/。
告知书模板可在主题目录中替换：theme/letters/补正告知书.md、theme/letters/延期答复告知书.md、
theme/letters/答复告知书-予以公开.md（部分公开、不予公开、无法提供、不予处理、其他处理同理），
模板中用 {{申请人}}、{{收到日期}}、{{申请内容}}、{{办理结果}}、{{依据}}、{{说明}} 等字段。
  --out  输出目录（默认：<目录>/out）`

/** The `letter` command. */
export const letterCommand: Command = {
  name: 'letter',
  summary: '生成依申请公开的补正、延期、答复告知书（PDF、Word）',
  usage: USAGE,
  async run(argv, io) {
    const args = parse(argv, { out: { type: 'string' } }, USAGE, 2)
    const [a, b] = args.positionals
    if (a === undefined) throw new UsageError('请写明申请编号，例如 gongkai letter examples/county-bureau 2026-ysq-001', USAGE)
    const [dirArg, id] = b === undefined ? [undefined, a] : [a, b]
    const project = await openProject(dirArg, io)
    const request = project.requests.find((r) => r.id === id)
    if (request === undefined) {
      const near = didYouMean(
        id,
        project.requests.map((r) => r.id),
      )
      io.err(`登记簿中没有编号为“${id}”的申请${near === undefined ? '' : `，是否想写“${near}”？`}`)
      const own = project.diagnostics.filter((d) => d.severity === 'error' && d.file?.startsWith('requests/') === true && d.subject === id)
      if (own.length > 0) report(own, io)
      return EXIT.content
    }
    const letters = lettersFor(request)
    if (letters.length === 0) {
      io.err(`申请“${id}”还没有补正、延期或答复记录，没有需要生成的告知书`)
      return EXIT.content
    }
    const clock = computeRequestClock(request, projectCalendar(project))
    const dir = join(outDirOf(project, io, text(args, 'out')), 'letters', id)
    mkdirSync(dir, { recursive: true })
    const { renderDocument } = await import('@gongkai/noticeboard')
    const problems: Diagnostic[] = []
    const rows: string[][] = []
    for (const letter of letters) {
      // A theme's own template replaces the built-in one, read through the one way into the folder.
      const themeFile = `theme/letters/${letter.template}.md`
      const where = resolveProjectFileSync(project.dir, themeFile)
      let template = LETTER_TEMPLATES[letter.template] ?? ''
      let source = `(内置模板 ${letter.template})`
      if (where.ok) {
        const read = readProjectTextSync(where.path, themeFile, 256 * 1024, { tooLarge: 'letter/too-large', unreadable: 'letter/unreadable' })
        problems.push(...read.diagnostics)
        if (read.text !== undefined) {
          template = read.text
          source = themeFile
        }
      } else if (where.reason !== 'missing') problems.push({ code: 'file/outside-project', severity: 'error', message: `${themeFile} ${where.message}，没有读取，改用内置模板`, file: themeFile })
      const markdown = fillLetter(template, request, clock, project.config)
      const { tree } = parseBody(markdown, { file: where.ok ? themeFile : `requests/${id}`, bodyLine: 1 })
      // The salutation line (“张某：”) is the 主送, set flush left, not an indented paragraph.
      const first = tree.children[0]
      const salutation = first?.type === 'paragraph' && first.children.length === 1 && first.children[0]?.type === 'text' ? /^(.{1,40})[：:]$/.exec(first.children[0].value.trim())?.[1] : undefined
      if (salutation !== undefined) tree.children.shift()
      const addressee = salutation === undefined ? {} : { addressee: salutation }
      const pdf = await renderDocument({ title: letter.title, tree, date: letter.date, subject: id, file: request.source.file, ...addressee }, project.config, { report: (d) => problems.push(d) })
      const docx = await renderDocx({ title: letter.title, tree, organ: project.config.body.name, date: letter.date, ...addressee })
      const base = join(dir, `${letter.date}-${letter.kind}`)
      writeFileSync(`${base}.pdf`, pdf.pdf)
      writeFileSync(`${base}.docx`, docx)
      rows.push([letter.kind, letter.date, source, shown(io, `${base}.pdf`)])
    }
    report(problems, io)
    io.out(`申请“${id}”的告知书（另有同名 .docx）：`)
    io.out(table(['告知书', '日期', '模板', '文件'], rows))
    return EXIT.ok
  },
}
