/** `gongkai user add [DIR] --id ID --name 姓名 --role 审核[,发布]`: a console user, its password kept only as a scrypt hash. */
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { CONSOLE_ROLE_NAMES, ERRORS, GongkaiError, loadProject } from '@gongkai/core'
import type { ConsoleRole, Diagnostic } from '@gongkai/core'
import { CONFIG_FILE, decodeText, editYamlText, unsafeReason } from '@gongkai/core/internal'
// The password subpath alone: the console's index pulls in its server and the preview renderers.
import { hashPassword, MIN_PASSWORD_LENGTH } from '@gongkai/console/password'
import type { Command, Io } from '../command.js'
import { parse, text } from '../command.js'
import { EXIT, UsageError } from '../errors.js'
import { openProject, report } from '../project.js'

const ROLE_LIST = Object.values(CONSOLE_ROLE_NAMES).join('、')

const USAGE = `用法：gongkai user add [目录] --id 用户名 --name 姓名 --role 角色[,角色]

添加一位操作台用户到 gongkai.config.yaml 的 users 中。密码从标准输入读取（在终端中会提示输入两次，
不回显）；文件中只保存 scrypt 散列，不保存密码本身。

  --id    登录用的用户名：字母、数字、连字符和下划线，例如 zhangsan
  --name  姓名：显示在操作台上，审核时作为审查人写入文件
  --role  角色，多个用逗号分隔：${ROLE_LIST}
          编辑：修改公开信息；审核：通过保密审查；发布：推送；管理：查看操作记录`

/** Reads the password: twice, unechoed, at a terminal; the first line of a pipe otherwise. */
async function readPassword(io: Io): Promise<string> {
  if (io.readSecret !== undefined) return io.readSecret('密码：')
  const stdin = process.stdin
  if (stdin.isTTY !== true) {
    const chunks: Buffer[] = []
    for await (const chunk of stdin) chunks.push(chunk as Buffer)
    return (Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '').trimEnd()
  }
  const ask = (prompt: string) =>
    new Promise<string>((done) => {
      process.stderr.write(prompt)
      stdin.setRawMode(true)
      stdin.resume()
      let typed = ''
      const onData = (data: Buffer) => {
        for (const ch of data.toString('utf8')) {
          if (ch === '\r' || ch === '\n') {
            stdin.setRawMode(false)
            stdin.pause()
            stdin.off('data', onData)
            process.stderr.write('\n')
            done(typed)
            return
          }
          if (ch === '\u0003') process.exit(EXIT.usage)
          typed = ch === '\u007f' ? typed.slice(0, -1) : typed + ch
        }
      }
      stdin.on('data', onData)
    })
  const first = await ask('密码：')
  const again = await ask('再输入一次：')
  if (first !== again) throw new GongkaiError(ERRORS.UserBadPassword, '两次输入的密码不一样，没有添加用户', { hint: '请重新运行这条命令' })
  return first
}

/** The `user` command (`user add`). */
export const userCommand: Command = {
  name: 'user',
  summary: '添加操作台用户（密码只保存散列）',
  usage: USAGE,
  async run(argv, io) {
    const [sub, ...rest] = argv
    if (sub !== 'add') throw new UsageError(sub === undefined ? '请写明子命令：gongkai user add' : `不认识的子命令“${sub}”（目前只有 add）`, USAGE)
    const args = parse(rest, { id: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } }, USAGE)
    const id = text(args, 'id')
    const name = text(args, 'name')?.trim()
    const roleText = text(args, 'role')
    if (id === undefined || name === undefined || name === '' || roleText === undefined) throw new UsageError('--id、--name 和 --role 都要写', USAGE)
    const why = unsafeReason(id)
    if (why !== undefined) throw new UsageError(`用户名“${id}”不能使用：${why}`, '只用字母、数字、连字符和下划线，例如 zhangsan')
    const byName = new Map<string, ConsoleRole>(
      Object.entries(CONSOLE_ROLE_NAMES).flatMap(([role, label]) => [
        [label, role as ConsoleRole],
        [role, role as ConsoleRole],
      ]),
    )
    const roles: string[] = []
    for (const r of roleText
      .split(/[,，、]/)
      .map((s) => s.trim())
      .filter(Boolean)) {
      const role = byName.get(r)
      if (role === undefined) throw new UsageError(`不认识的角色“${r}”`, `可选角色：${ROLE_LIST}`)
      const label = CONSOLE_ROLE_NAMES[role]
      if (!roles.includes(label)) roles.push(label)
    }
    if (roles.length === 0) throw new UsageError('--role 至少写一个角色', `可选角色：${ROLE_LIST}`)
    const project = await openProject(args.positionals[0], io)
    if ((project.config.users ?? []).some((u) => u.id === id)) throw GongkaiError.from(ERRORS.UserExists, id)
    const password = await readPassword(io)
    if ([...password].length < MIN_PASSWORD_LENGTH) throw new GongkaiError(ERRORS.UserBadPassword, `密码至少 ${MIN_PASSWORD_LENGTH} 个字符，没有添加用户`, { hint: '请用更长的密码重新运行' })
    const path = join(project.dir, CONFIG_FILE)
    const before = readFileSync(path)
    const decoded = decodeText(before, CONFIG_FILE)
    if (decoded.text === undefined || decoded.encoding !== 'UTF-8') throw GongkaiError.from(ERRORS.EditLegacyEncoding, CONFIG_FILE, decoded.encoding ?? '未知')
    const bom = decoded.text.startsWith('\uFEFF') ? '\uFEFF' : ''
    const after = bom + editYamlText(decoded.text.slice(bom.length), CONFIG_FILE, { kind: 'append', key: 'users', item: { id, name, roles, password: await hashPassword(password) } })
    const temp = `${path}.gongkai-${process.pid}.tmp`
    writeFileSync(temp, after, 'utf8')
    renameSync(temp, path)
    const again = await loadProject(project.dir)
    const key = (d: Diagnostic) => `${d.file ?? ''} ${d.severity} ${d.code} ${d.message}`
    const known = new Set(project.diagnostics.map(key))
    const mine = again.diagnostics.filter((d) => d.file === CONFIG_FILE && d.severity === 'error' && !known.has(key(d)))
    if (mine.length > 0) {
      writeFileSync(temp, before)
      renameSync(temp, path)
      report(mine, io)
      io.err(`改动 ${CONFIG_FILE} 后出现了新的错误，已恢复原文件。`)
      return EXIT.content
    }
    io.out(`已添加用户 ${id}（${name}，${roles.join('、')}）到 ${CONFIG_FILE}；密码只保存了散列。`)
    return EXIT.ok
  },
}
