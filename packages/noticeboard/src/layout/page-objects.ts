/**
 * What pdfkit writes for every page that a print run can write once. pdfkit gives each page its
 * own resource dictionary (with the obsolete /ProcSet), its own /MediaBox and /UserUnit 1; in a
 * run of sheets those repeat hundreds of times. Here every page of a document shares one
 * resource dictionary, written at the end with every font and image the pages use, and inherits
 * the paper size from the page tree. About 140 bytes a page; readers see the same pages.
 *
 * This leans on pdfkit 0.20's internals (pinned in package.json): `doc.ref`, `page.resources`,
 * `page.dictionary` and `_root`. The tests read the PDFs back with poppler and with pdf.js, so a
 * change there shows up as a failure, not as a broken file.
 */

interface Ref {
  data: Record<string, unknown>
  end(): void
}

interface DocInternals {
  ref(data?: Record<string, unknown>): Ref
  addPage(options?: unknown): unknown
  end(): unknown
  flushPages(): void
  page: { dictionary: Ref; resources: Ref } | undefined
  _root: { data: { Pages: Ref } }
}

/** Makes every page of `doc` share one resource dictionary and the page tree's MediaBox. */
export function sharePageObjects(doc: PDFKit.PDFDocument): void {
  const d = doc as unknown as DocInternals
  const ref = d.ref.bind(d)
  let shared: Ref | undefined
  let stand: Ref | undefined
  let creatingPage = false
  // PDFPage's constructor asks for its resource dictionary first; hand it a stand-in for the
  // shared one whose end() does nothing (each page ends its resources when it ends).
  d.ref = (data?: Record<string, unknown>) => {
    if (creatingPage && data !== undefined && 'ProcSet' in data) {
      creatingPage = false
      if (shared === undefined) {
        shared = ref({})
        stand = Object.create(shared) as Ref
        stand.end = () => {}
      }
      return stand!
    }
    return ref(data)
  }
  const addPage = d.addPage.bind(d)
  d.addPage = (options?: unknown) => {
    creatingPage = true
    try {
      addPage(options)
    } finally {
      creatingPage = false
    }
    const page = d.page!
    const box = page.dictionary.data['MediaBox']
    const pages = d._root.data.Pages.data
    if (pages['MediaBox'] === undefined) pages['MediaBox'] = box
    if (JSON.stringify(pages['MediaBox']) === JSON.stringify(box)) delete page.dictionary.data['MediaBox']
    if (page.dictionary.data['UserUnit'] === 1) delete page.dictionary.data['UserUnit']
    return doc
  }
  const end = d.end.bind(d)
  d.end = () => {
    // Write the shared dictionary once, after the last page has added its fonts and images to it
    // and before pdfkit's end() counts the objects still open.
    d.flushPages()
    if (shared !== undefined) {
      const cs = shared.data['ColorSpace']
      if (cs !== undefined && typeof cs === 'object' && cs !== null && Object.keys(cs).length === 0) delete shared.data['ColorSpace']
      shared.end()
    }
    return end()
  }
}
