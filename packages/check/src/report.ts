/** The 自评报告 as Markdown (for the GB/T 9704 sheet), as a self-contained HTML page, and its charts. */
import { chartSvg, LIGHT_STYLE } from '@gongkai/chart'
import type { Chart } from '@gongkai/chart'
import type { Assessment, DepartmentScore } from './assess.js'
import type { Finding } from './types.js'

/** The trend charts: on-time rate by month, and the home page's and account's longest silence by month. */
export function trendCharts(a: Assessment): Chart[] {
  const labels = a.trends.map((t) => `${Number(t.month.slice(5))}月`)
  return [
    {
      kind: 'line',
      title: '按时公开率（%）',
      axis: '月份',
      labels,
      unit: '%',
      series: [{ name: '按时公开率', unit: '%', values: a.trends.map((t) => (t.onTimeRate === undefined ? undefined : Math.round(t.onTimeRate * 1000) / 10)) }],
    },
    {
      kind: 'line',
      title: '最长未更新天数（天）',
      axis: '月份',
      labels,
      unit: '天',
      series: [
        { name: '网站首页', unit: '天', values: a.trends.map((t) => t.homeAge) },
        { name: '微信公众号', unit: '天', values: a.trends.map((t) => t.wechatAge) },
      ],
    },
  ]
}

const pct = (r: number | undefined) => (r === undefined ? '—' : `${(r * 100).toFixed(1)}%`)
const where = (f: Finding) => {
  const at = f.place.url ?? `${f.place.file ?? ''}${f.place.line === undefined ? '' : `:${f.place.line}`}`
  // The config key or the page's subject, where the file alone would not say it.
  return f.place.note !== undefined && (f.place.file === 'gongkai.config.yaml' || f.place.file?.endsWith('.sqlite') === true) ? `${at} ${f.place.note}` : at
}
const esc = (s: string) => s.replace(/[|\\]/g, (c) => `\\${c}`)
const cn = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`

function deductionText(d: DepartmentScore): string {
  const parts = [...d.deductions.map((x) => `${x.name} ${x.count} 处 −${x.points}`), ...d.bonuses.map((b) => `${b.reason} ${b.points >= 0 ? '+' : ''}${b.points}`)]
  return parts.length === 0 ? '无' : parts.join('；')
}

/** The report's Markdown; `images` are the chart image paths, in the order of `trendCharts`. */
export function assessmentMarkdown(a: Assessment, images: readonly string[], limit = 40): string {
  const out: string[] = []
  out.push('## 一、总体情况', '')
  out.push(
    `${cn(a.from)}至${cn(a.to)}，按照政府网站与政务新媒体检查指标和本单位评分细则自查，总得分 **${a.score}** 分，评定为“${a.grade}”。` +
      (a.vetoes.length > 0 ? `存在 ${a.vetoes.length} 个单项否决问题，须立即整改。` : '未发现单项否决问题。') +
      `期间共保存自查记录 ${a.runs} 次。`,
    '',
  )
  out.push('## 二、各科室得分', '')
  out.push('| 科室 | 得分 | 按时公开率 | 扣分和加分 |', '| --- | --- | --- | --- |')
  for (const d of a.departments) out.push(`| ${esc(d.owner)} | ${d.score} | ${pct(d.onTimeRate)} | ${esc(deductionText(d))} |`)
  out.push(`| 网站与公众号（全局） | ${a.site.score} | — | ${esc(deductionText(a.site))} |`, '')
  out.push('## 三、按月趋势', '')
  out.push('| 月份 | 到期 | 按时 | 按时公开率 | 首页最长未更新 | 公众号最长未更新 |', '| --- | --- | --- | --- | --- | --- |')
  for (const t of a.trends)
    out.push(`| ${t.month} | ${t.due} | ${t.onTime} | ${pct(t.onTimeRate)} | ${t.homeAge === undefined ? '—' : `${t.homeAge} 天`} | ${t.wechatAge === undefined ? '—' : `${t.wechatAge} 天`} |`)
  out.push('')
  for (const [i, img] of images.entries()) out.push(`![${i === 0 ? '按时公开率' : '最长未更新天数'}](${img})`, '')
  out.push('## 四、需要整改的问题', '')
  if (a.fixes.length === 0) out.push('无。', '')
  // Commands, config keys and paths as code: the sheet keeps such a run whole instead of spacing out its letters.
  const code = (t: string) => t.replace(/gongkai [a-z][a-z -]*[a-z]|[\w./:-]*[A-Za-z][\w./:-]*/g, (m) => `\`${m}\``)
  a.fixes.slice(0, limit).forEach((f, i) => out.push(`${i + 1}. ${f.veto ? '【单项否决】' : ''}${code(f.message)}。整改：${code(f.fix)}（${code(where(f))}）`))
  if (a.fixes.length > limit) out.push('', `另有 ${a.fixes.length - limit} 个问题，见 JSON 报告。`)
  out.push('')
  if (a.feedback.length > 0) {
    out.push('## 五、社会评价和第三方评估', '')
    out.push('| 科室 | 评价条数 | 平均分 | 按事项 |', '| --- | --- | --- | --- |')
    for (const d of a.departments.filter((x) => x.feedback !== undefined))
      out.push(
        `| ${esc(d.owner)} | ${d.feedback?.count ?? 0} | ${d.feedback?.average ?? ''} | ${esc(
          Object.entries(d.feedback?.byItem ?? {})
            .map(([k, v]) => `${k} ${v.average} 分（${v.count}）`)
            .join('；'),
        )} |`,
      )
    out.push('')
  }
  return out.join('\n')
}

const html = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string)

/** The report as one HTML page (charts inline as SVG, no script, no outside file). */
export function assessmentHtml(a: Assessment): string {
  // The SVG names itself (role="img" with its title): no caption repeats it.
  const charts = trendCharts(a).map((c) => `<figure>${chartSvg(c, LIGHT_STYLE)}</figure>`)
  const row = (cells: readonly string[], tag = 'td') => `<tr>${cells.map((c) => `<${tag}>${html(c)}</${tag}>`).join('')}</tr>`
  const dept = (d: DepartmentScore, name: string) => row([name, String(d.score), pct(d.onTimeRate), deductionText(d)])
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${html(a.body)}政务公开自评报告（${a.from} 至 ${a.to}）</title>
<style>
body { font-family: 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif; color: #1b1b1b; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.7; }
h1 { font-size: 1.8rem; text-align: center; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
th, td { border: 1px solid #b0b0b0; padding: .35rem .6rem; text-align: left; vertical-align: top; }
th { background: #f0f2f5; }
.score { font-size: 1.4rem; }
.veto { color: #a01c1c; font-weight: bold; }
figure { margin: 1rem 0; } figure svg { max-width: 100%; height: auto; }
td.owner, th.owner { white-space: nowrap; }
</style>
</head>
<body>
<main>
<h1>${html(a.body)}政务公开自评报告</h1>
<p>评估期间：${cn(a.from)}至${cn(a.to)}；自查记录 ${a.runs} 次。</p>
<h2>一、总体情况</h2>
<p class="score">总得分 <strong>${a.score}</strong> 分，评定为“${html(a.grade)}”。</p>
${a.vetoes.length === 0 ? '<p>未发现单项否决问题。</p>' : `<p class="veto">单项否决问题 ${a.vetoes.length} 个：</p><ul>${a.vetoes.map((f) => `<li class="veto">${html(f.message)}（${html(where(f))}）</li>`).join('')}</ul>`}
<h2>二、各科室得分</h2>
<table><thead>${row(['科室', '得分', '按时公开率', '扣分和加分'], 'th')}</thead><tbody>
${a.departments.map((d) => dept(d, d.owner)).join('\n')}
${dept(a.site, '网站与公众号（全局）')}
</tbody></table>
<h2>三、按月趋势</h2>
<table><thead>${row(['月份', '到期', '按时', '按时公开率', '首页最长未更新', '公众号最长未更新'], 'th')}</thead><tbody>
${a.trends.map((t) => row([t.month, String(t.due), String(t.onTime), pct(t.onTimeRate), t.homeAge === undefined ? '—' : `${t.homeAge} 天`, t.wechatAge === undefined ? '—' : `${t.wechatAge} 天`])).join('\n')}
</tbody></table>
${charts.join('\n')}
<h2>四、需要整改的问题</h2>
${a.fixes.length === 0 ? '<p>无。</p>' : `<table><thead><tr><th>问题</th><th>怎么改</th><th>位置</th><th class="owner">科室</th></tr></thead><tbody>${a.fixes.map((f) => `<tr${f.veto ? ' class="veto"' : ''}><td>${f.veto ? '【单项否决】' : ''}${html(f.message)}</td><td>${html(f.fix)}</td><td>${html(where(f))}</td><td class="owner">${html(f.owner ?? '全局')}</td></tr>`).join('\n')}</tbody></table>`}
${
  a.feedback.length === 0
    ? ''
    : `<h2>五、社会评价和第三方评估</h2><table><thead>${row(['科室', '事项', '来源', '得分', '意见'], 'th')}</thead><tbody>${a.feedback.map((f) => row([f.owner, f.item ?? '—', f.source === 'evaluation' ? '第三方评估' : '社会评价', String(f.score), f.comment ?? ''])).join('\n')}</tbody></table>`
}
</main>
</body>
</html>
`
}
