/** Terminal output for operators: aligned tables with CJK widths, a progress bar, Chinese dates. */
import cliProgress from 'cli-progress'
import cliTruncate from 'cli-truncate'
import stringWidth from 'string-width'

const { SingleBar } = cliProgress

/** Display width of a string in terminal columns (string-width: CJK, emoji and Ext-B take two, ANSI colours none). */
export function displayWidth(s: string): number {
  return stringWidth(s)
}

function pad(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)))
}

/** Formats rows as an aligned table with a header and a rule. */
export function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))))
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => pad(c, widths[i] ?? 0))
      .join('  ')
      .trimEnd()
  return [line(head), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n')
}

/** Cuts a label to `columns` terminal columns with an ellipsis, never inside a character or an ANSI sequence. */
export function fitLabel(label: string, columns: number): string {
  if (columns <= 0) return ''
  if (displayWidth(label) <= columns) return label
  // cli-truncate 5.2 keeps a two-column character that straddles the limit (one column too wide): ask for one less then.
  for (let n = columns; n > 0; n--) {
    const cut = cliTruncate(label, n, { position: 'end' })
    if (displayWidth(cut) <= columns) return cut
  }
  return ''
}

/** A progress bar on stderr when it is a terminal; silent otherwise (logs stay clean). */
export interface Progress {
  update(done: number, label?: string): void
  done(): void
}

/** Where a progress bar draws and whether it may: a terminal, and not under CI=true. */
export interface ProgressOptions {
  readonly stream?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number }
  readonly env?: Readonly<Record<string, string | undefined>>
}

const BAR_SIZE = 28
/** Columns kept for the label on a narrow terminal, taken from the bar. */
const LABEL_MIN = 12

/** Starts a progress bar for `total` steps (cli-progress, redrawn at most 12 times a second). */
export function progress(title: string, total: number, options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr
  const env = options.env ?? process.env
  if (stream.isTTY !== true || env['CI'] === 'true') return { update() {}, done() {} }
  const columns = stream.columns ?? 80
  const around = displayWidth(title) + 6 + 2 * String(total).length
  const barSize = Math.max(5, Math.min(BAR_SIZE, columns - 1 - around - LABEL_MIN))
  const bar = new SingleBar({
    stream,
    format: `${title} [{bar}] {value}/{total} {label}`,
    barsize: barSize,
    barCompleteChar: '█',
    barIncompleteChar: '░',
    fps: 12,
    hideCursor: false,
    clearOnComplete: false,
    // cli-progress would cut an over-long line by UTF-16 units; labels are fitted to the width instead.
    linewrap: false,
  })
  const label = (text: string) => fitLabel(text, columns - 1 - around - barSize)
  let started = false
  return {
    update(done, text = '') {
      if (!started) {
        bar.start(total, 0, { label: '' })
        started = true
      }
      bar.update(done, { label: label(text) })
    },
    done() {
      if (!started) return
      bar.update(total, { label: '' })
      bar.stop()
      started = false
    },
  }
}

/** Today's date (YYYY-MM-DD) in a timezone. */
export function todayIn(timezone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}
