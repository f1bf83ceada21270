/**
 * Scheduler rows: N publications pushed by the `gongkai schedule` daemon (a real child process,
 * cron every second) to the local WeChat platform stand-in, once with no interruption (baseline)
 * and once killed with SIGKILL five times on the way (seeded points); wall time from first start to
 * the ledger saying every publication is delivered, and duplicates on the platform (must be 0).
 */
import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openSqliteStore } from '@gongkai/store-sqlite'
import { startWechatServer } from '@gongkai/test-wechat-server'
import type { WechatServer } from '@gongkai/test-wechat-server'
import { seededRandom } from '../corpus.js'
import type { BenchContext, BenchRow } from '../types.js'

const BIN = fileURLToPath(new URL('../../../packages/cli/dist/bin.js', import.meta.url))
const SECRET = 'bench-scheduler-secret'
const KILLS = 5

const titleOf = (i: number) => `环境执法公示第${i}号`

/** A project folder: N reviewed publications on one WeChat item, one schedule every second. */
function writeProject(dir: string, server: WechatServer, count: number): void {
  mkdirSync(join(dir, 'publications'), { recursive: true })
  writeFileSync(
    join(dir, 'gongkai.config.yaml'),
    [
      'body: { name: 青川县生态环境局, orgCode: "008672531" }',
      'site: { title: 青川县生态环境局政府信息公开, baseUrl: "https://www.qingchuan.gov.cn/hbj/gk/" }',
      'timezone: Asia/Shanghai',
      'ledger: .gongkai/ledger.sqlite',
      'channels:',
      '  wechat:',
      `    appId: ${server.appId}`,
      '    secretEnv: GK_BENCH_WECHAT_SECRET',
      `    apiBase: ${server.url}`,
      '    pollIntervalMs: 20',
      '    maxPolls: 200',
      '    claimTtlMs: 2000',
      '    retry: { attempts: 5, baseMs: 20, maxMs: 200 }',
      'schedules:',
      '  - { id: push, task: wechat, cron: "* * * * * *" }',
      '',
    ].join('\n'),
  )
  writeFileSync(
    join(dir, 'catalog.yaml'),
    [
      'items:',
      '  - code: HB-XZCF-001',
      '    name: 行政处罚决定',
      '    category: 行政处罚',
      '    basis: 《中华人民共和国行政处罚法》第四十八条',
      '    content: 行政处罚决定书（案件名称、当事人、违法事实、处罚依据、处罚结果、作出机关、日期）',
      '    owner: 执法大队',
      '    timeLimit: 自作出行政处罚决定之日起7个工作日内',
      '    channels: [wechat]',
      '',
    ].join('\n'),
  )
  for (let n = 1; n <= count; n++) {
    writeFileSync(
      join(dir, 'publications', `sch-${String(n).padStart(5, '0')}.md`),
      [
        '---',
        `id: sch-${String(n).padStart(5, '0')}`,
        'item: HB-XZCF-001',
        `title: ${titleOf(n)}`,
        'kind: release',
        'stage: result',
        'formed: 2026-03-02',
        'review: { by: 王建国, on: 2026-03-03 }',
        '---',
        '',
        `青川县某公司第${n}号案件：经查，该公司未按规定运行大气污染防治设施。依据《中华人民共和国大气污染防治法》第一百零八条，责令改正，处罚款人民币二万元。`,
        '',
      ].join('\n'),
    )
  }
}

function startDaemon(dir: string): { child: ChildProcess; exited: Promise<void> } {
  const child = spawn(process.execPath, [BIN, 'schedule', dir, '--json', '--poll', '0.2'], { env: { ...process.env, GK_BENCH_WECHAT_SECRET: SECRET }, stdio: 'ignore' })
  return { child, exited: new Promise((done) => child.on('exit', () => done())) }
}

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** Pushes `count` publications with the daemon, killed `kills` times; seconds to all delivered, and duplicates. */
async function push(ctx: BenchContext, name: string, count: number, kills: number): Promise<{ seconds: number; duplicates: number; restarts: number }> {
  const server = await startWechatServer({ secret: SECRET, publishingPolls: 1, publishingMs: 150 })
  const dir = join(ctx.workDir, name)
  writeProject(dir, server, count)
  const store = openSqliteStore(join(dir, '.gongkai', 'ledger.sqlite'))
  const random = seededRandom(20261126)
  const deadline = 30 * 60_000
  try {
    const t0 = performance.now()
    for (let k = 0; k < kills; k++) {
      const daemon = startDaemon(dir)
      // Kill k lands around the (k+1)/(kills+1) mark of the submits, with a seeded jitter.
      const at = Math.floor((count * (k + 1 + (random() - 0.5) * 0.5)) / (kills + 1))
      await until(() => server.stats.submits >= at, `${at} submits`, deadline)
      daemon.child.kill('SIGKILL')
      await daemon.exited
      ctx.log(`${name}: SIGKILL ${k + 1} after ${server.stats.submits} submits`)
    }
    const daemon = startDaemon(dir)
    await until(async () => (await store.ledger.list({ channel: 'wechat', state: 'delivered' })).length >= count, `${count} delivered`, deadline)
    const seconds = (performance.now() - t0) / 1000
    daemon.child.kill('SIGTERM')
    await daemon.exited
    let duplicates = 0
    for (let i = 1; i <= count; i++) {
      duplicates += Math.max(0, (server.stats.draftsByTitle[titleOf(i)] ?? 0) - 1) + Math.max(0, (server.stats.submitsByTitle[titleOf(i)] ?? 0) - 1)
    }
    if (server.stats.submits < count) throw new Error(`${name}: only ${server.stats.submits} of ${count} submitted`)
    return { seconds, duplicates, restarts: kills }
  } finally {
    await store.close()
    await server.close()
  }
}

/** The daemon pushing N publications with and without five kills. */
export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const n = ctx.quick ? 200 : 1000
  ctx.log(`baseline: the daemon pushes ${n} publications with no kills`)
  const base = await push(ctx, 'baseline', n, 0)
  ctx.log(`baseline: ${base.seconds.toFixed(1)} s; now with ${KILLS} kills`)
  const killed = await push(ctx, 'kills', n, KILLS)
  const note = `${ctx.quick ? 'quick: 200 publications; ' : ''}daemon --poll 0.2, cron every second, WeChat polls every 20 ms, a dead daemon's claim on a publication expires after 2 s`
  return [
    { group: 'scheduler', name: `daemon push, ${n} publications, no kills`, value: Number(base.seconds.toFixed(1)), unit: 's', note },
    {
      group: 'scheduler',
      name: `daemon push, ${n} publications, ${KILLS} SIGKILLs on the way`,
      value: Number(killed.seconds.toFixed(1)),
      unit: 's',
      baseline: { name: 'same push, no kills', value: Number(base.seconds.toFixed(1)) },
      ratio: Number((killed.seconds / base.seconds).toFixed(2)),
      target: '≤ 1.5× no kills',
      pass: killed.seconds <= 1.5 * base.seconds,
    },
    {
      group: 'scheduler',
      name: 'time lost per SIGKILL (restart, lost work, dead claim)',
      value: Number(((killed.seconds - base.seconds) / KILLS).toFixed(2)),
      unit: 's',
    },
    {
      group: 'scheduler',
      name: `duplicate drafts + submits after ${KILLS} SIGKILLs (${n} publications)`,
      value: killed.duplicates + base.duplicates,
      unit: 'count',
      target: '= 0',
      pass: killed.duplicates + base.duplicates === 0,
    },
  ]
}
