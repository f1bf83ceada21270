/**
 * The charts of a publication's numeric series (see @gongkai/chart), drawn as PNGs at render time
 * and set above their tables. They go out like body images: a local `img-<sha>.png` next to
 * article.html that delivery uploads with `media/uploadimg` and rewrites to the platform's URL.
 */
import { createHash } from 'node:crypto'
import { chartPng, describeChart, detectSeries, LIGHT_STYLE } from '@gongkai/chart'
import type { Chart } from '@gongkai/chart'
import type { FontSet } from '@gongkai/fonts'
import type { Nodes, Root, Table } from 'mdast'
import { fitImage } from './images.js'
import type { PreparedImage } from './state.js'

/** A chart made ready for the article: the image, its alt text (the chart in words) and its caption. */
export interface PreparedChart extends PreparedImage {
  readonly alt: string
  readonly caption: string
}

/** A phone shows about 360 CSS px: drawn at three times that, labels come out about 12 px. */
const ARTICLE_STYLE = { ...LIGHT_STYLE, width: 1080, height: 720, fontSize: 34, stroke: 5 }

/** The charts of each table that is a numeric series, by table node. */
export function chartsOf(tree: Root): Map<Table, readonly Chart[]> {
  const out = new Map<Table, readonly Chart[]>()
  const walk = (node: Nodes) => {
    if (node.type === 'table') {
      const found = detectSeries(node)
      if (found !== undefined) out.set(node, found.charts)
    }
    if ('children' in node) for (const c of node.children as Nodes[]) walk(c)
  }
  walk(tree)
  return out
}

function captionOf(chart: Chart): string {
  return `图：${chart.title}，${chart.labels[0] ?? ''}至${chart.labels[chart.labels.length - 1] ?? ''}（逐项数据见下表）`
}

/** Draws every chart of the body; without `fonts`, the same entries without pixels (preflight measures the HTML only). */
export async function prepareCharts(tree: Root, fonts?: FontSet): Promise<Map<Table, readonly PreparedChart[]>> {
  const out = new Map<Table, readonly PreparedChart[]>()
  for (const [table, charts] of chartsOf(tree)) {
    const prepared: PreparedChart[] = []
    for (const chart of charts) {
      const base = { alt: describeChart(chart), caption: captionOf(chart) }
      if (fonts === undefined) {
        prepared.push({ ...base, file: 'img-0000000000000000.png', data: new Uint8Array(), mediaType: 'image/png', sha: '0' })
        continue
      }
      const fitted = await fitImage(await chartPng(chart, ARTICLE_STYLE, fonts))
      const sha = createHash('sha256').update(fitted.data).digest('hex').slice(0, 16)
      prepared.push({ ...base, file: `img-${sha}.${fitted.mediaType === 'image/png' ? 'png' : 'jpg'}`, data: fitted.data, mediaType: fitted.mediaType, sha })
    }
    out.set(table, prepared)
  }
  return out
}
