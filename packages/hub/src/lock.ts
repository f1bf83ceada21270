/**
 * One build at a time per project: a lock file in `.gongkai/` holding the builder's pid. A lock
 * whose process is gone (killed) is taken over, so a kill never blocks the next build.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { ERRORS, GongkaiError } from '@gongkai/core'
import { stateDir } from './release.js'

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (cause) {
    return (cause as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Runs `work` holding the project's build lock; throws `release/locked` while another live build holds it. */
export async function withBuildLock<T>(projectDir: string, work: () => Promise<T>): Promise<T> {
  const dir = stateDir(projectDir)
  await mkdir(dir, { recursive: true })
  const file = join(dir, 'build.lock')
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
      rmSync(file, { force: true })
    }
  }
  try {
    return await work()
  } finally {
    rmSync(file, { force: true })
  }
}
