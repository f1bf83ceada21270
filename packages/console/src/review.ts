/**
 * Signing off a level of 保密审查 from the console: the signed-in user and today's date are
 * written into the publication's file (`review: { <level>: { by, on } }`, or `review: { by, on }`
 * with one review), through core's front-matter editing, so the file changes by one line and the
 * folder stays the source of truth. The project is then loaded again: an edit that brings a new
 * error puts the old bytes back.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { loadProject, missingReviewLevels, reviewLevelsOf } from '@gongkai/core'
import type { ConsoleUser, Diagnostic, Project, Publication } from '@gongkai/core'
import { editFrontMatter, resolveProjectFileSync } from '@gongkai/core/internal'
import type { FrontMatterChange } from '@gongkai/core/internal'
import { todayIn } from './views.js'

/** What an approval did: the project as loaded after it, or why nothing was written. */
export type ApproveResult = { readonly ok: true; readonly project: Project; readonly level: string; readonly on: string } | { readonly ok: false; readonly problems: readonly Diagnostic[] }

const refuse = (p: Publication, code: string, message: string, hint: string): ApproveResult => ({
  ok: false,
  problems: [{ code, severity: 'error', message, hint, file: p.source.file, subject: p.id }],
})

/** Signs off `level` of publication `p` as `user` on the clock's today, in the project's timezone. */
export async function approveReview(project: Project, p: Publication, level: string, user: ConsoleUser, now: Date): Promise<ApproveResult> {
  const levels = reviewLevelsOf(project.config)
  const missing = missingReviewLevels(p, levels)
  const on = todayIn(project.config.timezone, now)
  if (missing.length === 0) return refuse(p, 'console/review-done', `“${p.id}”已通过保密审查，无需再审`, '如内容有变化需要重新审查，请先修改文件中的 review 字段')
  if (missing[0] !== level) {
    return refuse(p, 'console/review-order', `现在应审核的是“${missing[0] ?? ''}”，不能先审“${level}”`, `审查按 ${levels.join('、') || '保密审查'} 的顺序进行`)
  }
  // 三审三校: each level is a different person's check.
  const mine = (p.reviewLevels ?? []).find((s) => s.by === user.name)
  if (mine !== undefined) return refuse(p, 'console/review-same-person', `${user.name}已经审核过“${mine.level}”，同一人不能再审“${level}”`, '请由另一位审核人员审核这一级')
  if (on < p.formed) return refuse(p, 'console/review-before-formed', `今天（${on}）早于信息形成日期 ${p.formed}，不能审核`, '请核对文件中的 formed 字段')
  if (levels.length > 0 && p.review !== undefined) {
    return refuse(p, 'console/review-unnamed', '文件中的 review 只写了一次审查、没有注明级别，无法添加分级审查', `请先把它改成 review: { ${levels[0] ?? '初审'}: { by: …, on: … } } 的形式`)
  }
  const where = resolveProjectFileSync(project.dir, p.source.file)
  if (!where.ok) return refuse(p, 'file/outside-project', `${p.source.file} ${where.message}，没有改动`, '公开信息文件须在项目目录之内')
  const change: FrontMatterChange = levels.length === 0 ? { kind: 'set', key: 'review', value: { by: user.name, on } } : { kind: 'setIn', key: 'review', sub: level, value: { by: user.name, on } }
  const before = readFileSync(where.path)
  const after = editFrontMatter(before, p.source.file, change)
  const temp = `${where.path}.gongkai-console-${process.pid}.tmp`
  writeFileSync(temp, after)
  renameSync(temp, where.path)
  const again = await loadProject(project.dir)
  const key = (d: Diagnostic) => `${d.file ?? ''} ${d.severity} ${d.code} ${d.message}`
  const known = new Set(project.diagnostics.map(key))
  const news = again.diagnostics.filter((d) => d.severity === 'error' && !known.has(key(d)))
  if (news.length > 0) {
    writeFileSync(temp, before)
    renameSync(temp, where.path)
    return { ok: false, problems: news }
  }
  return { ok: true, project: again, level, on }
}
