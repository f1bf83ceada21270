/**
 * Releases on disk. A build writes, per channel, a manifest of every output file (path, size,
 * SHA-256, the publications it comes from) and a tree of those files; delivery ships exactly a
 * manifest, and verify compares what is live with what was delivered.
 *
 *   .gongkai/cache/objects/ab/cdef…      the bytes, content-addressed (safe to delete: a build remakes them)
 *   .gongkai/releases/<channel>/<id>.json  each release's manifest (small; kept for verify and repair)
 *   .gongkai/releases/<channel>/latest.json  the newest release of the channel: id, manifest hash, tree
 *   .gongkai/releases/<channel>/delivered.json  what the last delivery put in place, and where
 *   OUT/.releases/<channel>/<id>/…         the release's tree; OUT/<channel> is a symlink to it
 */
import { createHash, randomBytes } from 'node:crypto'
import { createReadStream, existsSync } from 'node:fs'
import { copyFile, mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { ERRORS, GongkaiError } from '@gongkai/core'

/** The manifest format written by this version. */
export const RELEASE_FORMAT = 'gongkai-release/1'

/** One file of a release. */
export interface ReleaseFile {
  /** POSIX path relative to the channel's folder, e.g. `p/2026-001.html`. */
  readonly path: string
  readonly size: number
  /** Hex SHA-256 of the bytes. */
  readonly sha256: string
  readonly mediaType: string
  /** The publications the file comes from; empty for whole-collection files (index, lists, playlist). */
  readonly publications: readonly string[]
}

/** One publication of a release, with what delivery needs to decide whether it is due. */
export interface ReleasePublication {
  readonly id: string
  readonly revision: string
  readonly title: string
  /** The WeChat title when the publication sets one. */
  readonly wechatTitle?: string
  /** Project-relative source file. */
  readonly file: string
  /** Passed 保密审查 at build time (`isReviewed` with the config's levels). */
  readonly reviewed: boolean
  /** ISO date-time: not to be delivered before. */
  readonly publishAt?: string
}

/** A channel's release: every file of one build of that channel. */
export interface ReleaseManifest {
  readonly format: typeof RELEASE_FORMAT
  /** Content-addressed: the same files and publications give the same id. */
  readonly id: string
  readonly channel: string
  /** The build's clock (ISO). */
  readonly createdAt: string
  /** A preview build (unreviewed publications included): never delivered. */
  readonly preview: boolean
  /** Sorted by path. */
  readonly files: readonly ReleaseFile[]
  /** Sorted by id. */
  readonly publications: readonly ReleasePublication[]
}

/** A release found on disk. */
export interface Release {
  readonly manifest: ReleaseManifest
  /** Hex SHA-256 of the manifest file's bytes, recorded by the ledger with each delivery. */
  readonly manifestHash: string
  /** The absolute folder of its tree, when it was written there. */
  readonly tree?: string
}

/** What the last delivery of a channel put in place. */
export interface DeliveredRelease {
  readonly format: 'gongkai-delivered/1'
  readonly channel: string
  readonly release: string
  readonly manifestHash: string
  /** Absolute target folder (website, kiosk), or the platform's name (wechat). */
  readonly target: string
  readonly deliveredAt: string
  /** The paths of the release's files shipped (those of publications not yet due are left out). */
  readonly files: readonly string[]
}

/** The project's state folder. */
export function stateDir(projectDir: string): string {
  return join(projectDir, '.gongkai')
}

/** The render cache and object store: safe to delete, a build remakes it. */
export function cacheDir(projectDir: string): string {
  return join(stateDir(projectDir), 'cache')
}

/** Where an object's bytes live. */
export function objectPath(projectDir: string, sha256: string): string {
  return join(cacheDir(projectDir), 'objects', sha256.slice(0, 2), sha256.slice(2))
}

/** The folder of a channel's manifests. */
export function releasesDir(projectDir: string, channel: string): string {
  return join(stateDir(projectDir), 'releases', channel)
}

/** Hex SHA-256. */
export function sha256Of(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex')
}

/** The content-addressed id of a release: its channel, files and publications, and whether it is a preview. */
export function releaseIdOf(channel: string, files: readonly ReleaseFile[], publications: readonly ReleasePublication[], preview = false): string {
  // A preview of the same files must not take a delivered release's id: its manifest (preview: true) would replace that one's.
  const h = createHash('sha256').update(`${RELEASE_FORMAT}\n${channel}\n${preview ? 'preview\n' : ''}`)
  for (const f of files) h.update(`${f.path}\u0000${f.sha256}\u0000${f.publications.join(',')}\n`)
  for (const p of publications) h.update(`${p.id}\u0000${p.revision}\u0000${p.reviewed ? 1 : 0}\u0000${p.publishAt ?? ''}\n`)
  return h.digest('hex').slice(0, 16)
}

/** Writes `data` to `file` through a temporary name and a rename: a reader never sees half of it. */
export async function writeAtomic(file: string, data: Uint8Array | string): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
  const tmp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`
  try {
    await writeFile(tmp, data)
    await rename(tmp, file)
  } catch (cause) {
    await rm(tmp, { force: true })
    throw cause
  }
}

async function readJson<T>(file: string): Promise<T | undefined> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    return undefined
  }
  try {
    return JSON.parse(text) as T
  } catch {
    throw new GongkaiError(ERRORS.ReleaseCorrupt, `发布记录文件“${file}”已损坏，无法读取`, { hint: '重新运行 gongkai build 生成新的发布版本' })
  }
}

/** Stores a manifest and makes it the channel's latest release. Returns the manifest's hash. */
export async function saveRelease(projectDir: string, manifest: ReleaseManifest, tree: string | undefined): Promise<Release> {
  const text = `${JSON.stringify(manifest, null, 1)}\n`
  const manifestHash = sha256Of(text)
  const dir = releasesDir(projectDir, manifest.channel)
  await writeAtomic(join(dir, `${manifest.id}.json`), text)
  await writeAtomic(join(dir, 'latest.json'), `${JSON.stringify({ id: manifest.id, manifestHash, ...(tree === undefined ? {} : { tree }) })}\n`)
  return { manifest, manifestHash, ...(tree === undefined ? {} : { tree }) }
}

/**
 * The channel's release named by `id`, or its latest when `id` is absent; undefined when the
 * channel has never been built. A manifest whose bytes no longer match the hash recorded is refused.
 */
export async function readRelease(projectDir: string, channel: string, id?: string): Promise<Release | undefined> {
  const dir = releasesDir(projectDir, channel)
  const latest = await readJson<{ id: string; manifestHash: string; tree?: string }>(join(dir, 'latest.json'))
  const wanted = id ?? latest?.id
  if (wanted === undefined) return undefined
  if (!/^[0-9a-f]{16}$/.test(wanted)) throw new GongkaiError(ERRORS.ReleaseUnknown, `发布版本号“${wanted}”的格式不对`, { hint: '版本号是 16 位十六进制数，可用 gongkai status 查看' })
  let bytes: Buffer
  try {
    bytes = await readFile(join(dir, `${wanted}.json`))
  } catch {
    if (id === undefined) throw new GongkaiError(ERRORS.ReleaseCorrupt, `找不到${channel}最新发布版本 ${wanted} 的清单`, { hint: '重新运行 gongkai build 生成新的发布版本' })
    return undefined
  }
  const manifestHash = sha256Of(bytes)
  if (latest !== undefined && latest.id === wanted && latest.manifestHash !== manifestHash) {
    throw new GongkaiError(ERRORS.ReleaseCorrupt, `发布版本 ${wanted} 的清单在生成之后被改动过`, { hint: '重新运行 gongkai build 生成新的发布版本' })
  }
  let manifest: ReleaseManifest
  try {
    manifest = JSON.parse(bytes.toString('utf8')) as ReleaseManifest
  } catch {
    throw new GongkaiError(ERRORS.ReleaseCorrupt, `发布版本 ${wanted} 的清单已损坏`, { hint: '重新运行 gongkai build 生成新的发布版本' })
  }
  if (manifest.format !== RELEASE_FORMAT || manifest.id !== wanted)
    throw new GongkaiError(ERRORS.ReleaseCorrupt, `发布版本 ${wanted} 的清单格式不对`, { hint: '重新运行 gongkai build 生成新的发布版本' })
  // An older release's tree stays beside the latest one while the build keeps it: with the object
  // store deleted (it is safe to), that tree is where `push --release <older id>` finds the bytes.
  const sibling = latest?.tree === undefined ? undefined : join(dirname(latest.tree), wanted)
  const tree = latest?.id === wanted ? latest.tree : sibling !== undefined && existsSync(sibling) ? sibling : undefined
  return { manifest, manifestHash, ...(tree === undefined ? {} : { tree }) }
}

/** The ids of a channel's stored releases (unordered). */
export async function listReleaseIds(projectDir: string, channel: string): Promise<string[]> {
  const names = await readdir(releasesDir(projectDir, channel)).catch(() => [] as string[])
  return names.filter((n) => /^[0-9a-f]{16}\.json$/.test(n)).map((n) => n.slice(0, 16))
}

async function hashFile(file: string): Promise<string | undefined> {
  if (!existsSync(file)) return undefined
  const h = createHash('sha256')
  try {
    for await (const chunk of createReadStream(file)) h.update(chunk as Buffer)
  } catch {
    return undefined
  }
  return h.digest('hex')
}

/**
 * Where a release file's bytes can be read, checked against the manifest's hash: the object
 * store first, then the release's tree. Throws `release/file-missing` when neither holds them.
 */
export async function releaseFileSource(projectDir: string, release: Release, file: ReleaseFile): Promise<string> {
  const candidates = [objectPath(projectDir, file.sha256), ...(release.tree === undefined ? [] : [join(release.tree, ...file.path.split('/'))])]
  for (const candidate of candidates) {
    const found = await hashFile(candidate)
    if (found === file.sha256) return candidate
    // An object whose bytes changed (edited through a link in OUT/) must not serve a later build from the cache.
    if (found !== undefined && candidate === candidates[0]) await rm(candidate, { force: true }).catch(() => undefined)
  }
  throw new GongkaiError(ERRORS.ReleaseFileMissing, `发布版本 ${release.manifest.id} 的文件“${file.path}”已不存在或被改动`, {
    hint: '重新运行 gongkai build 生成新的发布版本后再推送',
  })
}

/** The bytes of a release file, checked against the manifest's hash. */
export async function readReleaseFile(projectDir: string, release: Release, file: ReleaseFile): Promise<Buffer> {
  return readFile(await releaseFileSource(projectDir, release, file))
}

/**
 * The bytes of a file a render stored (`onRendered` of `buildRelease`), from the object store,
 * checked against its hash. Throws `release/file-missing` when the store no longer holds them.
 */
export async function readRenderedFile(projectDir: string, file: { readonly path: string; readonly sha256: string }): Promise<Buffer> {
  const bytes = await readFile(objectPath(projectDir, file.sha256)).catch(() => undefined)
  if (bytes !== undefined && sha256Of(bytes) === file.sha256) return bytes
  throw new GongkaiError(ERRORS.ReleaseFileMissing, `渲染结果“${file.path}”已不存在或被改动`, { hint: '重新运行 gongkai build' })
}

/** Copies a release file to `dest` (creating its folder), checked against the manifest's hash. */
export async function copyReleaseFile(projectDir: string, release: Release, file: ReleaseFile, dest: string): Promise<void> {
  const source = await releaseFileSource(projectDir, release, file)
  await mkdir(dirname(dest), { recursive: true })
  await copyFile(source, dest)
}

/** Records what a delivery put in place (for verify). */
export async function saveDelivered(projectDir: string, record: Omit<DeliveredRelease, 'format'>): Promise<void> {
  const full: DeliveredRelease = { format: 'gongkai-delivered/1', ...record, files: [...record.files].sort() }
  await writeAtomic(join(releasesDir(projectDir, record.channel), 'delivered.json'), `${JSON.stringify(full, null, 1)}\n`)
}

/** What the last delivery of a channel put in place, or undefined when it was never delivered. */
export async function readDelivered(projectDir: string, channel: string): Promise<DeliveredRelease | undefined> {
  const record = await readJson<DeliveredRelease>(join(releasesDir(projectDir, channel), 'delivered.json'))
  if (record !== undefined && record.format !== 'gongkai-delivered/1') throw new GongkaiError(ERRORS.ReleaseCorrupt, `${channel} 的投递记录格式不对`, { hint: '重新推送一次' })
  return record
}
