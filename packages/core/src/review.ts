/**
 * Whether a publication passed 保密审查: the one rule the hub, every channel, the scheduler and the
 * CLI follow. With no levels in the config, one review (`review: { by, on }`) is enough; with
 * `review.levels`, every level must be signed off, none before the information was formed, each
 * on or after the one before it.
 */
import type { ProjectConfig } from './config.js'
import type { Publication } from './model.js'

/** The name of the single review when the config names no levels. */
const SINGLE = '保密审查'

/** The review levels a config requires, in order; empty when it names none (one review). */
export function reviewLevelsOf(config: Pick<ProjectConfig, 'review'> | undefined): readonly string[] {
  return config?.review?.levels ?? []
}

/**
 * The levels a publication still lacks, in the config's order; empty when it is reviewed. With no
 * levels configured the one missing review is named 保密审查. A sign-off dated before `formed`, or
 * before the level above it, does not count: the review must be of this text, in order.
 */
export function missingReviewLevels(p: Publication, levels: readonly string[] = []): string[] {
  if (levels.length === 0) return p.review === undefined ? [SINGLE] : []
  const missing: string[] = []
  let previous: string | undefined
  for (const level of levels) {
    const s = p.reviewLevels?.find((r) => r.level === level)
    if (s === undefined || s.on < p.formed || (previous !== undefined && s.on < previous)) {
      missing.push(level)
      continue
    }
    previous = s.on
  }
  return missing
}

/** Whether a publication passed every level of 保密审查 the config requires (`levels` from `reviewLevelsOf`). */
export function isReviewed(p: Publication, levels: readonly string[] = []): boolean {
  return missingReviewLevels(p, levels).length === 0
}

/** What operators read about a publication held for review, e.g. `未通过保密审查：缺少复审`. */
export function describeMissingReview(p: Publication, levels: readonly string[] = []): string {
  const missing = missingReviewLevels(p, levels)
  if (missing.length === 0) return ''
  return levels.length === 0 ? '未通过保密审查' : `未通过保密审查：缺少${missing.join('、')}`
}
