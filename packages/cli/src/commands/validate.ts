/** `gongkai validate [DIR]`: every problem of the project in one report; exit 1 on any error. */
import { readCheckSettings, readRubric } from '@gongkai/check'
import { preflight } from '@gongkai/hub'
import { validateSchedules } from '@gongkai/scheduler'
import type { WebsiteChannel } from '@gongkai/website'
import type { Command } from '../command.js'
import { flag, parse } from '../command.js'
import { EXIT } from '../errors.js'
import { checkGlyphs } from '../fonts-check.js'
import { computeRequestClock } from '@gongkai/core'
import { CHANNEL_IDS, createChannels, openProject, projectCalendar, renderContext, report } from '../project.js'
import { TASKS } from './tasks.js'

const USAGE = `用法：gongkai validate [目录] [--quiet]

检查配置、标准目录、每一篇公开信息、依申请公开登记簿（requests/）、各渠道的限制（如公众号标题不超过 32 字），
以及公示栏、大屏和公众号封面所用字体能否显示每个字（生僻字需要后备字体），
一次列出全部问题（文件:行:列、原因、建议）。有错误时退出码为 1。
  --quiet  只列错误，不列警告`

/** The `validate` command. */
export const validateCommand: Command = {
  name: 'validate',
  summary: '检查项目目录，列出全部问题',
  usage: USAGE,
  async run(argv, io) {
    const args = parse(argv, { quiet: { type: 'boolean' } }, USAGE)
    const project = await openProject(args.positionals[0], io)
    const diagnostics = [...project.diagnostics]
    const calendar = projectCalendar(project)
    diagnostics.push(...calendar.diagnostics)
    // What the register's clock shows wrong: a 补正 notice after 7 working days, a second extension, ….
    for (const r of project.requests) diagnostics.push(...computeRequestClock(r, calendar).diagnostics)
    diagnostics.push(...validateSchedules(project.config.schedules, TASKS))
    // The self-inspection settings and the rubric, each problem at its line of gongkai.config.yaml.
    readCheckSettings(project.config, diagnostics)
    readRubric(project.config, diagnostics)
    const channels = await createChannels(project, CHANNEL_IDS, { problems: diagnostics })
    // Theme files the website refused (a symlink out of the project) or read in another encoding: build reports them too.
    for (const c of channels) if (c.id === 'website') diagnostics.push(...(c as WebsiteChannel).diagnostics)
    const ctx = renderContext(project, io.now())
    diagnostics.push(...(await preflight(channels, project.disclosures, ctx)))
    // What build would say about fonts, without rendering: characters no face can draw.
    diagnostics.push(...checkGlyphs(project))
    const { errors, warnings } = report(diagnostics, io, { warnings: !flag(args, 'quiet') })
    const items = project.catalog.items.length
    const pubs = project.publications.length
    const requests = project.requests.length
    io.out(`检查了 ${items} 个事项、${pubs} 篇公开信息：${errors === 0 ? '没有错误' : `${errors} 个错误`}，${warnings} 个警告。${requests === 0 ? '' : `依申请公开登记簿 ${requests} 件申请。`}`)
    return errors > 0 ? EXIT.content : EXIT.ok
  },
}
