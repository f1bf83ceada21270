/** Terminal output for operators: aligned tables with CJK widths, a progress bar, Chinese dates. */

/** Display width of a string: CJK and full-width characters take two columns. */
export function displayWidth(s: string): number {
  let w = 0
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0
    w += (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || cp >= 0x20000 ? 2 : 1
  }
  return w
}

function pad(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)))
}

/** Formats rows as an aligned table with a header and a rule. */
export function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))))
  const line = (cells: readonly string[]) => cells.map((c, i) => pad(c, widths[i] ?? 0)).join('  ').trimEnd()
  return [line(head), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n')
}

/** A progress bar on stderr when it is a terminal; silent otherwise (logs stay clean). */
export interface Progress {
  update(done: number, label?: string): void
  done(): void
}

/** Starts a progress bar for `total` steps. */
export function progress(title: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  const tty = stream.isTTY === true && process.env['CI'] !== 'true'
  let last = 0
  const draw = (done: number, label = '') => {
    if (!tty) return
    const now = Date.now()
    if (done < total && now - last < 80) return
    last = now
    const width = 28
    const filled = total === 0 ? width : Math.round((done / total) * width)
    stream.write(`\r${title} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total} ${label}`.slice(0, (stream.columns ?? 100) - 1).padEnd(Math.min(stream.columns ?? 100, 100) - 1))
  }
  return {
    update: draw,
    done() {
      if (tty) {
        draw(total)
        stream.write('\n')
      }
    },
  }
}

/** `2026-11-26` → `2026年11月26日` */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  return m === null ? iso : `${m[1]}年${Number(m[2])}月${Number(m[3])}日`
}

/** Today's date (YYYY-MM-DD) in a timezone. */
export function todayIn(timezone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}
