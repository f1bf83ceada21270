/** Building a ProjectConfig in memory and a RenderContext around it (for embedding and tests). */
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { ERRORS } from './errors-data.js'
import type { Catalog } from './catalog/catalog.js'
import type { RenderContext } from './channel.js'
import type { ProjectConfig } from './config.js'
import type { Diagnostic } from './diagnostics.js'
import { GongkaiError } from './diagnostics.js'
import type { Disclosure } from './model.js'
import { resolveProjectFile } from './project/project-file.js'

type DeepPartial<T> = { [K in keyof T]?: T[K] extends readonly unknown[] ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K] }

/** A complete ProjectConfig from the parts given; everything else takes its default (`body.orgCode` stays empty, never zeros). */
export function defineConfig(partial: DeepPartial<ProjectConfig> & { body: { name: string } }): ProjectConfig {
  const body = partial.body
  const site = partial.site ?? {}
  return {
    body: {
      name: body.name,
      // Empty, not 000000000: a 索引号 made from it would look real; createDisclosure refuses it instead.
      orgCode: body.orgCode ?? '',
      ...(body.address === undefined ? {} : { address: body.address }),
      ...(body.phone === undefined ? {} : { phone: body.phone }),
    },
    site: {
      ...site,
      title: site.title ?? `${body.name}政府信息公开`,
      baseUrl: site.baseUrl ?? 'http://localhost/',
      columns: site.columns ?? [],
    },
    timezone: partial.timezone ?? 'Asia/Shanghai',
    ...(partial.calendar === undefined ? {} : { calendar: partial.calendar }),
    fonts: Object.fromEntries(Object.entries(partial.fonts ?? {}).filter(([, v]) => v !== undefined)),
    channels: (partial.channels ?? {}) as ProjectConfig['channels'],
    schedules: partial.schedules ?? [],
    ledger: partial.ledger ?? '.gongkai/ledger.sqlite',
  }
}

/** Options for `createRenderContext`. */
export interface RenderContextOptions {
  readonly config: ProjectConfig
  readonly catalog: Catalog
  readonly all: readonly Disclosure[]
  /** Absolute project folder that assets are read from; without it every asset is missing. */
  readonly projectDir?: string
  readonly now?: Date
  /** Receives reported problems; by default they are collected in `diagnostics`. */
  readonly report?: (d: Diagnostic) => void
}

/** A RenderContext, plus the list its `report` collects into when no callback is given. */
export function createRenderContext(options: RenderContextOptions): RenderContext & { readonly diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = []
  const root = options.projectDir === undefined ? undefined : resolve(options.projectDir)
  return {
    config: options.config,
    catalog: options.catalog,
    all: options.all,
    now: options.now ?? new Date(),
    diagnostics,
    report: options.report ?? ((d) => void diagnostics.push(d)),
    async readAsset(path) {
      if (root === undefined) throw new GongkaiError(ERRORS.AssetMissing, `找不到文件“${path}”`, { hint: '附件和图片应放在项目的 assets/ 目录下，用相对路径引用' })
      // Checked here as well as at load: a symlink may have been made since, and channels read only through here.
      const where = await resolveProjectFile(root, path)
      if (!where.ok && where.reason !== 'missing') {
        throw new GongkaiError(ERRORS.AssetOutsideProject, `文件“${path}”${where.message}，不能发布`, { hint: '请把文件本身复制到项目的 assets/ 目录中，而不是链接到目录外' })
      }
      if (!where.ok) throw new GongkaiError(ERRORS.AssetMissing, `找不到文件“${path}”`, { hint: '附件和图片应放在项目的 assets/ 目录下，用相对路径引用' })
      try {
        return new Uint8Array(await readFile(where.path))
      } catch (cause) {
        throw new GongkaiError(ERRORS.AssetMissing, `找不到文件“${path}”`, { hint: '附件和图片应放在项目的 assets/ 目录下，用相对路径引用', cause })
      }
    },
  }
}
