/**
 * Item codes for imported catalogs. The national sheets carry none, so import makes them:
 *
 *   PREFIX-CATEGORY-NNN     e.g. HB-XZCF-001
 *
 * - PREFIX: the `prefix` option; else the domain's usual abbreviation (生态环境 → HB) from
 *   DOMAIN_PREFIXES, the domain read from the title row (“生态环境领域基层政务公开标准目录”) or
 *   the sheet name; else `GK`.
 * - CATEGORY: the pinyin initials of a common 一级事项 (行政处罚 → XZCF) from CATEGORY_CODES;
 *   else `C` + the category's two-digit position among the sheet's categories (C01, C02…).
 * - NNN: the item's position within its category in sheet order, from 001.
 *
 * Everything depends only on the sheet's content and order, so importing the same sheet twice
 * gives the same codes. Rows inserted later shift the serials after them: pass the current
 * catalog as `existing` and items with the same 一级事项 and name keep their codes, new items
 * take the next free serials.
 */

/** Usual abbreviations of the 26 domains of 基层政务公开标准目录 and a few more. */
export const DOMAIN_PREFIXES: Readonly<Record<string, string>> = {
  生态环境: 'HB',
  环境保护: 'HB',
  安全生产: 'AQSC',
  重大建设项目: 'ZDXM',
  公共资源交易: 'GGZY',
  财政预决算: 'CZYJ',
  税收管理: 'SSGL',
  征地补偿: 'ZDBC',
  国有土地上房屋征收与补偿: 'FWZS',
  农村危房改造: 'WFGZ',
  城市综合执法: 'ZHZF',
  扶贫: 'FP',
  救灾: 'JZ',
  食品药品监管: 'SPYP',
  城乡规划: 'CXGH',
  公共法律服务: 'GGFL',
  医疗卫生: 'YLWS',
  卫生健康: 'WSJK',
  户籍管理: 'HJGL',
  涉农补贴: 'SNBT',
  就业: 'JY',
  社会救助: 'SHJZ',
  养老服务: 'YLFW',
  灾害救助: 'ZHJZ',
  公共文化服务: 'GGWH',
  公共文化体育: 'GGWH',
  市政服务: 'SZFW',
  义务教育: 'YWJY',
  社会保险: 'SHBX',
  交通运输: 'JTYS',
  农业农村: 'NYNC',
  自然资源: 'ZRZY',
  水利: 'SL',
  住房保障: 'ZFBZ',
  退役军人服务: 'TYJR',
  应急管理: 'YJGL',
}

/** Pinyin initials of common 一级事项. */
export const CATEGORY_CODES: Readonly<Record<string, string>> = {
  行政许可: 'XZXK',
  行政处罚: 'XZCF',
  行政强制: 'XZQZ',
  行政检查: 'XZJC',
  行政征收: 'XZZS',
  行政征用: 'XZZY',
  行政给付: 'XZGF',
  行政确认: 'XZQR',
  行政奖励: 'XZJL',
  行政裁决: 'XZCJ',
  其他行政权力: 'QTQL',
  公共服务: 'GGFW',
  政策文件: 'ZCWJ',
  政策法规: 'ZCFG',
  政策解读: 'ZCJD',
  政府信息: 'ZFXX',
  机构职能: 'JGZN',
  规划计划: 'GHJH',
  规划信息: 'GHXX',
  环境质量: 'HJZL',
  环境监测: 'HJJC',
  环境影响评价: 'HJYP',
  建设项目环境影响评价: 'HJYP',
  排污许可: 'PWXK',
  污染防治: 'WRFZ',
  监督执法: 'JDZF',
  执法监管: 'ZFJG',
  环境执法: 'HJZF',
  突发环境事件: 'TFSJ',
  应急管理: 'YJGL',
  财政预决算: 'CZYJ',
  人事信息: 'RSXX',
  建议提案办理: 'JYTA',
  项目审批: 'XMSP',
  审批服务: 'SPFW',
  社会救助: 'SHJZ',
  资金管理: 'ZJGL',
  督查督办: 'DCDB',
}

/** The code prefix for a domain name, or `GK`. */
export function prefixForDomain(domain: string | undefined): string {
  if (domain === undefined) return 'GK'
  const exact = DOMAIN_PREFIXES[domain]
  if (exact !== undefined) return exact
  // Longest name first: 国有土地上房屋征收与补偿 before anything it contains.
  const names = Object.keys(DOMAIN_PREFIXES).sort((a, b) => b.length - a.length)
  for (const name of names) if (domain.includes(name)) return DOMAIN_PREFIXES[name] as string
  return 'GK'
}

/** Gives codes to rows of one sheet, in sheet order; `taken` holds codes already used (updated). */
export function assignCodes(
  rows: readonly { readonly category: string; readonly name: string; readonly code?: string | undefined }[],
  prefix: string,
  taken: Set<string>,
  existing: ReadonlyMap<string, string>,
): string[] {
  const abbreviations = new Map<string, string>()
  const usedAbbr = new Set<string>()
  const abbrOf = (category: string) => {
    let abbr = abbreviations.get(category)
    if (abbr !== undefined) return abbr
    abbr = CATEGORY_CODES[category] ?? `C${String(abbreviations.size + 1).padStart(2, '0')}`
    // Two categories with the same initials (or a C-number equal to a real one) stay apart.
    let candidate = abbr
    for (let k = 2; usedAbbr.has(candidate); k++) candidate = `${abbr}${k}`
    abbreviations.set(category, candidate)
    usedAbbr.add(candidate)
    return candidate
  }
  // Abbreviations follow first appearance in the sheet, whatever is pinned, so C-numbers never shift.
  for (const row of rows) abbrOf(row.category)
  // Codes the sheet itself or the existing catalog pins are reserved first, so serials skip them.
  const pinned = rows.map((row) => row.code ?? existing.get(keyOf(row.category, row.name)))
  for (const code of pinned) if (code !== undefined) taken.add(code)
  const serials = new Map<string, number>()
  return rows.map((row, i) => {
    const own = pinned[i]
    if (own !== undefined) return own
    const abbr = abbrOf(row.category)
    let serial = serials.get(abbr) ?? 0
    let code: string
    do {
      serial++
      code = `${prefix}-${abbr}-${String(serial).padStart(3, '0')}`
    } while (taken.has(code))
    serials.set(abbr, serial)
    taken.add(code)
    return code
  })
}

/** The key that recognises the same item across imports: 一级事项 and 事项名称. */
export function keyOf(category: string, name: string): string {
  return `${category}\u0000${name}`
}
