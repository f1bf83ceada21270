/** `gongkai init DIR`: a new project folder from a template that validates as it is. */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { reportTemplate } from '@gongkai/core'
import { join, relative, resolve } from 'node:path'
import type { Command } from '../command.js'
import { flag, parse, text } from '../command.js'
import { EXIT, UsageError } from '../errors.js'

const USAGE = `用法：gongkai init <目录> [--name 机关名称] [--force]

在 <目录> 中创建一个新的项目：配置、标准目录示例和一篇示例公开信息。
  --name   发布机构名称（默认：某某县某某局）
  --force  目录不为空时也写入（不会覆盖已有文件）`

function files(name: string, today: string): Record<string, string> {
  return {
    'gongkai.config.yaml': `# gongkai 项目配置。说明见 docs/project-folder.md
body:
  name: ${name}
  orgCode: "000000000"        # 组织机构代码，用于索引号
site:
  title: ${name}政府信息公开
  baseUrl: https://www.example.gov.cn/gk/
  sponsor: ${name}
  columns:
    - id: standard
      title: 政务公开标准化规范化
timezone: Asia/Shanghai
# 保密审查默认一级：每篇公开信息写 review: { by: 审查人, on: 日期 }。
# 需要多级审查（如新媒体“三审三校”）时取消下面两行的注释，每篇就按级写：
#   review:
#     初审: { by: 张敏, on: 2026-11-21 }
#     复审: { by: 李强, on: 2026-11-22 }
# review:
#   levels: [初审, 复审]
channels:
  wechat:
    appId: wx0000000000000000
    secretEnv: GONGKAI_WECHAT_SECRET   # 密钥只放在环境变量里，不写进文件
    # 已发表的文章不能修改：更正（gongkai correct）时是否另发一篇“更正说明”链接原文（notice），默认 off 由人工处理
    # corrections: notice
  noticeboard:
    paper: A4
  kiosk:
    orientation: portrait
schedules:
  - id: deadlines
    task: deadlines
    cron: "30 8 * * *"
`,
    'catalog.yaml': `# 政务公开事项标准目录
items:
  - code: GK-ZFXX-001
    name: 机构职能
    category: 政府信息
    subcategory: 机构信息
    basis:
      - 《中华人民共和国政府信息公开条例》第二十条
    content: 机构名称、办公地址、办公时间、联系方式、负责人姓名、主要职能、内设机构
    owner: 办公室
    timeLimit: 信息形成或者变更之日起20个工作日内
    channels: [website, wechat, noticeboard, kiosk]
    audience: public
    mode: proactive
    level: [county]
adjustments: []
`,
    // The office's own text of the annual report (sections 一, 五, 六); the tables are counted by `gongkai report annual`.
    [`reports/${today.slice(0, 4)}.md`]: reportTemplate(Number(today.slice(0, 4))),
    [`publications/${today.slice(0, 4)}-jgzn-001.md`]: `---
id: ${today.slice(0, 4)}-jgzn-001
item: GK-ZFXX-001
title: ${name}机构职能
kind: release
stage: management
formed: ${today}
tags: [机构职能]
---

## 一、主要职责

（在这里填写本机关的主要职责。）

## 二、内设机构

| 科室 | 职责 | 联系电话 |
| --- | --- | --- |
| 办公室 | 综合协调、政务公开 | 0000-0000000 |
`,
    // One request in the register (依申请公开), to show its form: `gongkai letter` and `report annual` read it.
    [`requests/${today.slice(0, 4)}-ysq-001.yaml`]: `# 示例：依申请公开登记簿中的一件申请（每件一个文件）。照此登记本机关收到的申请，这一件请改写或删除。
id: ${today.slice(0, 4)}-ysq-001
received: ${today}                 # 收到申请之日（当面：当日；邮寄：签收之日；网络：系统收到之日）
channel: 网络                      # 当面 | 邮寄 | 网络 | 电子邮件 | 传真 | 其他
applicant: { type: 自然人, name: 张某 }   # 姓名只写进给申请人的告知书，不公开
owner: 办公室
content: 申请公开本机关的机构职能和内设机构
outcome:
  on: ${today}
  result: 予以公开
  basis: 条例第三十六条第（一）项
  note: 该信息已主动公开，告知获取方式。
fee: 0
`,
    'assets/.gitkeep': '',
    '.gitignore': '.gongkai/\nout/\n',
  }
}

/** The `init` command. */
export const initCommand: Command = {
  name: 'init',
  summary: '新建一个项目目录',
  usage: USAGE,
  async run(argv, io) {
    const args = parse(argv, { name: { type: 'string' }, force: { type: 'boolean' } }, USAGE)
    const target = args.positionals[0]
    if (target === undefined) throw new UsageError('请给出要创建的项目目录', USAGE)
    const dir = resolve(io.cwd, target)
    if (existsSync(dir) && readdirSync(dir).length > 0 && !flag(args, 'force')) {
      io.err(`目录“${target}”不是空的。加 --force 可在其中补写缺少的文件（已有文件不会被覆盖）。`)
      return EXIT.usage
    }
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(io.now())
    const written: string[] = []
    for (const [file, content] of Object.entries(files(text(args, 'name') ?? '某某县某某局', today))) {
      const path = join(dir, file)
      if (existsSync(path)) continue
      mkdirSync(join(path, '..'), { recursive: true })
      writeFileSync(path, content)
      written.push(file)
    }
    io.out(`已创建项目 ${relative(io.cwd, dir) || '.'}：`)
    for (const f of written) io.out(`  ${f}`)
    io.out('')
    io.out('下一步：')
    io.out(`  gongkai validate ${target}      检查目录和公开信息`)
    io.out(`  gongkai build ${target} --preview  生成网站、公众号、公示栏和大屏的预览`)
    return EXIT.ok
  },
}
