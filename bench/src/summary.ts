/**
 * Reads what `gongkai build` says about its work, tolerantly: today's text summary (a table with
 * 文件（写入/未变） per channel and a closing 写入 N 个文件，M 个未变 line), or a JSON summary when the
 * build offers `--json`. Renders per channel are read where the output names them (a column or key
 * with 渲染 / render in its name); where it does not, they stay undefined and the table shows n/a.
 */

/** What one channel, or the whole build, reports. */
export interface Counts {
  /** Artifacts rendered in this build; undefined when the output does not say. */
  readonly rendered?: number
  /** Files written (new or changed bytes). */
  readonly written?: number
  /** Files left as they were. */
  readonly unchanged?: number
}

/** A build's summary: totals and per channel (by the name the output uses: an id or the Chinese name). */
export interface BuildSummary extends Counts {
  readonly channels: Readonly<Record<string, Counts>>
}

const RENDER_KEY = /^(rendered|renders|renderCount|rerendered)$/i
const WRITTEN_KEY = /^(written|writes|writtenCount)$/i
const UNCHANGED_KEY = /^(unchanged|unchangedCount|kept|reused)$/i

function count(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v
  // Some summaries list the files or publications themselves.
  if (Array.isArray(v)) return v.length
  return undefined
}

function countsOf(o: Record<string, unknown>): Counts {
  let rendered: number | undefined
  let written: number | undefined
  let unchanged: number | undefined
  for (const [k, v] of Object.entries(o)) {
    if (RENDER_KEY.test(k)) rendered ??= count(v)
    else if (WRITTEN_KEY.test(k)) written ??= count(v)
    else if (UNCHANGED_KEY.test(k)) unchanged ??= count(v)
  }
  return { ...(rendered === undefined ? {} : { rendered }), ...(written === undefined ? {} : { written }), ...(unchanged === undefined ? {} : { unchanged }) }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function sum(parts: readonly Counts[], key: keyof Counts): number | undefined {
  const known = parts.map((p) => p[key]).filter((n): n is number => n !== undefined)
  return known.length === 0 ? undefined : known.reduce((a, b) => a + b, 0)
}

function withTotals(top: Counts, channels: Record<string, Counts>): BuildSummary {
  const parts = Object.values(channels)
  const total = (key: keyof Counts) => top[key] ?? sum(parts, key)
  const rendered = total('rendered')
  const written = total('written')
  const unchanged = total('unchanged')
  return { channels, ...(rendered === undefined ? {} : { rendered }), ...(written === undefined ? {} : { written }), ...(unchanged === undefined ? {} : { unchanged }) }
}

function fromJson(value: unknown): BuildSummary | undefined {
  if (!isRecord(value)) return undefined
  const root = isRecord(value['summary']) ? value['summary'] : value
  const channels: Record<string, Counts> = {}
  const list = root['channels']
  if (isRecord(list)) {
    for (const [id, c] of Object.entries(list)) if (isRecord(c)) channels[id] = countsOf(c)
  } else if (Array.isArray(list)) {
    for (const c of list) {
      if (!isRecord(c)) continue
      const id = c['id'] ?? c['channel'] ?? c['name']
      if (typeof id === 'string') channels[id] = countsOf(c)
    }
  }
  return withTotals(countsOf(root), channels)
}

function json(stdout: string): unknown {
  const text = stdout.trim()
  const candidates = [text, ...text.split('\n').reverse()]
  for (const c of candidates) {
    const t = c.trim()
    if (!t.startsWith('{')) continue
    try {
      return JSON.parse(t) as unknown
    } catch {
      // Not this one: a progress line or a partial object; try the next.
    }
  }
  return undefined
}

function fromText(stdout: string): BuildSummary {
  const lines = stdout.split('\n').map((l) => l.trimEnd())
  const channels: Record<string, Counts> = {}
  const headAt = lines.findIndex((l) => l.trimStart().startsWith('渠道'))
  if (headAt >= 0) {
    const head = (lines[headAt] as string).trim().split(/\s{2,}/)
    const writtenCol = head.findIndex((h) => h.includes('写入'))
    const renderCol = head.findIndex((h) => /渲染|render/i.test(h))
    for (const line of lines.slice(headAt + 1)) {
      if (/^[─-]+(\s+[─-]+)*$/.test(line.trim())) continue
      const cells = line.trim().split(/\s{2,}/)
      if (cells.length < head.length - 1 || line.trim() === '') break
      const name = cells[0] as string
      const c: { rendered?: number; written?: number; unchanged?: number } = {}
      const wu = writtenCol >= 0 ? /^(\d+)\/(\d+)$/.exec(cells[writtenCol] ?? '') : null
      if (wu !== null) {
        c.written = Number(wu[1])
        c.unchanged = Number(wu[2])
      }
      const r = renderCol >= 0 ? /^(\d+)/.exec(cells[renderCol] ?? '') : null
      if (r !== null) c.rendered = Number(r[1])
      channels[name] = c
    }
  }
  const top: { rendered?: number; written?: number; unchanged?: number } = {}
  const closing = /写入\s*(\d+)\s*个文件[，,]\s*(\d+)\s*个未变/.exec(stdout)
  if (closing !== null) {
    top.written = Number(closing[1])
    top.unchanged = Number(closing[2])
  }
  const renders = /(?:重新)?渲染(?:了)?\s*(\d+)|(\d+)\s*个[^\s，。；]{0,6}?(?:重新)?渲染/.exec(stdout)
  if (renders !== null) top.rendered = Number(renders[1] ?? renders[2])
  return withTotals(top, channels)
}

/** What a `gongkai build` printed, read as counts; anything it does not say stays undefined. */
export function parseBuildSummary(stdout: string): BuildSummary {
  const j = json(stdout)
  return (j === undefined ? undefined : fromJson(j)) ?? fromText(stdout)
}

/** Whether `gongkai build --help` offers a JSON summary. */
export function offersJson(usage: string): boolean {
  return /--json\b/.test(usage)
}
