/** `gongkai migrate [DIR] [--status] [--json]`: applies the store's numbered migrations and shows where its schema stands. */
import type { Command } from '../command.js'
import { flag, parse } from '../command.js'
import { EXIT } from '../errors.js'
import { openConfig } from '../project-config.js'
import { report, shown } from '../project.js'
import { openProjectStore, storeLabel } from '../store.js'
import { table } from '../ui.js'

const USAGE = `用法：gongkai migrate [目录] [--status] [--json]

把台账（投递记录、计划任务、令牌缓存）的表结构升级到本程序的版本，并列出已应用的迁移。
台账在第一次使用时也会自动迁移；多台机器同时启动时由数据库锁保证每个迁移只执行一次。
配置中写了 store: postgres://… 时迁移该数据库，否则迁移项目目录中的 SQLite 台账文件。
  --status  只查看，不迁移：列出已应用和待应用的迁移
  --json    以 JSON 输出结果`

/** The `migrate` command. */
export const migrateCommand: Command = {
  name: 'migrate',
  summary: '升级台账的表结构并列出迁移记录（PostgreSQL 或 SQLite）',
  usage: USAGE,
  async run(argv, io) {
    const args = parse(argv, { status: { type: 'boolean' }, json: { type: 'boolean' } }, USAGE)
    const project = openConfig(args.positionals[0], io)
    // A wrong `store` is left out of the config: migrating the SQLite file instead would hide the mistake.
    if (report(project.diagnostics, io, { warnings: false }).errors > 0) return EXIT.content
    const where = storeLabel(project, (path) => shown(io, path))
    const { config } = project
    if (config.store === undefined) {
      // SQLite migrates inside its own transaction whenever the file is opened; there is nothing to run apart.
      const store = await openProjectStore(project, io)
      const version = (store as { schemaVersion?: number }).schemaVersion ?? 0
      await store.close()
      if (flag(args, 'json')) io.out(JSON.stringify({ store: 'sqlite', file: where, schemaVersion: version }, null, 2))
      else io.out(`台账文件 ${where} 的结构版本为 ${version}，已是本程序的版本（SQLite 台账在每次打开时自动迁移）。`)
      return EXIT.ok
    }
    const { connectPostgres, MIGRATIONS } = await import('@gongkai/store-postgres')
    const status = flag(args, 'status')
    const db = await connectPostgres({
      url: config.store,
      ...(config.storePasswordEnv === undefined ? {} : { passwordEnv: config.storePasswordEnv }),
      env: io.env,
      now: io.now,
      migrate: !status,
      poolSize: 1,
    })
    try {
      const applied = await db.migrations()
      const now = new Set(db.migrated.map((m) => m.version))
      const done = new Set(applied.map((m) => m.version))
      const pending = MIGRATIONS.filter((m) => !done.has(m.version))
      const time = new Intl.DateTimeFormat('zh-CN', {
        timeZone: config.timezone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hour12: false,
      })
      if (flag(args, 'json')) {
        io.out(JSON.stringify({ store: 'postgres', url: db.url, schema: db.schema, applied, appliedNow: [...now], pending: pending.map((m) => ({ version: m.version, name: m.name })) }, null, 2))
        return EXIT.ok
      }
      const rows = [
        ...applied.map((m) => [String(m.version), m.name, now.has(m.version) ? '本次应用' : '已应用', time.format(new Date(m.appliedAt)).replace(/\//g, '-')]),
        ...pending.map((m) => [String(m.version), m.name, '待应用', '']),
      ]
      io.out(`PostgreSQL 台账 ${where}，表在模式（schema）${db.schema} 中：`)
      io.out(table(['版本', '名称', '状态', '应用时间'], rows))
      if (status) io.out(pending.length === 0 ? '结构已是本程序的版本，无需迁移。' : `有 ${pending.length} 个迁移待应用：运行 gongkai migrate 应用（第一次使用时也会自动应用）。`)
      else io.out(now.size === 0 ? '结构已是本程序的版本，本次没有应用迁移。' : `本次应用了 ${now.size} 个迁移，结构已是本程序的版本。`)
      return EXIT.ok
    } finally {
      await db.close()
    }
  },
}
