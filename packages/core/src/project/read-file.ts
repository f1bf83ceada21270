/** Reading one publication file from disk and parsing it (used inline and by the parse workers). */
import { FILE_SIZE_LIMITS, readProjectTextSync } from './project-file.js'
import { readPublication } from './read-publication.js'
import type { PublicationFileResult } from './read-publication.js'

/**
 * Reads one file and parses it; a file that cannot be read, is too large or is in no encoding we
 * can tell is a Diagnostic (and a file decoded from GBK or UTF-16 carries a warning).
 * `parse: false` leaves the body unparsed (the loader then takes it from the load cache or parses
 * it itself). The read is synchronous: for thousands of small files it is 2–3 times faster than
 * fs.promises.readFile (open, stat, read and close each a trip through the thread pool); the
 * loader yields to the event loop between files instead.
 */
export async function readAndParse(abs: string, rel: string, timezone: string, parse = true): Promise<PublicationFileResult> {
  const read = readProjectTextSync(abs, rel, FILE_SIZE_LIMITS.publication, { tooLarge: 'publication/too-large', unreadable: 'publication/unreadable' })
  if (read.text === undefined) {
    const diagnostics =
      read.missing === true ? [{ code: 'publication/unreadable', severity: 'error' as const, message: '无法读取文件：文件不存在', hint: '文件可能在读取时被移走或删除', file: rel }] : read.diagnostics
    return { file: rel, diagnostics }
  }
  const result = readPublication({ file: rel, text: read.text }, { timezone, parse })
  return read.diagnostics.length === 0 ? result : { ...result, diagnostics: [...read.diagnostics, ...result.diagnostics] }
}
