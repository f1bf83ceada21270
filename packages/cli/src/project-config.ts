/** The project's config alone, for commands that need no publication (verify, ledger): loading thousands of publications to read a target would take seconds. */
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { ERRORS, GongkaiError } from '@gongkai/core'
import { CONFIG_FILE, readConfig } from '@gongkai/core/internal'
import type { Diagnostic, ProjectConfig } from '@gongkai/core'
import type { Io } from './command.js'

/** A project folder and its config, with the config's own problems. */
export interface ProjectSettings {
  readonly dir: string
  readonly config: ProjectConfig
  readonly diagnostics: readonly Diagnostic[]
}

/** Reads DIR/gongkai.config.yaml (default: the current folder). Throws when there is no project there. */
export function openConfig(dirArg: string | undefined, io: Io): ProjectSettings {
  const dir = resolve(io.cwd, dirArg ?? '.')
  if (!existsSync(dir)) throw new GongkaiError(ERRORS.ProjectNotFound, `找不到项目目录“${dirArg ?? '.'}”`)
  const file = join(dir, CONFIG_FILE)
  if (!existsSync(file)) {
    throw new GongkaiError(ERRORS.ProjectNoConfig, `“${dirArg ?? '.'}”不是 gongkai 项目目录（缺少 gongkai.config.yaml）`, {
      hint: '请指定项目目录，例如 gongkai verify examples/county-bureau；或用 gongkai init 新建项目',
    })
  }
  const diagnostics: Diagnostic[] = []
  const config = readConfig({ file: CONFIG_FILE, text: readFileSync(file, 'utf8') }, diagnostics)
  return { dir, config, diagnostics }
}

/** A channel's configured `target`, made absolute against the project folder, if it has one. */
export function configuredTarget(project: ProjectSettings, channel: string): string | undefined {
  const target = (project.config.channels[channel] as Record<string, unknown> | undefined)?.['target']
  return typeof target === 'string' && target.trim() !== '' ? resolve(project.dir, target) : undefined
}
