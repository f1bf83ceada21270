/** `gongkai console [DIR] [--port 4300] [--host 127.0.0.1] [--tls-key F --tls-cert F] [--insecure] [--as ID]`: the operator's web console. */
import { relative, resolve } from 'node:path'
import { CONFIG_FILE } from '@gongkai/core/internal'
import { ERRORS, GongkaiError } from '@gongkai/core'
import { startConsole } from '@gongkai/console'
import type { Command } from '../command.js'
import { flag, parse, text } from '../command.js'
import { EXIT, UsageError } from '../errors.js'
import { CHANNEL_IDS, createChannels, openProject, openStore } from '../project.js'
import { defaultPrintFile, makePrintRun, savePrintRun } from './print.js'
import { makeScheduler, scheduleProblems } from './schedule.js'

const USAGE = `用法：gongkai console [目录] [--port 4300] [--host 127.0.0.1] [--tls-key 私钥.pem --tls-cert 证书.pem] [--insecure] [--as 用户名]

在浏览器中使用的政务公开操作台：总览、公开信息、四个渠道的预览、保密审查、推送（先看推送计划再确认）、
计划任务（下次运行时间、最近结果、立即运行）、公示栏打印稿、操作记录。
启动后显示访问地址和一次性登录链接（15 分钟内有效，只能用一次）；也可以用户名和密码登录
（用户用 gongkai user add 添加）。按 Ctrl-C 停止。

  --port      端口，默认 4300
  --host      监听地址，默认 127.0.0.1（只有本机能访问）；其他地址须同时给出 --tls-key 和 --tls-cert，或加 --insecure
  --tls-key   HTTPS 私钥文件（PEM）
  --tls-cert  HTTPS 证书文件（PEM）
  --insecure  在非本机地址上也用明文 HTTP（密码会在网络中明文传输，只在确知安全的内网中使用）
  --as        一次性登录链接登录为哪位用户，默认第一位有“管理”角色的用户`

/** The `console` command. */
export const consoleCommand: Command = {
  name: 'console',
  summary: '启动浏览器中的操作台（审核、预览、推送、打印、台账）',
  usage: USAGE,
  async run(argv, io) {
    const args = parse(
      argv,
      { port: { type: 'string' }, host: { type: 'string' }, 'tls-key': { type: 'string' }, 'tls-cert': { type: 'string' }, insecure: { type: 'boolean' }, as: { type: 'string' } },
      USAGE,
    )
    const portText = text(args, 'port') ?? '4300'
    if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) throw new UsageError(`--port 应为 0 到 65535 之间的整数，不能是“${portText}”`, USAGE)
    const key = text(args, 'tls-key')
    const cert = text(args, 'tls-cert')
    if ((key === undefined) !== (cert === undefined)) throw new UsageError('--tls-key 和 --tls-cert 要一起给出', USAGE)
    const project = await openProject(args.positionals[0], io)
    const users = project.config.users ?? []
    if (users.length === 0) throw GongkaiError.from(ERRORS.ConsoleNoUsers, CONFIG_FILE)
    const as = text(args, 'as')
    const who = as === undefined ? (users.find((u) => u.roles.includes('admin')) ?? users[0]) : users.find((u) => u.id === as)
    if (who === undefined) throw new UsageError(`--as 中的用户“${as ?? ''}”不在 ${CONFIG_FILE} 的 users 中`, `可用的用户：${users.map((u) => u.id).join('、')}`)
    // Sessions and links expire by the store's clock: the same one as the console's (GONGKAI_NOW in rehearsals and tests).
    const store = await openStore(project, io)
    const running = await startConsole({
      dir: project.dir,
      store,
      now: io.now,
      host: text(args, 'host') ?? '127.0.0.1',
      port: Number(portText),
      insecure: flag(args, 'insecure'),
      ...(key === undefined || cert === undefined ? {} : { tls: { key: resolve(io.cwd, key), cert: resolve(io.cwd, cert) } }),
      // Previews never stop on a channel's bad option (the page says so); a push does, with every place named.
      channels: (p, purpose) => (purpose === 'push' ? createChannels(p, CHANNEL_IDS) : createChannels(p, CHANNEL_IDS, { preview: true, problems: [] })),
      env: io.env,
      scheduler: (p) => {
        const problems = scheduleProblems(p)
        if (problems.some((d) => d.severity === 'error')) return { problems }
        // The console's runs log to its page, not to the terminal it was started in.
        return { problems, scheduler: makeScheduler(p, store, io, { json: false, log: () => {} }) }
      },
      printer: {
        render: (p, day) => makePrintRun(p, store, day, io),
        save: async (p, day) => {
          const file = defaultPrintFile(p, day)
          return { file: relative(p.dir, file).replaceAll('\\', '/'), run: await savePrintRun(p, store, day, io, file) }
        },
      },
    }).catch(async (error: unknown) => {
      await store.close()
      throw error
    })
    // Ctrl-C is listened for from the moment the server listens, not only once the link is printed.
    const stopped = new Promise<void>((done) => {
      const stop = () => {
        process.off('SIGINT', stop)
        process.off('SIGTERM', stop)
        done()
      }
      process.on('SIGINT', stop)
      process.on('SIGTERM', stop)
    })
    io.out(`操作台已启动：${running.url}`)
    io.out(`一次性登录链接（登录为 ${who.name}，15 分钟内有效，只能用一次）：`)
    io.out(`  ${running.url}${await running.app.signInLink(who.id)}`)
    io.out('正在后台生成四个渠道的预览；按 Ctrl-C 停止。')
    await stopped
    await running.close()
    await store.close()
    io.out('操作台已停止。')
    return EXIT.ok
  },
}
