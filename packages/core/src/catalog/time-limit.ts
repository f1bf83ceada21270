/**
 * 公开时限 and 公开渠道 as offices write them: words in, structured values out.
 * The original wording is always kept in `text`; nothing here throws.
 */
import { RECORDED_CHANNELS, RENDERED_CHANNELS } from '../model.js'
import type { ChannelName, TimeLimit, TimeLimitFrom } from '../model.js'

const DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
}

/** Full-width digits and letters to ASCII, ideographic space to a space. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ')
}

/** Reads a Chinese numeral up to 999 (二十, 十五, 七, 一百二十, 二〇); undefined when it is not one. */
export function parseChineseNumber(text: string): number | undefined {
  if (text === '' || !/^[零〇一二两三四五六七八九十百]+$/.test(text)) return undefined
  if (!/[十百]/.test(text)) {
    // Digit by digit (二〇 → 20), the way years and some counts are written.
    let n = 0
    for (const c of text) n = n * 10 + (DIGITS[c] ?? 0)
    return n
  }
  let total = 0
  let digit = 0
  for (const c of text) {
    if (c === '百') {
      total += (digit || 1) * 100
      digit = 0
    } else if (c === '十') {
      total += (digit || 1) * 10
      digit = 0
    } else {
      digit = DIGITS[c] ?? 0
    }
  }
  return total + digit
}

/** Replaces runs of Chinese numerals by Arabic digits ("二十个工作日" → "20个工作日"). */
function arabize(text: string): string {
  return text.replace(/[零〇一二两三四五六七八九十百]+/g, (run) => {
    const n = parseChineseNumber(run)
    return n === undefined ? run : String(n)
  })
}

function normalize(text: string): string {
  return arabize(toHalfWidth(text).replace(/\s+/g, ''))
}

/**
 * Which event starts the clock, from the words before the count ("自……之日起").
 * 形成/变更/制作/产生 → formed (art. 26); a decision, approval or conclusion → decided;
 * any other named event (受理, 收到, 发生, 公告期满…) → event. No clause at all → formed,
 * because art. 26 counts from formation unless a law says otherwise.
 */
function clockStart(text: string): TimeLimitFrom {
  const head = text.split(/\d+(?:个)?(?:工作日|自然日|日历日|日|天)/)[0] ?? ''
  if (/形成|变更|制作|产生|获取|生成/.test(head)) return 'formed'
  if (/作出|决定|批准|审批|核准|签发|办结|审定|结案|批复|印发/.test(head)) return 'decided'
  if (/[自从于]|之日|起/.test(head) && head.length > 0) return 'event'
  return 'formed'
}

/**
 * Parses 公开时限 wording into a structured rule, keeping the wording in `text`.
 * Examples: 信息形成或者变更之日起20个工作日内 → 20 working days from formed;
 * 自受理之日起十五日内 → 15 calendar days from event; 每年1月31日前 → annual 1-31;
 * 实时 → realtime; 长期公开 → long-term; a count within a recurring period (每月10日前,
 * 每季度结束后15日内) and anything else → `{ kind: 'unknown', text }`.
 */
export function parseTimeLimit(text: string): TimeLimit {
  const original = text.trim()
  const s = normalize(original)
  if (s === '') return { kind: 'unknown', text: original }

  // "审批前公示5个工作日" / "公示期不少于7日": a notice period or a time before an event, not a deadline.
  if (/公示期?(?:不少于|不得少于|为)?\d+个?(?:工作日|自然日|日|天)|(?<!月\d{0,2})\d+个?(?:工作日|日|天)前/.test(s)) return { kind: 'unknown', text: original }
  const head = s.split(/\d+个?(?:工作日|自然日|日历日|日|天)/)[0] ?? ''
  if (/前/.test(head) && !/每年/.test(s)) return { kind: 'unknown', text: original }
  // A count inside a recurring period (每月10日前, 每季度结束后15日内) is a day of each period, not
  // days from formation; the model has no such rule and a wrong deadline is worse than none.
  if (isPeriodic(s)) return { kind: 'unknown', text: original }
  // A day count wins over 长期/常态 in the same cell: it is the deadline; the rest says how long it stays up.
  const working = /(\d+)个?工作日/.exec(s)
  if (working !== null) {
    return { kind: 'working-days', days: Number(working[1]), from: clockStart(s), text: original }
  }
  // 每年1月31日前 must be seen before "31日" is read as a count of days.
  const annual = /每(?:年|年度)(?:的)?(\d{1,2})月(\d{1,2}|底)日?(?:前|之前|以前|内|止)?/.exec(s)
  if (annual !== null) {
    const month = Number(annual[1])
    const day = annual[2] === '底' ? lastDayOfMonth(month) : Number(annual[2])
    if (month >= 1 && month <= 12 && day >= 1 && day <= lastDayOfMonth(month)) {
      return { kind: 'annual', month, day, text: original }
    }
    return { kind: 'unknown', text: original }
  }
  const calendar = /(\d+)个?(?:自然日|日历日|日|天)(?:内|之内|以内)?/.exec(s)
  if (calendar !== null && !/\d+月\d+日/.test(s)) {
    return { kind: 'calendar-days', days: Number(calendar[1]), from: clockStart(s), text: original }
  }
  if (/实时|即时|同步/.test(s)) return { kind: 'realtime', text: original }
  if (/长期|常态化|常年|持续公开/.test(s)) return { kind: 'long-term', text: original }
  return { kind: 'unknown', text: original }
}

/** Periods a catalog counts within (月, 季度, 半年, 年, 周, 旬); 每年 only where it is not a fixed date each year. */
const PERIOD = /每(?:个)?(?:月|月度|季度|季|半年|半年度|年|年度|周|星期|旬)/
const ANNUAL_AT = /^每(?:年|年度)(?:的)?\d{1,2}月(?:\d{1,2}|底)/

/** True when a period word comes before the first number: the number counts within each period. */
function isPeriodic(s: string): boolean {
  const m = PERIOD.exec(s)
  if (m === null) return false
  const firstDigit = s.search(/\d/)
  if (firstDigit !== -1 && firstDigit < m.index) return false
  return !ANNUAL_AT.test(s.slice(m.index))
}

function lastDayOfMonth(month: number): number {
  // February counts as 29 so that 每年2月29日 is accepted; computeDeadline clamps it in common years.
  return [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0
}

/**
 * Labels of the national checklist (and the usual variants offices write) → channel ids.
 *
 * Decisions:
 * - 两微一端 / 政务新媒体 / 微博 / 客户端 → `wechat`: WeChat is the one new-media channel gongkai
 *   renders, and the checklist groups them in one box.
 * - 政务服务中心 / 办事大厅 / 便民服务中心 → the recorded `service-center` only, NOT also `kiosk`:
 *   a box ticked on the checklist says the hall discloses the item (paper racks, staff, screens),
 *   not that the office owns a kiosk screen; implying `kiosk` would push slides to screens that
 *   may not exist and would not round-trip to the sheet. Offices add `kiosk` themselves.
 * - 电子屏 / 自助终端 / 触摸屏 / 查询机 on their own → `kiosk` (the screens gongkai drives).
 * - 社区/企事业单位/村公示栏（电子屏） → `noticeboard`: the printed sheet; the 电子屏 in that label
 *   is the same board in electronic form, not a service-hall kiosk.
 */
const LABELS: ReadonlyArray<readonly [RegExp, ChannelName]> = [
  [/公示栏|公开栏|宣传栏|公告栏|村务公开/, 'noticeboard'],
  [/政府网站|门户网站|^网站$|官网|网站/, 'website'],
  [/两微一端|政务新媒体|新媒体|微信|公众号|微博|客户端|APP/i, 'wechat'],
  [/政府公报|^公报$/, 'gazette'],
  [/发布会|听证会/, 'press-conference'],
  [/广播|电视/, 'broadcast'],
  [/纸质媒体|报纸|报刊|纸媒/, 'newspaper'],
  [/查阅点|查阅场所|档案馆|图书馆/, 'reading-point'],
  // A screen in the hall (办事大厅电子屏) is a kiosk; the hall alone is not (see above).
  [/电子屏|显示屏|自助终端|触摸屏|查询机|一体机|自助机/, 'kiosk'],
  [/政务服务中心|办事大厅|政务大厅|便民服务中心|服务大厅/, 'service-center'],
  [/便民服务站|服务站|代办点/, 'service-station'],
  [/入户|现场/, 'door-to-door'],
  [/精准推送|短信|定向推送/, 'targeted-push'],
  [/^其他|^其它/, 'other'],
]

const IDS: ReadonlySet<string> = new Set<string>([...RENDERED_CHANNELS, ...Object.keys(RECORDED_CHANNELS)])

/**
 * Maps a channel id or a Chinese checklist label (政府网站, 两微一端, 公示栏, 广播电视, 精准推送…)
 * to a channel id; undefined when the label is not recognised.
 */
export function parseChannelName(label: string): ChannelName | undefined {
  const s = toHalfWidth(label).replace(/[\s■□☑☐✓✔√]/g, '')
  if (s === '') return undefined
  if (IDS.has(s)) return s as ChannelName
  if (IDS.has(s.toLowerCase())) return s.toLowerCase() as ChannelName
  for (const [pattern, id] of LABELS) if (pattern.test(s)) return id
  return undefined
}
