/**
 * The review block of each publication against the config's levels: a level the config does not
 * name, a sign-off before the information was formed or before the level above it, and a single
 * review where the config asks for levels. Each is reported at its field; `isReviewed` applies the
 * same rule, so a reported level never counts (a single review dated before `formed` is only warned
 * about, as before levels existed).
 */
import type { Diagnostic } from '../diagnostics.js'
import type { Publication } from '../model.js'
import { didYouMean } from './did-you-mean.js'

const at = (p: Publication, field: string) => {
  const pos = p.source.fields?.[field] ?? p.source.fields?.['review']
  return { file: p.source.file, ...(pos === undefined ? {} : { line: pos.line, column: pos.column }), subject: p.id }
}

/** Every review problem of these publications under the config's `levels` (empty: one review). */
export function checkReviews(publications: readonly Publication[], levels: readonly string[]): Diagnostic[] {
  const out: Diagnostic[] = []
  const shown = levels.join('、')
  for (const p of publications) {
    if (p.review !== undefined) {
      if (p.review.on < p.formed) {
        out.push({
          code: 'publication/review-before-formed',
          severity: levels.length === 0 ? 'warning' : 'error',
          message: `保密审查日期 ${p.review.on} 早于信息形成日期 ${p.formed}`,
          hint: '审查的应是这份已形成的信息：请核对 review.on 和 formed；信息变更后须重新审查',
          ...at(p, 'review.on'),
        })
      }
      if (levels.length > 0) {
        out.push({
          code: 'publication/review-level-unnamed',
          severity: 'warning',
          message: `配置要求${levels.length}级审查（${shown}），这里只写了一次审查、没有注明级别，按未审查处理，不会发布`,
          hint: `请按级别填写，例如 review: { ${levels.map((l) => `${l}: { by: 审查人, on: 日期 }`).join(', ')} }`,
          ...at(p, 'review'),
        })
      }
    }
    if (p.reviewLevels === undefined) continue
    let previous: { level: string; on: string } | undefined
    for (const s of p.reviewLevels) {
      const field = `review.${s.level}`
      if (!levels.includes(s.level)) {
        const near = didYouMean(s.level, levels)
        out.push({
          code: 'publication/unknown-review-level',
          severity: 'error',
          message: levels.length === 0 ? `配置没有规定审查级别，“${s.level}”无法识别` : `审查级别“${s.level}”不在配置的级别（${shown}）中`,
          hint:
            levels.length === 0
              ? '只有一级审查时写 review: { by: 审查人, on: 日期 }；要分级审查，请在 gongkai.config.yaml 写 review: { levels: [初审, 复审] }'
              : near === undefined
                ? `可用级别：${shown}`
                : `是否想写“${near}”？`,
          ...at(p, field),
        })
      }
    }
    for (const level of levels) {
      const s = p.reviewLevels.find((r) => r.level === level)
      if (s === undefined) continue
      if (s.on < p.formed) {
        out.push({
          code: 'publication/review-before-formed',
          severity: 'error',
          message: `${level}日期 ${s.on} 早于信息形成日期 ${p.formed}`,
          hint: `审查的应是这份已形成的信息：请核对 review.${level}.on 和 formed；信息变更后须重新审查`,
          ...at(p, `${field(level)}.on`),
        })
      } else if (previous !== undefined && s.on < previous.on) {
        out.push({
          code: 'publication/review-level-order',
          severity: 'error',
          message: `${level}日期 ${s.on} 早于${previous.level}日期 ${previous.on}`,
          hint: `审查按 ${shown} 的顺序进行：请核对各级的 on 日期`,
          ...at(p, `${field(level)}.on`),
        })
        continue
      }
      if (s.on >= p.formed) previous = { level, on: s.on }
    }
  }
  return out
}

const field = (level: string) => `review.${level}`
