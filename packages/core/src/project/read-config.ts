/** gongkai.config.yaml → ProjectConfig, every problem reported with its place. */
import { isMap, isScalar, isSeq } from 'yaml'
import type { Node, YAMLMap } from 'yaml'
import { CONSOLE_ROLE_NAMES } from '../config.js'
import type { ColumnConfig, ConsoleRole, ConsoleUser, ProjectConfig, ScheduleConfig } from '../config.js'
import type { Diagnostic } from '../diagnostics.js'
import { RENDERED_CHANNELS } from '../model.js'
import { codePointName, stripInvisible } from '../invisible.js'
import { didYouMean } from './did-you-mean.js'
import { Fields } from './fields.js'
import type { TextForm } from './fields.js'
import { isSafeRelativePath, unsafeReason } from './safe-name.js'
import { YamlSource } from './yaml-source.js'
import type { SourceFile } from './yaml-source.js'

/** The config file's name in a project folder. */
export const CONFIG_FILE = 'gongkai.config.yaml'

/** The font files `fonts:` may name, and what operators call them. */
const FONT_KEYS = ['fallback', 'body', 'title', 'heading'] as const
const FONT_LABELS: Record<(typeof FONT_KEYS)[number], string> = { fallback: '补字字体文件', body: '正文字体文件（仿宋）', title: '标题字体文件（小标宋）', heading: '一级标题字体文件（黑体）' }

const TOP = ['body', 'site', 'timezone', 'calendar', 'fonts', 'ledger', 'store', 'storePasswordEnv', 'channels', 'schedules', 'review', 'check', 'assessment', 'users'] as const
const USER = ['id', 'name', 'roles', 'password'] as const
/** `scrypt$N$r$p$salt$hash`, as `gongkai user add` writes it. */
const PASSWORD_HASH = /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/]+={0,2}\$[A-Za-z0-9+/]+={0,2}$/
const BODY = ['name', 'orgCode', 'address', 'phone'] as const
const SITE = ['title', 'baseUrl', 'sponsor', 'siteCode', 'icp', 'police', 'partyLogo', 'columns'] as const
const COLUMN = ['id', 'title', 'items', 'categories', 'tags', 'description'] as const
const SCHEDULE = ['id', 'task', 'cron', 'workdays', 'options'] as const
const TASKS = [...RENDERED_CHANNELS, 'deadlines', 'verify', 'check']

function validTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz })
    return true
  } catch {
    return false
  }
}

/** Checks 5- or 6-field cron syntax loosely: the scheduler does the full check. */
function plausibleCron(cron: string): boolean {
  const fields = cron.trim().split(/\s+/)
  return (fields.length === 5 || fields.length === 6) && fields.every((f) => /^[\d*,/\-A-Za-z?LW#]+$/.test(f))
}

/** A placeholder config, used when the file is missing or unreadable, so that loading goes on. */
function placeholder(): ProjectConfig {
  return {
    body: { name: '', orgCode: '000000000' },
    site: { title: '', baseUrl: 'http://localhost/', columns: [] },
    timezone: 'Asia/Shanghai',
    fonts: {},
    channels: {},
    schedules: [],
    ledger: '.gongkai/ledger.sqlite',
  }
}

/**
 * A text field that must be written as text: `title: 12345` or `ledger: 7` is a number to YAML,
 * a sign that something else was meant, so it is an error at the value rather than read as "12345".
 */
function text(f: Fields | undefined, key: string, label: string, required = false, form: TextForm = 'line'): string | undefined {
  const value = f?.string(key, label, required, form)
  if (f === undefined || value === undefined) return value
  const node = f.node(key)
  if (isScalar(node) && typeof node.value !== 'string') {
    const kind = typeof node.value === 'boolean' ? '是非值' : '数字'
    f.report(node, 'bad-type', `${f.what}的“${key}”（${label}）应当是一段文字，而不是${kind} ${value}`, `若确实要写 ${value}，请加引号：${key}: "${value}"`)
    return undefined
  }
  return value
}

/** Deepest nesting of channel options whose places are recorded; options are never nested nearly this deep. */
const MAX_OPTION_DEPTH = 16

/** Positions of every value under `channels`, by path (`channels.kiosk.rules[0].days`), walked without recursion. */
function channelPlaces(src: YamlSource, channels: YAMLMap, root = 'channels'): Record<string, { line: number; column: number }> {
  const out: Record<string, { line: number; column: number }> = {}
  const stack: { node: Node; path: string; depth: number }[] = [{ node: channels, path: root, depth: 0 }]
  while (stack.length > 0) {
    const { node, path, depth } = stack.pop() as { node: Node; path: string; depth: number }
    const at = src.position(node)
    if (at !== undefined) out[path] = { line: at.line, column: at.column }
    if (depth >= MAX_OPTION_DEPTH) continue
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue
        const child = `${path}.${String(pair.key.value)}`
        const value = pair.value as Node | null
        if (value !== null && value.range && !(isScalar(value) && value.value === null)) stack.push({ node: value, path: child, depth: depth + 1 })
        else {
          const key = src.position(pair.key)
          if (key !== undefined) out[child] = { line: key.line, column: key.column }
        }
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        if (item !== null && (item as Node).range) stack.push({ node: item as Node, path: `${path}[${i}]`, depth: depth + 1 })
      })
    }
  }
  return out
}

/**
 * Takes invisible characters out of the texts of one channel's options (line breaks and tabs
 * kept: some options are blocks of text), one warning per option at its value, before the options
 * are read. Walked without recursion, as deep as `channelPlaces` records places.
 */
function cleanOptionTexts(src: YamlSource, channel: string, options: YAMLMap): void {
  const stack: { node: Node; path: string; depth: number }[] = [{ node: options, path: channel, depth: 0 }]
  while (stack.length > 0) {
    const { node, path, depth } = stack.pop() as { node: Node; path: string; depth: number }
    if (isScalar(node)) {
      if (typeof node.value !== 'string') continue
      const { text, found } = stripInvisible(node.value, true)
      if (found === undefined) continue
      node.value = text
      src.report(
        node,
        'config/invisible-character',
        'warning',
        `渠道设置“${path}”中有不可见的控制字符（如 ${codePointName(found)}），已删除`,
        '可能是从其他软件粘贴时带入的：请在文件中删去它；使用的设置已不含它',
      )
      continue
    }
    if (depth >= MAX_OPTION_DEPTH) continue
    if (isMap(node)) {
      for (const pair of node.items) {
        const v = pair.value as Node | null
        if (v !== null && isScalar(pair.key)) stack.push({ node: v, path: `${path}.${String(pair.key.value)}`, depth: depth + 1 })
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        if (item !== null) stack.push({ node: item as Node, path: `${path}[${i}]`, depth: depth + 1 })
      })
    }
  }
}

/** Reads and validates gongkai.config.yaml; never throws. */
export function readConfig(source: SourceFile | undefined, diagnostics: Diagnostic[]): ProjectConfig {
  if (source === undefined) {
    diagnostics.push({
      code: 'config/missing-file',
      severity: 'error',
      message: `找不到项目配置文件 ${CONFIG_FILE}`,
      hint: '请在项目目录中创建它，或运行 gongkai init 生成模板',
      file: CONFIG_FILE,
    })
    return placeholder()
  }
  const src = new YamlSource(source.file, source.text, diagnostics)
  // A file YAML cannot read is reported once; guessing its fields would only add noise.
  if (src.broken) return placeholder()
  const root = src.rootMap('config/bad-type', '项目配置文件')
  if (root === undefined) return placeholder()
  const top = new Fields(src, root, 'config', '项目配置')
  top.unknown(TOP)

  const bodyMap = top.mapping('body', '发布机构', true)
  const body = bodyMap === undefined ? undefined : new Fields(src, bodyMap, 'config', '发布机构（body）')
  body?.unknown(BODY)
  const name = text(body, 'name', '机构名称', true) ?? ''
  let orgCode = body?.string('orgCode', '组织机构代码', true) ?? '000000000'
  const orgNode = body?.node('orgCode')
  if (orgNode !== undefined && isScalar(orgNode) && typeof orgNode.value === 'number') {
    body?.report(orgNode, 'org-code-number', `组织机构代码“${orgCode}”没有加引号`, `请写成 orgCode: "${orgCode}"，以免开头的 0 被当作数字丢掉`, 'warning')
  }
  if (!/^[0-9A-Za-z-]+$/.test(orgCode)) {
    body?.report(body.at('orgCode'), 'bad-value', `组织机构代码“${orgCode}”只能由数字和字母组成`, '它会出现在索引号中，例如 008672531/2026-00031')
    orgCode = orgCode.replace(/[^0-9A-Za-z-]/g, '') || '000000000'
  } else if (orgNode !== undefined && !/^[0-9A-Z]{9}$/.test(orgCode)) {
    // Checked here, at its place, rather than only when the first 索引号 is made without one.
    body?.report(
      body.at('orgCode'),
      'bad-org-code',
      `组织机构代码“${orgCode}”应为 9 个数字或大写字母`,
      '组织机构代码是统一社会信用代码的第 9 至 17 位，例如 91510000MA6C5XXX8K 中的 MA6C5XXX8；它出现在索引号中，如 008672531/2026-00031',
    )
  }

  const siteMap = top.mapping('site', '网站', true)
  const site = siteMap === undefined ? undefined : new Fields(src, siteMap, 'config', '网站（site）')
  site?.unknown(SITE)
  const title = text(site, 'title', '网站名称', true) ?? ''
  let baseUrl = text(site, 'baseUrl', '网站地址', true) ?? 'http://localhost/'
  if (site?.node('baseUrl') !== undefined) {
    let ok: boolean
    try {
      const u = new URL(baseUrl)
      ok = u.protocol === 'http:' || u.protocol === 'https:'
    } catch {
      ok = false
    }
    if (!ok) {
      site.report(site.at('baseUrl'), 'bad-value', `网站地址“${baseUrl}”不是完整的网址`, '请写以 https:// 开头的完整地址，并以“/”结尾，例如 https://www.example.gov.cn/gk/')
      baseUrl = 'http://localhost/'
    } else if (!baseUrl.endsWith('/')) {
      site.report(site.at('baseUrl'), 'bad-value', `网站地址“${baseUrl}”没有以“/”结尾，已按目录处理`, `请写成 ${baseUrl}/`, 'warning')
      baseUrl = `${baseUrl}/`
    }
  }
  const optionalText = (f: Fields | undefined, key: string, label: string) => {
    const v = f?.string(key, label)
    return v === undefined ? {} : { [key]: v }
  }
  const partyLogo = text(site, 'partyLogo', '党政机关网站标识', false, 'name')
  if (partyLogo !== undefined && !isSafeRelativePath(partyLogo)) {
    site?.report(site.at('partyLogo'), 'unsafe-path', `党政机关网站标识的路径“${partyLogo}”不在项目目录中`, '请把图片放在 assets/ 下，写相对路径，例如 assets/dzjg.png')
  }
  const columns = readColumns(src, site)

  const timezone = text(top, 'timezone', '时区') ?? 'Asia/Shanghai'
  if (!validTimezone(timezone)) {
    top.report(top.at('timezone'), 'bad-value', `时区“${timezone}”无法识别`, '一般写 Asia/Shanghai')
  }
  const calendar = text(top, 'calendar', '工作日历文件', false, 'name')
  if (calendar !== undefined && !isSafeRelativePath(calendar)) {
    top.report(top.at('calendar'), 'unsafe-path', `工作日历文件“${calendar}”不在项目目录中`, '请写项目目录内的相对路径，例如 calendar.yaml')
  }
  const fontsMap = top.mapping('fonts', '字体')
  const fonts = fontsMap === undefined ? undefined : new Fields(src, fontsMap, 'config', '字体（fonts）')
  fonts?.unknown(FONT_KEYS)
  const fontFiles: Record<string, string> = {}
  for (const key of FONT_KEYS) {
    const value = text(fonts, key, FONT_LABELS[key], false, 'name')
    if (value === undefined) continue
    if (!/\.(?:ttf|otf|ttc)$/i.test(value)) {
      fonts?.report(fonts.at(key), 'bad-font', `${FONT_LABELS[key]}“${value}”应为 TTF、OTF 或 TTC 字体文件`, '例如 /usr/share/fonts/truetype/fangsong/FangSong_GB2312.ttf；不支持 woff2')
      continue
    }
    fontFiles[key] = value
  }
  const fontPlaces = fonts === undefined ? undefined : Object.fromEntries(Object.entries(fonts.positions).filter(([k]) => fontFiles[k] !== undefined))
  const ledger = text(top, 'ledger', '台账文件', false, 'name') ?? '.gongkai/ledger.sqlite'
  const store = readStore(top, orgNode !== undefined)

  const channels: Record<string, Readonly<Record<string, unknown>>> = {}
  const channelsMap = top.mapping('channels', '渠道设置')
  if (channelsMap !== undefined) {
    for (const pair of channelsMap.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : ''
      if (!(RENDERED_CHANNELS as readonly string[]).includes(key)) {
        const near = didYouMean(key, RENDERED_CHANNELS)
        src.report(
          pair.key as Node,
          'config/unknown-channel',
          'warning',
          `渠道“${key}”不是 gongkai 自带的渠道`,
          near === undefined ? `自带渠道：${RENDERED_CHANNELS.join('、')}` : `是否想写“${near}”？`,
        )
      }
      const value = pair.value as Node | null
      if (value === null || (isScalar(value) && value.value === null)) channels[key] = {}
      else if (isMap(value)) {
        cleanOptionTexts(src, key, value)
        channels[key] = value.toJSON() as Record<string, unknown>
      } else src.report(value, 'config/bad-type', 'error', `渠道“${key}”的设置应当是“字段: 值”的形式`, `例如 ${key}: { … }`)
    }
  }
  const schedules = readSchedules(src, top)
  const review = readReviewLevels(src, top)
  const users = readUsers(src, top)
  const places = channelsMap === undefined ? undefined : channelPlaces(src, channelsMap)
  // The self-inspection settings are read by @gongkai/check, which reports their problems at these places.
  const checkMap = top.mapping('check', '自查设置')
  const assessmentMap = top.mapping('assessment', '自评设置')
  const settingPlaces = {
    ...(checkMap === undefined ? {} : channelPlaces(src, checkMap, 'check')),
    ...(assessmentMap === undefined ? {} : channelPlaces(src, assessmentMap, 'assessment')),
  }

  return {
    body: { name, orgCode, ...optionalText(body, 'address', '地址'), ...optionalText(body, 'phone', '电话') },
    site: {
      title,
      baseUrl,
      ...optionalText(site, 'sponsor', '主办单位'),
      ...optionalText(site, 'siteCode', '政府网站标识码'),
      ...optionalText(site, 'icp', 'ICP 备案号'),
      ...optionalText(site, 'police', '公安机关备案号'),
      ...(partyLogo === undefined ? {} : { partyLogo }),
      columns,
    },
    timezone,
    ...(calendar === undefined ? {} : { calendar }),
    fonts: fontFiles,
    ...(fontPlaces === undefined || Object.keys(fontPlaces).length === 0 ? {} : { fontPlaces }),
    channels,
    schedules,
    ledger,
    ...store,
    ...(review === undefined ? {} : { review }),
    ...(users === undefined ? {} : { users }),
    ...(places === undefined ? {} : { channelPlaces: places }),
    ...(checkMap === undefined ? {} : { check: checkMap.toJSON() as Record<string, unknown> }),
    ...(assessmentMap === undefined ? {} : { assessment: assessmentMap.toJSON() as Record<string, unknown> }),
    ...(Object.keys(settingPlaces).length === 0 ? {} : { settingPlaces }),
  }
}

/** Keys a level's sign-off uses in a publication (`review: { 初审: { by, on } }`): a level cannot take their names. */
const SIGNOFF_KEYS = ['by', 'on', 'level']

/** `review: { levels: [初审, 复审] }`: the levels of 保密审查 every publication must pass, in order. */
function readReviewLevels(src: YamlSource, top: Fields): ProjectConfig['review'] {
  const map = top.mapping('review', '保密审查')
  if (map === undefined) return undefined
  const f = new Fields(src, map, 'config', '保密审查（review）')
  f.unknown(['levels'])
  const node = f.node('levels')
  const read = f.strings('levels', '审查级别')
  if (read === undefined) return undefined
  const items = isSeq(node) ? (node.items as (Node | null)[]).filter((n): n is Node => isScalar(n) && (typeof n.value === 'string' || typeof n.value === 'number') && String(n.value) !== '') : []
  const levels: string[] = []
  read.forEach((level, i) => {
    const place = items[i] ?? node
    if (SIGNOFF_KEYS.includes(level)) {
      f.report(place, 'bad-review-level', `审查级别不能叫“${level}”`, `by、on、level 是公开信息中审查人、审查日期的字段名；请用 初审、复审、终审 这样的名称`)
    } else if (levels.includes(level)) {
      f.report(place, 'duplicate-review-level', `审查级别“${level}”写了两次`, '每一级只写一次，按审查先后排列，例如 levels: [初审, 复审, 终审]')
    } else levels.push(level)
  })
  return { levels }
}

/** `users:`: the console's users, each `{ id, name, roles: [编辑, 审核], password: scrypt$… }`. */
function readUsers(src: YamlSource, top: Fields): ConsoleUser[] | undefined {
  const node = top.node('users')
  if (node === undefined) return undefined
  if (!isSeq(node)) {
    top.report(node, 'bad-type', '用户（users）应当是列表', '每个用户写成“- { id: zhangsan, name: 张三, roles: [审核], password: … }”，用 gongkai user add 添加')
    return []
  }
  const byName = new Map<string, ConsoleRole>(
    Object.entries(CONSOLE_ROLE_NAMES).flatMap(([role, name]) => [
      [name, role as ConsoleRole],
      [role, role as ConsoleRole],
    ]),
  )
  const names = Object.values(CONSOLE_ROLE_NAMES)
  const out: ConsoleUser[] = []
  for (const item of node.items as (Node | null)[]) {
    if (!isMap(item)) {
      src.report(item ?? node, 'config/bad-type', 'error', '用户应当是“字段: 值”的形式', '用 gongkai user add 添加用户')
      continue
    }
    const idNode = item.get('id', true) as Node | undefined
    const id0 = idNode === undefined ? undefined : src.sourceOf(idNode)
    const f = new Fields(src, item, 'config', id0 === undefined ? '用户' : `用户“${id0}”`, id0)
    f.unknown(USER)
    const id = f.string('id', '用户名', true, 'name')
    const name = f.string('name', '姓名', true)
    const roleTexts = f.strings('roles', '角色', true)
    const password = f.string('password', '密码散列', true)
    let bad = id === undefined || name === undefined || roleTexts === undefined || password === undefined
    if (id !== undefined && unsafeReason(id) !== undefined) {
      f.report(f.at('id'), 'unsafe-user-id', `用户名“${id}”不能使用：${unsafeReason(id) ?? ''}`, '只用字母、数字、连字符和下划线，例如 zhangsan')
      bad = true
    }
    if (id !== undefined && out.some((u) => u.id === id)) {
      f.report(f.at('id'), 'duplicate-user', `用户名“${id}”重复`, '每个用户的 id 都要不同')
      bad = true
    }
    const roles: ConsoleRole[] = []
    for (const text of roleTexts ?? []) {
      const role = byName.get(text)
      if (role === undefined) {
        const near = didYouMean(text, names)
        f.report(f.at('roles'), 'bad-role', `角色“${text}”无法识别`, `${near === undefined ? '' : `是否想写“${near}”？`}可选角色：${names.join('、')}`)
        bad = true
      } else if (!roles.includes(role)) roles.push(role)
    }
    if (password !== undefined && !PASSWORD_HASH.test(password)) {
      // A password written in the clear must never be used: only the hash that `user add` makes is accepted.
      f.report(f.at('password'), 'bad-password-hash', '密码只能以 gongkai user add 生成的散列保存（scrypt$…），这里的写法不对，这个用户无法登录', '删掉这一项，再用 gongkai user add 重新添加这个用户')
      bad = true
    }
    if (bad || id === undefined || name === undefined || password === undefined) continue
    const place = src.place(item)
    out.push({ id, name, roles, password, place: { file: place.file, ...(place.line === undefined ? {} : { line: place.line }), ...(place.column === undefined ? {} : { column: place.column }) } })
  }
  return out
}

function readColumns(src: YamlSource, site: Fields | undefined): ColumnConfig[] {
  const node = site?.node('columns')
  if (site === undefined || node === undefined) return []
  if (!isSeq(node)) {
    site.report(node, 'bad-type', '专栏（columns）应当是列表', '每个专栏写成“- id: …”')
    return []
  }
  const out: ColumnConfig[] = []
  const seen = new Set<string>()
  for (const item of node.items as (Node | null)[]) {
    if (!isMap(item)) {
      src.report(item ?? node, 'config/bad-type', 'error', '专栏应当是“字段: 值”的形式', '例如 - { id: standard, title: 政务公开标准化规范化 }')
      continue
    }
    const f = new Fields(src, item, 'config', '专栏')
    f.unknown(COLUMN)
    const id = f.string('id', '专栏编号', true, 'name')
    const title = f.string('title', '专栏名称', true)
    if (id !== undefined && unsafeReason(id) !== undefined) {
      f.report(f.at('id'), 'unsafe-id', `专栏编号“${id}”不能用作网址：${unsafeReason(id) ?? ''}`, '只用字母、数字、连字符和下划线')
      continue
    }
    if (id !== undefined && seen.has(id)) {
      f.report(f.at('id'), 'duplicate-column', `专栏编号“${id}”重复`, '每个专栏的 id 都要不同')
      continue
    }
    if (id === undefined || title === undefined) continue
    seen.add(id)
    const items = f.strings('items', '事项编码')
    const categories = f.strings('categories', '一级事项')
    const tags = f.strings('tags', '标签')
    const description = f.string('description', '说明', false, 'lines')
    out.push({
      id,
      title,
      ...(items === undefined ? {} : { items }),
      ...(categories === undefined ? {} : { categories }),
      ...(tags === undefined ? {} : { tags }),
      ...(description === undefined ? {} : { description }),
    })
  }
  return out
}

function readSchedules(src: YamlSource, top: Fields): ScheduleConfig[] {
  const node = top.node('schedules')
  if (node === undefined) return []
  if (!isSeq(node)) {
    top.report(node, 'bad-type', '定时任务（schedules）应当是列表', '每个任务写成“- id: …”')
    return []
  }
  const out: ScheduleConfig[] = []
  const seen = new Set<string>()
  for (const item of node.items as (Node | null)[]) {
    if (!isMap(item)) {
      src.report(item ?? node, 'config/bad-type', 'error', '定时任务应当是“字段: 值”的形式', '例如 - { id: wechat-morning, task: wechat, cron: "0 9 * * *" }')
      continue
    }
    const idNode = item.get('id', true) as Node | undefined
    const id0 = idNode === undefined ? undefined : src.sourceOf(idNode)
    const f = new Fields(src, item, 'config', id0 === undefined ? '定时任务' : `定时任务“${id0}”`, id0)
    f.unknown(SCHEDULE)
    const id = f.string('id', '任务编号', true, 'name')
    const task = f.string('task', '任务', true)
    const cron = f.string('cron', 'cron 表达式', true)
    const workdays = f.bool('workdays', '只在工作日运行')
    const optionsMap = f.mapping('options', '任务选项')
    let bad = id === undefined || task === undefined || cron === undefined
    if (id !== undefined && seen.has(id)) {
      f.report(f.at('id'), 'duplicate-schedule', `定时任务编号“${id}”重复`, '每个任务的 id 都要不同')
      bad = true
    }
    if (id !== undefined) seen.add(id)
    if (task !== undefined && !TASKS.includes(task)) {
      const near = didYouMean(task, TASKS)
      f.report(f.at('task'), 'bad-value', `定时任务的 task 不能是“${task}”`, `${near === undefined ? '' : `是否想写“${near}”？`}可选值：${TASKS.join('、')}`)
      bad = true
    }
    if (cron !== undefined && !plausibleCron(cron)) {
      f.report(f.at('cron'), 'bad-cron', `cron 表达式“${cron}”格式不对`, '写 5 段（分 时 日 月 周）或 6 段（秒 分 时 日 月 周），例如 "0 9 * * *" 表示每天 9 点；请加引号')
      bad = true
    }
    if (bad || id === undefined || task === undefined || cron === undefined) continue
    // The place of the expression's first character, so a field error can point at its column.
    const cronNode = f.at('cron')
    const place = src.place(cronNode ?? item)
    const quoted = isScalar(cronNode) && (cronNode.type === 'QUOTE_DOUBLE' || cronNode.type === 'QUOTE_SINGLE')
    if (quoted && place.column !== undefined) place.column += 1
    out.push({
      id,
      task,
      cron,
      ...(workdays === undefined ? {} : { workdays }),
      ...(optionsMap === undefined ? {} : { options: optionsMap.toJSON() as Record<string, unknown> }),
      place: { file: place.file, ...(place.line === undefined ? {} : { line: place.line }), ...(place.column === undefined ? {} : { column: place.column }) },
    })
  }
  return out
}

/**
 * `store: postgres://user@host:port/db` and `storePasswordEnv: NAME`. The address goes into git with the config, so a
 * password written into it is an error (naming where, never showing it); the password comes from the variable named.
 */
function readStore(top: Fields, hasOrgCode: boolean): Pick<ProjectConfig, 'store' | 'storePasswordEnv' | 'storePlace'> {
  const store = text(top, 'store', '台账数据库地址', false, 'name')
  const passwordEnv = text(top, 'storePasswordEnv', '台账数据库密码的环境变量名', false, 'name')
  const out: { store?: string; storePasswordEnv?: string; storePlace?: { line: number; column: number } } = {}
  if (passwordEnv !== undefined) {
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(passwordEnv)) out.storePasswordEnv = passwordEnv
    else {
      top.report(
        top.at('storePasswordEnv'),
        'bad-store-password-env',
        'storePasswordEnv 应为环境变量的名字（字母、数字和下划线，不以数字开头），这里写的可能是密码本身，为安全起见不显示',
        '密码只放在环境变量里：写环境变量的名字，例如 storePasswordEnv: GONGKAI_PG_PASSWORD，再在运行 gongkai 的环境中设置它；若写的正是密码，它已进入配置文件和版本库，请让运维更换',
      )
    }
  }
  if (store === undefined) {
    if (out.storePasswordEnv !== undefined)
      top.report(
        top.at('storePasswordEnv'),
        'store-password-env-alone',
        '写了 storePasswordEnv，却没有写 store（台账数据库地址）',
        '例如 store: postgres://gongkai@db.example.gov.cn:5432/gongkai；不用数据库时删去 storePasswordEnv',
        'warning',
      )
    return out
  }
  let url: URL | undefined
  try {
    url = new URL(store)
  } catch {
    url = undefined
  }
  const shown = url === undefined || url.password === '' ? store : ((url.password = '***'), url.toString())
  const example = '写成 postgres://用户名@主机:端口/数据库名，例如 postgres://gongkai@db.example.gov.cn:5432/gongkai'
  if (url === undefined || (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')) {
    top.report(top.at('store'), 'bad-store', `台账数据库地址“${shown}”不是 postgres:// 地址`, `${example}；用本机 SQLite 文件时删去 store，用 ledger 写文件路径`)
    return out
  }
  if (url.password !== '') {
    top.report(
      top.at('store'),
      'store-password-in-url',
      `台账数据库地址“${shown}”中写了密码`,
      '配置文件会进版本库：从地址中删去密码，放进环境变量，并用 storePasswordEnv 写出它的名字；这个密码已进入配置文件，请让运维更换',
    )
    return out
  }
  if (url.hostname === '' || url.username === '' || url.pathname.replace(/^\//, '') === '') {
    top.report(top.at('store'), 'bad-store', `台账数据库地址“${shown}”缺少${url.hostname === '' ? '主机' : url.username === '' ? '用户名' : '数据库名'}`, example)
    return out
  }
  if (!hasOrgCode) {
    top.report(
      top.at('store'),
      'store-needs-org-code',
      '台账放在数据库中时，必须在 body.orgCode 写明本机构的组织机构代码',
      '同一个数据库存放多个机构的台账，以组织机构代码区分；例如 body: { orgCode: "008672531" }',
    )
  }
  const at = top.positions['store']
  return { ...out, store, ...(at === undefined ? {} : { storePlace: at }) }
}
