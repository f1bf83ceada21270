/** What `withdraw` and `correct` share: finding the publication, the checks before writing, the write and the validation after it. */
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadProject } from '@gongkai/core'
import { didYouMean, isRealDate } from '@gongkai/core/internal'
import type { Diagnostic, Project, Publication } from '@gongkai/core'
import type { Io } from './command.js'
import { EXIT, UsageError } from './errors.js'
import { editFrontMatter } from './front-matter-edit.js'
import type { FrontMatterChange } from './front-matter-edit.js'
import { report } from './project.js'
import { todayIn } from './ui.js'

/** Where a field of a publication stands, as a Diagnostic's place. */
export function placeOfField(p: Publication, field: string): Pick<Diagnostic, 'file' | 'line' | 'column' | 'subject'> {
  const pos = p.source.fields?.[field]
  return { file: p.source.file, ...(pos === undefined ? {} : { line: pos.line, column: pos.column }), subject: p.id }
}

/** The publication `id` names, or the refusal (`area/unknown-id`) with the nearest id. */
export function findPublication(project: Project, id: string, area: string): Publication | Diagnostic {
  const found = project.publications.find((p) => p.id === id)
  if (found !== undefined) return found
  const near = didYouMean(
    id,
    project.publications.map((p) => p.id),
  )
  return {
    code: `${area}/unknown-id`,
    severity: 'error',
    message: `项目中没有 id 为“${id}”的公开信息`,
    hint: `${near === undefined ? '' : `是否想写“${near}”？`}若这个文件有错误而没有读入，请先运行 gongkai validate 改正它`,
  }
}

/** The `--on` date: as given (a real YYYY-MM-DD), or today in the project's timezone by the injected clock. */
export function dayOf(given: string | undefined, project: Project, io: Io, usage: string): string {
  if (given === undefined) return todayIn(project.config.timezone, io.now())
  if (!isRealDate(given)) throw new UsageError(`--on 应为真实存在的日期，写作 YYYY-MM-DD，不能是“${given}”`, usage)
  return given
}

/** The refusal of a date before the publication's formation, at its `formed` field. */
export function beforeFormed(p: Publication, on: string, label: string, area: string): Diagnostic | undefined {
  if (on >= p.formed) return undefined
  return {
    code: `${area}/before-formed`,
    severity: 'error',
    message: `${label} ${on} 早于“${p.id}”的信息形成日期 ${p.formed}`,
    hint: '请用 --on 写信息形成之后的日期；若 formed 写错了，先改正它',
    ...placeOfField(p, 'formed'),
  }
}

/** Prints the refusals and returns exit code 1. */
export function refuse(problems: readonly Diagnostic[], io: Io): number {
  report(problems, io)
  io.err('没有改动任何文件。')
  return EXIT.content
}

/**
 * Writes `change` into the publication's file, then loads the project again: a new error (in any
 * file) puts the old bytes back (the folder is never left with a file the command broke). Returns the exit code.
 */
export async function writeAndValidate(project: Project, p: Publication, change: FrontMatterChange, io: Io, done: string): Promise<number> {
  const path = join(project.dir, ...p.source.file.split('/'))
  const before = readFileSync(path)
  const after = editFrontMatter(before, p.source.file, change)
  const temp = `${path}.gongkai-${process.pid}.tmp`
  writeFileSync(temp, after)
  renameSync(temp, path)
  const again = await loadProject(project.dir)
  // What the file already said before the edit (by code and message: lines below the new ones moved) is not news.
  const key = (d: Diagnostic) => `${d.file ?? ''} ${d.severity} ${d.code} ${d.message}`
  const known = new Set(project.diagnostics.map(key))
  const mine = again.diagnostics.filter((d) => !known.has(key(d)))
  // An error anywhere that the edit brought (another file's redirect to this one) undoes it too.
  if (mine.some((d) => d.severity === 'error')) {
    writeFileSync(temp, before)
    renameSync(temp, path)
    report(mine, io)
    io.err(`改动 ${p.source.file} 后项目出现了新的错误，已恢复原文件。`)
    return EXIT.content
  }
  report(mine, io)
  io.out(done)
  return EXIT.ok
}
