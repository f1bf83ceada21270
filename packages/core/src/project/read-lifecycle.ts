/**
 * The lifecycle fields of a publication's front matter: `withdrawn`, `corrections`, `validity`,
 * `expires`. Read on their own, beside the other fields, so that each problem is reported at its
 * node; the checks that need the other files (a redirect's target, `validity.by`) are in validate.ts.
 */
import { isMap, isSeq } from 'yaml'
import type { Node } from 'yaml'
import type { Correction, Validity, ValidityStatus, WithdrawMode, Withdrawal } from '../model.js'
import { didYouMean } from './did-you-mean.js'
import { Fields } from './fields.js'
import type { Position, YamlSource } from './yaml-source.js'

/** The lifecycle keys of the front matter. */
export const LIFECYCLE_FIELDS = ['withdrawn', 'corrections', 'validity', 'expires'] as const

/** Accepted spellings of the withdrawal modes, Chinese included. */
export const WITHDRAW_MODES: Readonly<Record<string, WithdrawMode>> = {
  notice: 'notice',
  remove: 'remove',
  redirect: 'redirect',
  保留页面: 'notice',
  撤下: 'remove',
  删除: 'remove',
  跳转: 'redirect',
  替代: 'redirect',
}

/** Accepted spellings of 有效性. */
export const VALIDITY_STATUSES: Readonly<Record<string, ValidityStatus>> = { 有效: '有效', 失效: '失效', 废止: '废止' }

/** What the lifecycle fields gave; `ok` is false when `withdrawn` is broken (a half withdrawal would leave it online). */
export interface LifecycleFields {
  readonly ok: boolean
  readonly withdrawn?: Withdrawal
  readonly corrections?: readonly Correction[]
  readonly validity?: Validity
  readonly expires?: string
}

/** Reads the lifecycle fields of the front matter `f`; `positions` gains theirs (`withdrawn.on`, `corrections.0.on`, …). */
export function readLifecycle(src: YamlSource, f: Fields, subject: string | undefined, formed: string | undefined, positions: Record<string, Position>): LifecycleFields {
  const withdrawn = readWithdrawn(src, f, subject, formed, positions)
  const corrections = readCorrections(src, f, subject, formed, positions)
  const validity = readValidity(src, f, subject, formed, positions)
  const expires = f.date('expires', '失效日期')
  if (expires !== undefined && formed !== undefined && expires < formed) beforeFormed(f, 'expires', '失效日期', expires, formed)
  return {
    ok: withdrawn !== null,
    ...(withdrawn === null || withdrawn === undefined ? {} : { withdrawn }),
    ...(corrections === undefined ? {} : { corrections }),
    ...(validity === undefined ? {} : { validity }),
    ...(expires === undefined || (formed !== undefined && expires < formed) ? {} : { expires }),
  }
}

function beforeFormed(f: Fields, key: string, label: string, value: string, formed: string): void {
  f.report(f.at(key), 'date-before-formed', `${f.what}的${label} ${value} 早于信息形成日期 ${formed}`, `请检查 ${key}：它不能早于信息形成日期（formed）`)
}

function nest(into: Record<string, Position>, key: string, from: Readonly<Record<string, Position>>): void {
  for (const [k, v] of Object.entries(from)) into[`${key}.${k}`] = v
}

/** One of a closed set, with its own code when the value is not in it. */
function pick<T extends string>(f: Fields, key: string, label: string, allowed: Readonly<Record<string, T>>, code: string): T | undefined | null {
  const text = f.string(key, label, true)
  if (text === undefined) return null
  const v = allowed[text] ?? allowed[text.toLowerCase()]
  if (v !== undefined) return v
  const near = didYouMean(text, Object.keys(allowed))
  const values = [...new Set(Object.values(allowed))]
  f.report(f.at(key), code, `${f.what}的“${key}”（${label}）不能是“${text}”`, `${near === undefined ? '' : `是否想写“${allowed[near] ?? near}”？`}可选值：${values.join('、')}`)
  return null
}

/** Undefined when absent, null when broken. */
function readWithdrawn(src: YamlSource, f: Fields, subject: string | undefined, formed: string | undefined, positions: Record<string, Position>): Withdrawal | undefined | null {
  if (f.pair('withdrawn') === undefined) return undefined
  const map = f.mapping('withdrawn', '撤回', true)
  if (map === undefined) return null
  const w = new Fields(src, map, 'publication', `${f.what}的撤回`, subject)
  w.unknown(['on', 'reason', 'mode', 'to'])
  const on = w.date('on', '撤回日期', true)
  const reason = w.string('reason', '撤回原因', true, 'lines')
  const mode = pick(w, 'mode', '撤回方式', WITHDRAW_MODES, 'bad-withdraw-mode')
  const to = w.string('to', '替代它的公开信息', false, 'name')
  nest(positions, 'withdrawn', w.positions)
  let ok = on !== undefined && reason !== undefined && mode !== null && mode !== undefined
  if (on !== undefined && formed !== undefined && on < formed) {
    beforeFormed(w, 'on', '撤回日期', on, formed)
    ok = false
  }
  if (mode === 'redirect' && to === undefined) {
    w.report(w.pair('mode') ?? map, 'redirect-without-to', `${f.what}以跳转（redirect）方式撤回，但没有写 to`, '请加上 to: 替代它的公开信息的 id；或改用 notice、remove')
    ok = false
  }
  if (mode !== 'redirect' && mode !== null && mode !== undefined && to !== undefined) {
    w.report(w.at('to'), 'to-without-redirect', `${f.what}的撤回方式是 ${mode}，to 不起作用`, '只有 mode: redirect 才跳转到 to；不跳转请删去 to', 'warning')
  }
  if (!ok || on === undefined || reason === undefined || mode === null || mode === undefined) return null
  return { on, reason, mode, ...(mode === 'redirect' && to !== undefined ? { to } : {}) }
}

function readCorrections(src: YamlSource, f: Fields, subject: string | undefined, formed: string | undefined, positions: Record<string, Position>): Correction[] | undefined {
  const node = f.node('corrections')
  if (node === undefined) return undefined
  const at = src.position(node)
  if (at !== undefined) positions['corrections'] = at
  if (!isSeq(node)) {
    f.report(node, 'bad-type', `${f.what}的更正说明（corrections）应当是列表`, '每条更正写成“- { on: 2026-12-01, note: …}”')
    return undefined
  }
  const out: Correction[] = []
  for (const [index, item] of (node.items as (Node | null)[]).entries()) {
    if (!isMap(item)) {
      src.report(item ?? node, 'publication/bad-type', 'error', `${f.what}的更正说明应当写成 { on: …, note: … }`, '例如 - { on: 2026-12-01, note: 更正了第三段的处罚金额 }', subject)
      continue
    }
    const c = new Fields(src, item, 'publication', `${f.what}的第 ${index + 1} 条更正说明`, subject)
    c.unknown(['on', 'note'])
    const on = c.date('on', '更正日期', true)
    const note = c.string('note', '更正内容', true, 'lines')
    nest(positions, `corrections.${index}`, c.positions)
    if (on !== undefined && formed !== undefined && on < formed) {
      c.report(c.at('on'), 'correction-before-formed', `${c.what}的日期 ${on} 早于信息形成日期 ${formed}`, '请检查这条更正的 on：信息形成之前不能更正')
      continue
    }
    if (on !== undefined && note !== undefined) out.push({ on, note })
  }
  return out
}

function readValidity(src: YamlSource, f: Fields, subject: string | undefined, formed: string | undefined, positions: Record<string, Position>): Validity | undefined {
  if (f.pair('validity') === undefined) return undefined
  const map = f.mapping('validity', '有效性', true)
  if (map === undefined) return undefined
  const v = new Fields(src, map, 'publication', `${f.what}的有效性`, subject)
  v.unknown(['status', 'on', 'by'])
  const status = pick(v, 'status', '有效性状态', VALIDITY_STATUSES, 'bad-validity-status')
  const on = v.date('on', '生效日期')
  const by = v.string('by', '依据')
  nest(positions, 'validity', v.positions)
  if (on !== undefined && formed !== undefined && on < formed) {
    beforeFormed(v, 'on', '有效性变更日期', on, formed)
    return undefined
  }
  if (status === null || status === undefined) return undefined
  return { status, ...(on === undefined ? {} : { on }), ...(by === undefined ? {} : { by }) }
}
