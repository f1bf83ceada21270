/**
 * Verify (核验 / 防篡改): compares what is live with the release the last delivery put in place
 * (`delivered.json` and its manifest). A folder is walked whole, so files someone added are named
 * too; a site over HTTP is fetched file by file, once as a browser and once as a search crawler,
 * since injected spam is often shown to crawlers only, and cannot list what was added.
 * Repair copies the release's own bytes (checked against the manifest) into a staged folder and
 * swaps it in, as delivery does.
 */
import { createHash, randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { lstat, mkdir, readdir, readFile, readlink, realpath, rm, stat, writeFile } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { ERRORS, GongkaiError } from '@gongkai/core'
import { swapDirectory } from '@gongkai/core/internal'
import { copyReleaseFile, objectPath, readDelivered, readRelease } from './release.js'
import type { DeliveredRelease, Release, ReleaseFile } from './release.js'

/** A desktop browser, as most visitors are. */
export const BROWSER_USER_AGENT = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'
/** Baidu's crawler: the one injected gambling links are most often shown to on Chinese government sites. */
export const CRAWLER_USER_AGENT = 'Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)'

/** One file that is not as delivered. */
export interface VerifyDifference {
  /** POSIX path relative to the channel's folder. */
  readonly path: string
  /** `changed`: other bytes; `added`: live but not in the delivery; `removed`: in the delivery but not live. */
  readonly kind: 'changed' | 'added' | 'removed'
  readonly expected?: { readonly size: number; readonly sha256: string }
  readonly actual?: { readonly size: number; readonly sha256: string }
  /** Over HTTP: which User-Agent saw it (`browser`, `crawler`, or both). */
  readonly agents?: readonly ('browser' | 'crawler')[]
  /** Over HTTP: the status answered when it was not 200. */
  readonly status?: number
  /** A symbolic link where a file was expected or none was. */
  readonly symlink?: string
  /** Over HTTP, when the address asked was not the file's own: the site's folder address, answered by its `index.html`. */
  readonly url?: string
}

/** What verify found. */
export interface VerifyResult {
  readonly channel: string
  readonly release: string
  readonly manifestHash: string
  /** When the release was delivered (ISO), from delivered.json. */
  readonly deliveredAt: string
  /** The folder or the base URL compared. */
  readonly target: string
  readonly mode: 'folder' | 'http'
  /** Files of the delivery compared. */
  readonly checked: number
  readonly differences: readonly VerifyDifference[]
  /** False over HTTP: files added to the site cannot be listed from outside. */
  readonly listsAdded: boolean
}

interface Delivered {
  readonly delivered: DeliveredRelease
  readonly release: Release
  readonly files: readonly ReleaseFile[]
}

/** The last delivery of a channel and its files, or `verify/not-delivered`. */
async function lastDelivery(projectDir: string, channel: string): Promise<Delivered> {
  const delivered = await readDelivered(projectDir, channel)
  if (delivered === undefined) {
    throw new GongkaiError(ERRORS.VerifyNotDelivered, `${channel} 还没有按发布版本投递过（没有 .gongkai/releases/${channel}/delivered.json），无可核验`, {
      hint: `先运行 gongkai build 和 gongkai push --channel ${channel}`,
    })
  }
  const release = await readRelease(projectDir, channel, delivered.release)
  if (release === undefined) {
    throw new GongkaiError(ERRORS.ReleaseUnknown, `上次投递的发布版本 ${delivered.release} 的清单已不在 .gongkai/releases/${channel}/ 中，无法核验`, {
      hint: '清单被删除了：重新 gongkai build 并 gongkai push 一次，之后即可核验',
    })
  }
  if (release.manifestHash !== delivered.manifestHash) {
    throw new GongkaiError(ERRORS.ReleaseCorrupt, `发布版本 ${delivered.release} 的清单在投递之后被改动过，不能据它核验`, { hint: '重新 gongkai build 并 gongkai push 一次，之后即可核验' })
  }
  const shipped = new Set(delivered.files)
  return { delivered, release, files: release.manifest.files.filter((f) => shipped.has(f.path)) }
}

/** Files up to this size are read whole: a stream per small page costs more than the hashing. */
const READ_WHOLE = 4 * 1024 * 1024

async function hashFile(file: string): Promise<{ size: number; sha256: string }> {
  const size = (await stat(file)).size
  if (size <= READ_WHOLE)
    return {
      size,
      sha256: createHash('sha256')
        .update(await readFile(file))
        .digest('hex'),
    }
  const h = createHash('sha256')
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer)
  return { size, sha256: h.digest('hex') }
}

/** Runs `fn` over `items`, `n` at a time (file system calls overlap; the order of results is kept). */
async function pool<T, R>(items: readonly T[], n: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i] as T)
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(n, items.length)) }, worker))
  return out
}

type Entry = { readonly kind: 'file'; readonly full: string } | { readonly kind: 'symlink'; readonly to: string }

/** Every entry under `root` by POSIX path; symbolic links are listed as such, never followed. */
async function walk(root: string): Promise<Map<string, Entry>> {
  const out = new Map<string, Entry>()
  const visit = async (dir: string, prefix: string): Promise<void> => {
    for (const d of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, d.name)
      const rel = prefix === '' ? d.name : `${prefix}/${d.name}`
      if (d.isSymbolicLink()) out.set(rel, { kind: 'symlink', to: await readlink(full) })
      else if (d.isDirectory()) await visit(full, rel)
      else out.set(rel, { kind: 'file', full })
    }
  }
  await visit(root, '')
  return out
}

/** Compares a folder (default: where the last delivery put the channel) with the delivered release. */
export async function verifyFolder(projectDir: string, channel: string, options: { readonly target?: string } = {}): Promise<VerifyResult> {
  const { delivered, release, files } = await lastDelivery(projectDir, channel)
  const target = resolve(options.target ?? delivered.target)
  // The target itself may be a symlink (a swapped delivery): what it points to is compared.
  const root = await realpath(target).catch(() => undefined)
  const live = root === undefined || !(await stat(root)).isDirectory() ? new Map<string, Entry>() : await walk(root)
  const compared = await pool(files, 16, async (f): Promise<VerifyDifference | undefined> => {
    const expected = { size: f.size, sha256: f.sha256 }
    const entry = live.get(f.path)
    if (entry === undefined) return { path: f.path, kind: 'removed', expected }
    if (entry.kind === 'symlink') return { path: f.path, kind: 'changed', expected, symlink: entry.to }
    const actual = await hashFile(entry.full)
    return actual.sha256 === f.sha256 ? undefined : { path: f.path, kind: 'changed', expected, actual }
  })
  for (const f of files) live.delete(f.path)
  const added = await pool([...live], 16, async ([path, entry]): Promise<VerifyDifference> =>
    entry.kind === 'symlink' ? { path, kind: 'added', symlink: entry.to } : { path, kind: 'added', actual: await hashFile(entry.full) },
  )
  const differences = [...compared.filter((d): d is VerifyDifference => d !== undefined), ...added]
  return result(delivered, release, target, 'folder', files.length, differences, true)
}

function result(delivered: DeliveredRelease, release: Release, target: string, mode: 'folder' | 'http', checked: number, differences: VerifyDifference[], listsAdded: boolean): VerifyResult {
  const order = { removed: 0, changed: 1, added: 2 }
  differences.sort((a, b) => order[a.kind] - order[b.kind] || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || (a.url ?? '').localeCompare(b.url ?? ''))
  return { channel: delivered.channel, release: release.manifest.id, manifestHash: release.manifestHash, deliveredAt: delivered.deliveredAt, target, mode, checked, differences, listsAdded }
}

/** Options of `verifyUrl`. */
export interface VerifyUrlOptions {
  /** Requests at once. Default 8. */
  readonly concurrency?: number
  /** Per request. Default 15 s. */
  readonly timeoutMs?: number
  /** The User-Agents to fetch with. Default: a browser and Baidu's crawler. */
  readonly agents?: { readonly browser: string; readonly crawler: string }
}

/**
 * Fetches every file of the last delivery from the site at `baseUrl` (the folder's URL), as a
 * browser and as a crawler, and compares the bytes with the release. `added` cannot be found.
 */
export async function verifyUrl(projectDir: string, channel: string, baseUrl: string, options: VerifyUrlOptions = {}): Promise<VerifyResult> {
  const { delivered, release, files } = await lastDelivery(projectDir, channel)
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`
  if (!URL.canParse(base) || !/^https?:$/.test(new URL(base).protocol)) {
    throw new GongkaiError(ERRORS.VerifyNoTarget, `--url 应为 http(s) 网址，不能是“${baseUrl}”`, { hint: '例如 --url https://www.example.gov.cn/gk/' })
  }
  const agents = options.agents ?? { browser: BROWSER_USER_AGENT, crawler: CRAWLER_USER_AGENT }
  const timeoutMs = options.timeoutMs ?? 15_000
  const found = new Map<string, { diff: Omit<VerifyDifference, 'agents'>; agents: ('browser' | 'crawler')[] }>()
  const urls = files.map((f) => ({ f, url: new URL(f.path.split('/').map(encodeURIComponent).join('/'), base), folder: false }))
  // The home page is also asked for by its folder address, where a rewrite rule can serve other bytes.
  const index = files.find((f) => f.path === 'index.html')
  if (index !== undefined) urls.push({ f: index, url: new URL(base), folder: true })
  const jobs = urls.flatMap((u) => (['browser', 'crawler'] as const).map((agent) => ({ ...u, agent })))
  let next = 0
  const worker = async (): Promise<void> => {
    for (let job = jobs[next++]; job !== undefined; job = jobs[next++]) {
      const { f, agent, url, folder } = job
      let response: Response
      try {
        response = await fetch(url, { headers: { 'user-agent': agents[agent], accept: '*/*', 'cache-control': 'no-cache' }, redirect: 'follow', signal: AbortSignal.timeout(timeoutMs) })
      } catch (cause) {
        throw new GongkaiError(ERRORS.VerifyFetchFailed, `无法取回 ${url.href}：${cause instanceof Error && cause.name === 'TimeoutError' ? `${timeoutMs / 1000} 秒内没有回应` : '连接失败'}`, {
          hint: '检查网址和网络后再试',
          cause,
        })
      }
      const bytes = Buffer.from(await response.arrayBuffer())
      const expected = { size: f.size, sha256: f.sha256 }
      let diff: Omit<VerifyDifference, 'agents'> | undefined
      if (response.status === 404 || response.status === 410) diff = { path: f.path, kind: 'removed', expected, status: response.status }
      else if (response.status !== 200) diff = { path: f.path, kind: 'changed', expected, status: response.status }
      else {
        const sha256 = createHash('sha256').update(bytes).digest('hex')
        if (sha256 !== f.sha256) diff = { path: f.path, kind: 'changed', expected, actual: { size: bytes.byteLength, sha256 } }
      }
      if (diff === undefined) continue
      if (folder) diff = { ...diff, url: url.href }
      const key = `${url.href}\u0000${diff.kind}`
      const seen = found.get(key)
      if (seen === undefined) found.set(key, { diff, agents: [agent] })
      else seen.agents.push(agent)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 8, jobs.length)) }, worker))
  const differences = [...found.values()].map(({ diff, agents: a }) => ({ ...diff, agents: [...a].sort() }))
  return result(delivered, release, base, 'http', files.length, differences, false)
}

/**
 * Writes a release file to `dest`: the object's bytes read once, hashed in memory and written
 * when they match the manifest (a page is small); otherwise `copyReleaseFile`, which also looks
 * in the release's tree and says which file is missing.
 */
async function restoreFile(projectDir: string, release: Release, f: ReleaseFile, dest: string): Promise<void> {
  if (f.size <= READ_WHOLE) {
    const bytes = await readFile(objectPath(projectDir, f.sha256)).catch(() => undefined)
    if (bytes !== undefined && createHash('sha256').update(bytes).digest('hex') === f.sha256) return writeFile(dest, bytes)
  }
  return copyReleaseFile(projectDir, release, f, dest)
}

/** What `repairFolder` did. */
export interface RepairResult {
  readonly target: string
  /** Files written from the release. */
  readonly restored: number
  /** The verify after the swap: no differences when the repair held. */
  readonly after: VerifyResult
}

/**
 * Restores the last delivered release into the folder: every file copied from the release's
 * bytes (checked against the manifest) into a staged sibling, then swapped in, so visitors never
 * see a half-restored site and files someone added are gone. Verifies again afterwards.
 */
export async function repairFolder(projectDir: string, channel: string, options: { readonly target?: string } = {}): Promise<RepairResult> {
  const { delivered, release, files } = await lastDelivery(projectDir, channel)
  const target = resolve(options.target ?? delivered.target)
  const tag = `${Date.now().toString(36)}-${process.pid}-${randomBytes(3).toString('hex')}`
  const staged = join(dirname(target), `.${basename(target)}.tmp-${tag}`)
  // A link made by delivery (to `.<name>.v-…` beside it) is switched; one an administrator made to elsewhere is left alone.
  if ((await lstat(target).catch(() => undefined))?.isSymbolicLink() === true && !basename(await readlink(target)).startsWith(`.${basename(target)}.v-`)) {
    throw new GongkaiError(ERRORS.VerifyRepairFailed, `目标 ${target} 是指向别处的符号链接，不是 gongkai 投递时建立的，不替换它`, { hint: '用 --target 指定链接所指的真实目录' })
  }
  try {
    await mkdir(staged, { recursive: true })
    // One mkdir per folder, shared by the files written into it meanwhile.
    const folders = new Map<string, Promise<unknown>>()
    await pool(files, 16, async (f) => {
      const dest = join(staged, ...f.path.split('/'))
      let made = folders.get(dirname(dest))
      if (made === undefined) folders.set(dirname(dest), (made = mkdir(dirname(dest), { recursive: true })))
      await made
      await restoreFile(projectDir, release, f, dest)
    })
    swapDirectory(staged, target, tag)
  } catch (cause) {
    await rm(staged, { recursive: true, force: true })
    if (cause instanceof GongkaiError) throw cause
    throw new GongkaiError(ERRORS.VerifyRepairFailed, `把发布版本 ${release.manifest.id} 恢复到 ${target} 失败：${cause instanceof Error ? cause.message : String(cause)}`, { cause })
  }
  return { target, restored: files.length, after: await verifyFolder(projectDir, channel, { target }) }
}
