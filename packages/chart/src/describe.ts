/** A chart in words, for `<desc>`, alt text and captions: the range of dates and each series' lowest and highest readings. */
import type { Chart } from './detect.js'
import { formatValue } from './format.js'

/** Where the extreme values fall: up to three dates, then “等n天”. */
function at(labels: readonly string[], values: readonly (number | undefined)[], target: number): string {
  const where = labels.filter((_, i) => values[i] === target)
  return where.length <= 3 ? where.join('、') : `${where.slice(0, 3).join('、')}等${where.length}处`
}

/**
 * One sentence per series: `PM2.5最低15（10月12日、10月26日），最高57（10月21日）`. No average: an
 * office's published mean follows its own method (HJ 663), and a computed one could contradict it.
 */
export function describeChart(chart: Chart): string {
  const n = chart.labels.length
  const unit = chart.unit === undefined || chart.unit === '%' ? (chart.unit ?? '') : chart.unit
  const head = `${chart.kind === 'bar' ? '柱状图' : '折线图'}：${chart.title}，${chart.labels[0] ?? ''}至${chart.labels[n - 1] ?? ''}共${n}个${chart.axis === '' ? '数据点' : chart.axis}。`
  const lines = chart.series.map((s) => {
    const vs = s.values.filter((v): v is number => v !== undefined)
    if (vs.length === 0) return `${s.name}无数据。`
    const min = Math.min(...vs)
    const max = Math.max(...vs)
    const gaps = n - vs.length
    return `${s.name}最低${formatValue(min)}${unit}（${at(chart.labels, s.values, min)}），最高${formatValue(max)}${unit}（${at(chart.labels, s.values, max)}）${gaps > 0 ? `，${gaps}处无数据` : ''}。`
  })
  return head + lines.join('')
}
