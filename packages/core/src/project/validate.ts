/**
 * Validation of a whole project held in memory (no disk): config, catalog and publication texts
 * in, the typed project and every problem out, in one pass. `loadProject` reads the files and
 * ends here too.
 */
import type { Catalog } from '../catalog/catalog.js'
import type { ProjectConfig } from '../config.js'
import type { Diagnostic } from '../diagnostics.js'
import { createDisclosures } from '../disclosure.js'
import type { CreateDisclosuresOptions } from '../disclosure.js'
import type { Disclosure, Publication, Request } from '../model.js'
import { checkBodyImages } from './body-paths.js'
import { checkReviews } from './check-review.js'
import { didYouMean } from './did-you-mean.js'
import { CATALOG_FILE, readCatalog } from './read-catalog.js'
import { CONFIG_FILE, readConfig } from './read-config.js'
import { readPublication } from './read-publication.js'
import { findBodySignature } from '../signature.js'
import type { PublicationFileResult } from './read-publication.js'
import { readRequest } from './read-request.js'
import type { RequestFileResult } from './read-request.js'
import type { SourceFile } from './yaml-source.js'

/** The texts of a project: what `validateProject` checks. Absent config or catalog is reported. */
export interface ProjectSources {
  readonly config?: SourceFile
  readonly catalog?: SourceFile
  /** Publication files (project-relative POSIX paths, e.g. `publications/2026/x.md`). */
  readonly publications: readonly SourceFile[]
  /** Files of the register of requests (`requests/2026/001.yaml`). */
  readonly requests?: readonly SourceFile[]
}

/** A validated project: everything usable, and every problem found. */
export interface ValidatedProject {
  readonly config: ProjectConfig
  readonly catalog: Catalog
  /** Every publication that could be read (unique ids), including those with cross-file errors. */
  readonly publications: Publication[]
  /** The publications without errors, parsed once and linked, ready for channels. */
  readonly disclosures: Disclosure[]
  /** 依申请公开: every request that could be read (unique ids), sorted by id. */
  readonly requests: Request[]
  /** Sorted by file (config, catalog, publications), then line and column. */
  readonly diagnostics: Diagnostic[]
}

/** Validates a project held in memory. Never throws on bad content: every problem is a Diagnostic. */
export function validateProject(sources: ProjectSources): ValidatedProject {
  const diagnostics: Diagnostic[] = []
  const config = readConfig(sources.config, diagnostics)
  const { catalog, usable } = readCatalog(sources.catalog, diagnostics)
  const results = sources.publications.map((s) => readPublication(s, { timezone: config.timezone }))
  const requests = finishRequests(
    (sources.requests ?? []).map((s) => readRequest(s)),
    diagnostics,
  )
  return finishProject(config, catalog, results, diagnostics, usable, undefined, requests)
}

/** The requests of the register with their own messages, a second file with an id already taken reported and left out. */
export function finishRequests(results: readonly RequestFileResult[], diagnostics: Diagnostic[]): Request[] {
  const byId = new Map<string, Request>()
  for (const r of [...results].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    diagnostics.push(...r.diagnostics)
    const q = r.request
    if (q === undefined) continue
    const first = byId.get(q.id)
    if (first !== undefined) {
      const pos = q.source.fields?.['id']
      diagnostics.push({
        code: 'request/duplicate-id',
        severity: 'error',
        message: `申请编号“${q.id}”与 ${first.source.file} 重复`,
        hint: '每件申请的编号都要不同；这个文件不计入年度报告',
        file: q.source.file,
        ...(pos === undefined ? {} : { line: pos.line, column: pos.column }),
        subject: q.id,
      })
      continue
    }
    byId.set(q.id, q)
  }
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id))
}

const at = (p: Publication, field: string) => {
  const pos = p.source.fields?.[field]
  return { file: p.source.file, ...(pos === undefined ? {} : { line: pos.line, column: pos.column }), subject: p.id }
}

/** The cross-file checks and the disclosures, after each file was read on its own. */
export function finishProject(
  config: ProjectConfig,
  catalog: Catalog,
  results: readonly PublicationFileResult[],
  diagnostics: Diagnostic[],
  catalogUsable = true,
  revisions?: CreateDisclosuresOptions['revisions'],
  requests: Request[] = [],
): ValidatedProject {
  const sorted = [...results].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
  const publications: Publication[] = []
  const byId = new Map<string, Publication>()
  const bad = new Set<string>()
  const parsed = new Map<string, NonNullable<PublicationFileResult['parsed']>>()
  for (const r of sorted) {
    diagnostics.push(...r.diagnostics)
    const p = r.publication
    if (p === undefined) continue
    const first = byId.get(p.id)
    if (first !== undefined) {
      diagnostics.push({
        code: 'publication/duplicate-id',
        severity: 'error',
        message: `id“${p.id}”与 ${first.source.file} 重复`,
        hint: '每条公开信息的 id 都要不同；复制旧文件新建时别忘了改 id。这个文件不会发布',
        ...at(p, 'id'),
      })
      continue
    }
    byId.set(p.id, p)
    publications.push(p)
    if (r.parsed !== undefined) parsed.set(p.id, r.parsed)
    // A body the parse refused (publication/too-deep) is not disclosed, nor linked from its release.
    if (r.parsed?.diagnostics.some((d) => d.severity === 'error') === true) bad.add(p.id)
  }

  const codes = catalog.items.map((i) => i.code)
  // Files with their own errors still get the item check, so one pass shows everything.
  for (const r of sorted) {
    const partial = r.partialItem
    if (r.publication !== undefined || partial === undefined || !catalogUsable || catalog.get(partial.value) !== undefined) continue
    const near = didYouMean(partial.value, codes)
    diagnostics.push({
      code: 'publication/unknown-item',
      severity: 'error',
      message: `事项编码“${partial.value}”不在标准目录中`,
      hint: near === undefined ? '请检查 item 字段，或先在 catalog.yaml 中添加该事项' : `是否想写“${near}”？`,
      file: r.file,
      ...(partial.line === undefined ? {} : { line: partial.line }),
      ...(partial.column === undefined ? {} : { column: partial.column }),
    })
  }
  // And the release their `of` names.
  for (const r of sorted) {
    const partial = r.partialOf
    if (r.publication !== undefined || partial === undefined) continue
    const missing = missingRelease(partial.value, byId)
    if (missing === undefined) continue
    diagnostics.push({
      ...missing,
      file: r.file,
      ...(partial.line === undefined ? {} : { line: partial.line }),
      ...(partial.column === undefined ? {} : { column: partial.column }),
    })
  }
  for (const p of publications) {
    const item = catalog.get(p.item)
    if (item === undefined && !catalogUsable) bad.add(p.id)
    else if (item === undefined) {
      const near = didYouMean(p.item, codes)
      diagnostics.push({
        code: 'publication/unknown-item',
        severity: 'error',
        message: `事项编码“${p.item}”不在标准目录中`,
        hint: near === undefined ? '请检查 item 字段，或先在 catalog.yaml 中添加该事项' : `是否想写“${near}”？`,
        ...at(p, 'item'),
      })
      bad.add(p.id)
    } else {
      const status = catalog.status(p.item, p.formed)
      if (status !== 'in-force') {
        const ended = catalog.endedBy(p.item, p.formed)
        const started = catalog.adjustments.find((a) => a.code === p.item)
        const what =
          ended !== undefined
            ? `已于 ${ended.date} ${ended.kind === 'cancel' ? '取消' : `下放${ended.to === undefined ? '' : `至${ended.to}`}`}（${ended.reason}）`
            : `自 ${started?.date ?? '?'} 起才${started?.kind === 'assume' ? '承接' : '新增'}`
        diagnostics.push({
          code: 'publication/item-not-in-force',
          severity: 'error',
          message: `事项“${p.item}”（${item.name}）${what}，而这条信息的形成日期是 ${p.formed}`,
          hint: '请核对 formed 日期，或把它归入现在负责的事项；取消或下放后的事项不再由本机关公开',
          ...at(p, 'formed'),
        })
        bad.add(p.id)
      }
    }
    if (p.of !== undefined) {
      const missing = missingRelease(p.of, byId)
      if (missing !== undefined) {
        diagnostics.push({ ...missing, ...at(p, 'of') })
        bad.add(p.id)
      }
    }
  }

  checkLifecycleLinks(publications, byId, diagnostics, bad)

  // `![` is in every body with an image: the others need no walk.
  for (const p of publications) {
    const one = parsed.get(p.id)
    if (one === undefined || !p.body.includes('![')) continue
    const outside = checkBodyImages(one.tree, p.source, p.id)
    if (outside.length === 0) continue
    diagnostics.push(...outside)
    bad.add(p.id)
  }

  // A body that ends with its own signature would be signed twice: the channels add one from the publication.
  // Only a body with a date at a line's end is looked at: a cached tree is parsed on first touch.
  for (const p of publications) {
    const one = parsed.get(p.id)
    if (one === undefined || !/年[^\n]{0,8}月[^\n]{0,8}日[ \t]*(?:\n|$)/.test(p.body)) continue
    const signature = findBodySignature(one.tree, config.body.name)
    if (signature === undefined) continue
    diagnostics.push({
      code: 'publication/body-signature',
      severity: 'warning',
      message: `正文末尾自带署名和成文日期（${[...signature.organs, signature.date].join(' / ')}）：各渠道按它排署名，不再另加一个`,
      hint: '成文日期请写在 written（或 formed）字段，并删去正文末尾的署名和日期；公示栏和网站会按 GB/T 9704 右对齐排署名（成文日期右空四字，署名以日期为准居中）',
      file: p.source.file,
      ...(signature.line === undefined ? {} : { line: signature.line }),
      ...(signature.column === undefined ? {} : { column: signature.column }),
      subject: p.id,
    })
  }

  diagnostics.push(...checkReviews(publications, config.review?.levels ?? []))

  const built = createDisclosures(catalog, publications, { orgCode: config.body.orgCode, parsed, ...(revisions === undefined ? {} : { revisions }) })
  // Unknown items were reported above with their line, and a malformed orgCode at its line in the
  // config (config/bad-org-code): the generic messages would repeat them without a place.
  diagnostics.push(...built.diagnostics.filter((d) => d.code !== 'publication/unknown-item' && d.code !== 'disclosure/bad-org-code'))
  const disclosures = built.disclosures
    .filter((d) => !bad.has(d.publication.id))
    .map((d) => {
      const { interpretations, responses } = d.links
      if (!interpretations.some((p) => bad.has(p.id)) && !responses.some((p) => bad.has(p.id))) return d
      return { ...d, links: { ...d.links, interpretations: interpretations.filter((p) => !bad.has(p.id)), responses: responses.filter((p) => !bad.has(p.id)) } }
    })
  return { config, catalog, publications, disclosures, requests, diagnostics: sortDiagnostics(diagnostics) }
}

const rank = (file: string | undefined) => (file === CONFIG_FILE ? 0 : file === CATALOG_FILE ? 1 : file === undefined ? 3 : 2)

/** Orders messages as a reader goes through the project: config, catalog, publications; by line. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => rank(a.file) - rank(b.file) || (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
}

/** The `publication/missing-release` diagnostic (without its place) when `of` names no release. */
function missingRelease(of: string, byId: ReadonlyMap<string, Publication>): Omit<Diagnostic, 'file'> | undefined {
  const release = byId.get(of)
  if (release !== undefined && release.kind === 'release') return undefined
  const near = didYouMean(
    of,
    [...byId.values()].filter((x) => x.kind === 'release').map((x) => x.id),
  )
  return {
    code: 'publication/missing-release',
    severity: 'error',
    message: release === undefined ? `of 指向的发布“${of}”不存在` : `of 指向的“${of}”不是发布（release），而是${release.kind === 'interpretation' ? '解读' : '回应'}`,
    hint: near === undefined ? '请写它所解读或回应的那条发布信息的 id' : `是否想写“${near}”？`,
  }
}

/** An id as `safeName` allows it: `validity.by` written so names a publication, otherwise a document in words. */
const ID_LIKE = /^[A-Za-z0-9][A-Za-z0-9_-]*$/

/** A redirect's target must exist and not be withdrawn itself; a `validity.by` written as an id must name a publication. */
function checkLifecycleLinks(publications: readonly Publication[], byId: ReadonlyMap<string, Publication>, diagnostics: Diagnostic[], bad: Set<string>): void {
  const ids = [...byId.keys()]
  for (const p of publications) {
    const w = p.withdrawn
    if (w?.mode === 'redirect' && w.to !== undefined) {
      const target = byId.get(w.to)
      const live = ids.filter((id) => id !== p.id && byId.get(id)?.withdrawn === undefined)
      if (target === undefined || target.id === p.id) {
        const near = target === undefined ? didYouMean(w.to, live) : undefined
        diagnostics.push({
          code: 'publication/unknown-redirect',
          severity: 'error',
          message: target === undefined ? `撤回后跳转到的公开信息“${w.to}”不存在` : `撤回后不能跳转到它自己（“${w.to}”）`,
          hint: near === undefined ? 'to 应写替代它的另一条公开信息的 id' : `是否想写“${near}”？`,
          ...at(p, 'withdrawn.to'),
        })
        bad.add(p.id)
      } else if (target.withdrawn !== undefined) {
        diagnostics.push({
          code: 'publication/redirect-to-withdrawn',
          severity: 'error',
          message: `撤回后跳转到的“${w.to}”已于 ${target.withdrawn.on} 撤回，读者会跳到一个已撤回的页面`,
          hint: target.withdrawn.mode === 'redirect' && target.withdrawn.to !== undefined ? `请直接跳转到“${target.withdrawn.to}”` : 'to 应指向仍然有效的公开信息',
          ...at(p, 'withdrawn.to'),
        })
        bad.add(p.id)
      }
    }
    const by = p.validity?.by
    if (by !== undefined && ID_LIKE.test(by) && !byId.has(by)) {
      const near = didYouMean(by, ids)
      diagnostics.push({
        code: 'publication/unknown-validity-by',
        severity: 'error',
        message: `有效性的依据“${by}”看起来是公开信息的 id，但没有这条公开信息`,
        hint: near === undefined ? 'by 写使它失效或废止的公开信息的 id，或直接写文件名称和文号（如 县环发〔2026〕3号）' : `是否想写“${near}”？`,
        ...at(p, 'validity.by'),
      })
    }
  }
}
