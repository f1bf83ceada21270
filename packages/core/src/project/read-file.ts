/** Reading one publication file from disk and parsing it (used inline and by the parse workers). */
import { readFile } from 'node:fs/promises'
import { readPublication } from './read-publication.js'
import type { PublicationFileResult } from './read-publication.js'

/** Reads one file and parses it; a file that cannot be read is a Diagnostic. */
export async function readAndParse(abs: string, rel: string, timezone: string): Promise<PublicationFileResult> {
  let text: string
  try {
    text = await readFile(abs, 'utf8')
  } catch (cause) {
    return {
      file: rel,
      diagnostics: [{ code: 'publication/unreadable', severity: 'error', message: `无法读取文件：${cause instanceof Error ? cause.message : String(cause)}`, hint: '请检查文件权限', file: rel }],
    }
  }
  return readPublication({ file: rel, text }, { timezone })
}
