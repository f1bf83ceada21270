/** HTML read as the inspectors' tools read it: parsed once (htmlparser2), then queried. */
import { parseDocument } from 'htmlparser2'
import type { Document, Element } from 'domhandler'
import { findAll, getAttributeValue, textContent } from 'domutils'

/** One page of a site: its site-relative path, its text and its parsed tree. */
export interface Page {
  /** Site-relative, posix, no leading slash (`p/2026-xzcf-003.html`). */
  readonly path: string
  readonly html: string
  readonly document: Document
}

/** Parses a page. */
export function parsePage(path: string, html: string): Page {
  return { path, html, document: parseDocument(html, { decodeEntities: true, withStartIndices: true }) }
}

/** Every element named `name` (lower case), in document order. */
export function elements(page: Page, name: string): Element[] {
  return findAll((e) => e.name === name, page.document.children)
}

/** An element's attribute, or undefined. */
export function attr(e: Element, name: string): string | undefined {
  return getAttributeValue(e, name)
}

/** The text inside a node, whitespace collapsed. */
export function text(e: Element | Document): string {
  return textContent(e).replace(/\s+/g, ' ').trim()
}

/** The line of a character offset in a text (1-based). */
export function lineAt(source: string, offset: number): number {
  let line = 1
  for (let i = 0; i < offset && i < source.length; i++) if (source.charCodeAt(i) === 10) line++
  return line
}

/** The line where an element starts in its page (htmlparser2 keeps start offsets). */
export function lineOf(page: Page, e: Element): number | undefined {
  return e.startIndex === null ? undefined : lineAt(page.html, e.startIndex)
}

/** The `<dt>` → `<dd>` pairs of the `<dl>` elements whose class includes `cls`. */
export function definitionList(page: Page, cls: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const dl of elements(page, 'dl')) {
    if (!(attr(dl, 'class') ?? '').split(/\s+/).includes(cls)) continue
    let term: string | undefined
    for (const e of findAll((x) => x.name === 'dt' || x.name === 'dd', dl.children)) {
      if (e.name === 'dt') term = text(e)
      else if (term !== undefined) {
        out.set(term, text(e))
        term = undefined
      }
    }
  }
  return out
}

/** The dates (`YYYY-MM-DD`) of the `<time datetime>` elements inside `<main>` (or the whole page without one). */
export function pageDates(page: Page): string[] {
  const main = elements(page, 'main')[0]
  const scope = main === undefined ? page.document.children : main.children
  return findAll((e) => e.name === 'time', scope)
    .map((e) => /^\d{4}-\d{2}-\d{2}/.exec(attr(e, 'datetime') ?? '')?.[0])
    .filter((d): d is string => d !== undefined)
}
