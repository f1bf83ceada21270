/**
 * One build at a time per project: a lock file in `.gongkai/` holding the builder's pid. A lock
 * whose process is gone (killed) is taken over, so a kill never blocks the next build, and what
 * that build was writing when it died (temporary files, trees, links) is removed.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { ERRORS, GongkaiError } from '@gongkai/core'
import { cacheDir, stateDir } from './release.js'

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (cause) {
    return (cause as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Names every temporary of ours carries: `<file>.<pid>-<hex>.tmp`, `.tmp-<pid>-<hex>`, `.<channel>.link-<pid>-<hex>`, `.legacy-<pid>-<hex>`. */
const TEMPORARY = /(?:\.(\d+)-[0-9a-f]+\.tmp|^\.tmp-(\d+)-[0-9a-f]+|^\.[^/]+\.link-(\d+)-[0-9a-f]+|^\.legacy-(\d+)-[0-9a-f]+)$/

/** Removes the temporaries in `dir` (not below) whose writer is dead; a live writer's (a push saving its record) stay. */
function sweep(dir: string): void {
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return
  }
  for (const name of names) {
    const m = TEMPORARY.exec(name)
    if (m === null) continue
    const pid = Number(m[1] ?? m[2] ?? m[3] ?? m[4])
    if (pid !== process.pid && !alive(pid)) rmSync(join(dir, name), { recursive: true, force: true })
  }
}

function subdirs(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => join(dir, e.name))
  } catch {
    return []
  }
}

/**
 * What dead processes left half-written: nothing else cleans it, since every name is new. The
 * object store (thousands of files) is swept only after a build that died holding the lock.
 */
function removeStaleTemporaries(projectDir: string, afterDeadBuild: boolean): void {
  const state = stateDir(projectDir)
  sweep(state)
  for (const d of subdirs(join(state, 'releases'))) sweep(d)
  sweep(join(cacheDir(projectDir), 'renders'))
  // The seals of the release trees (build.ts), written the same way.
  sweep(join(cacheDir(projectDir), 'trees'))
  if (afterDeadBuild) for (const d of subdirs(join(cacheDir(projectDir), 'objects'))) sweep(d)
}

/** Removes what dead builds left in OUT/: half-made links beside OUT/<channel>, half-written trees of any channel. Call holding the lock. */
export function removeStaleOutput(outDir: string): void {
  sweep(outDir)
  for (const d of subdirs(join(outDir, '.releases'))) sweep(d)
}

/**
 * Runs `work` holding the project's build lock; throws `release/locked` while another live build
 * holds it. Before `work`, removes the temporaries dead processes left in `.gongkai/`.
 */
export async function withBuildLock<T>(projectDir: string, work: () => Promise<T>): Promise<T> {
  const dir = stateDir(projectDir)
  await mkdir(dir, { recursive: true })
  const file = join(dir, 'build.lock')
  let afterDeadBuild = false
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' })
      break
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 2) throw cause
      let holder = Number.NaN
      try {
        holder = Number(readFileSync(file, 'utf8').trim())
      } catch {
        // Removed meanwhile: try again.
      }
      if (holder !== process.pid && alive(holder)) {
        throw new GongkaiError(ERRORS.ReleaseLocked, `另一个 gongkai build（进程 ${holder}）正在生成这个项目`, { hint: '等它结束后再运行；确认没有别的生成在运行时，可删除 .gongkai/build.lock' })
      }
      afterDeadBuild = true
      rmSync(file, { force: true })
    }
  }
  try {
    removeStaleTemporaries(projectDir, afterDeadBuild)
    return await work()
  } finally {
    rmSync(file, { force: true })
  }
}
