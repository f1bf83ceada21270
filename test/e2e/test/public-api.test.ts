/**
 * The public API, reviewed: each package's export names, so that a new export (or a lost one) is a
 * deliberate change of this list, and every export carries JSDoc in the built `.d.ts`. Internals our
 * packages share are under the `internal` subpaths and are not listed.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { PACKAGES, declarationFile, publicExports } from '../support/public-api.js'

/** The reviewed list: change it only on purpose, with the README's API section. */
const PUBLIC: Record<keyof typeof PACKAGES, readonly string[]> = {
  core: [
    'Adjustment',
    'AdjustmentKind',
    'Artifact',
    'AssemblePart',
    'Attachment',
    'Audience',
    'BodySignature',
    'Catalog',
    'CatalogItem',
    'Channel',
    'ChannelLimits',
    'ChannelName',
    'ChannelOptionsError',
    'ColumnConfig',
    'Correction',
    'CreateDisclosureOptions',
    'CreateDisclosuresOptions',
    'DeadlineResult',
    'DeadlineStatus',
    'DeadlineStatusOptions',
    'DeliverContext',
    'DeliveryEvent',
    'DeliveryKey',
    'DeliveryRecord',
    'DeliveryResult',
    'DeliveryState',
    'DeliveryUnit',
    'Diagnostic',
    'Disclosure',
    'DisclosureError',
    'DisclosureLinks',
    'DisclosureMode',
    'ERRORS',
    'ErrorData',
    'GongkaiError',
    'GongkaiErrorOptions',
    'IndexSerial',
    'ItemStatus',
    'Job',
    'JobState',
    'JobStore',
    'KeyValueStore',
    'Ledger',
    'LedgerFilter',
    'Level',
    'LoadProjectOptions',
    'OptionProblem',
    'OptionsError',
    'Place',
    'Project',
    'ProjectConfig',
    'ProjectSources',
    'Publication',
    'PublicationKind',
    'RECORDED_CHANNELS',
    'RENDERED_CHANNELS',
    'Receipt',
    'ReleaseEntry',
    'ReleaseRef',
    'ReleaseView',
    'RenderContext',
    'RenderContextOptions',
    'RenderedChannelId',
    'ReviewSignoff',
    'ScheduleConfig',
    'Severity',
    'SourceFile',
    'Stage',
    'Store',
    'TimeLimit',
    'TimeLimitFrom',
    'ValidatedProject',
    'Validity',
    'ValidityStatus',
    'WithdrawMode',
    'Withdrawal',
    'WorkdayCalendar',
    'computeDeadline',
    'createDisclosure',
    'createDisclosures',
    'createIndexNumbering',
    'createMemoryStore',
    'createRenderContext',
    'deadlineStatus',
    'defineConfig',
    'describeMissingReview',
    'effectiveValidity',
    'findBodySignature',
    'formatChineseDate',
    'formatDiagnostic',
    'hasErrors',
    'isReviewed',
    'loadCalendar',
    'loadProject',
    'missingReviewLevels',
    'parseTimeLimit',
    'reviewLevelsOf',
    'toPlainText',
    'validateProject',
  ],
  'store-postgres': [
    'AppliedMigration',
    'ClaimedDelivery',
    'ConnectionSettings',
    'MIGRATIONS',
    'Migration',
    'POSTGRES_SCHEMA_VERSION',
    'PostgresDatabase',
    'PostgresOptions',
    'PostgresStore',
    'connectPostgres',
    'connectionSettings',
    'maskUrl',
    'openPostgresStore',
  ],
  'store-sqlite': ['SqliteStore', 'SqliteStoreOptions', 'openSqliteStore'],
  fonts: ['DEBIAN_HANAZONO_B', 'FaceRole', 'FontFace', 'FontRun', 'FontSet', 'ResolveFontsOptions', 'resolveFonts'],
  chart: [
    'CHART_FONTS',
    'Chart',
    'ChartStyle',
    'DetectOptions',
    'LIGHT_STYLE',
    'MAX_SERIES',
    'MIN_ROWS',
    'Series',
    'SeriesTable',
    'chartPng',
    'chartSvg',
    'describeChart',
    'detectSeries',
    'detectSeriesIn',
    'isPeriod',
    'parseNumber',
    'splitUnit',
  ],
  typeset: ['LEXICON', 'TextTitleOptions', 'TitleAtom', 'TitleBreak', 'TitleLine', 'TitleOptions', 'breakTitle', 'breakTitleAtoms', 'mayBreakBetween', 'neverEndsLine', 'neverStartsLine'],
  hub: [
    'BROWSER_USER_AGENT',
    'BuildOptions',
    'BuildProgress',
    'BuildSummary',
    'CRAWLER_USER_AGENT',
    'ChannelBuildSummary',
    'ChannelRender',
    'CheckLedgerOptions',
    'DeliverOptions',
    'DeliverResult',
    'DeliveredRelease',
    'FanOutResult',
    'LedgerCheck',
    'LedgerMark',
    'REBUILT_FROM_RELEASES',
    'RELEASE_FORMAT',
    'RebuildLedgerOptions',
    'RebuildLedgerResult',
    'RebuiltChannel',
    'RecoveredPublication',
    'Release',
    'ReleaseFile',
    'ReleaseManifest',
    'ReleasePublication',
    'RepairResult',
    'SkipReason',
    'SkippedDelivery',
    'VerifyDifference',
    'VerifyResult',
    'VerifyUrlOptions',
    'buildRelease',
    'checkLedger',
    'copyReleaseFile',
    'deliverRelease',
    'deliveredChannels',
    'fanOut',
    'ledgerMarkPath',
    'listReleaseIds',
    'preflight',
    'readDelivered',
    'readLedgerMark',
    'readRelease',
    'readReleaseFile',
    'rebuildLedger',
    'recordLedgerIdentity',
    'releaseFileSource',
    'releasesDir',
    'repairFolder',
    'saveDelivered',
    'stateDir',
    'verifyFolder',
    'verifyUrl',
  ],
  import: ['CatalogMergeResult', 'CatalogYamlOptions', 'ImportHeader', 'ImportOptions', 'ImportResult', 'ImportSource', 'catalogToYaml', 'importCatalog', 'mergeCatalogYaml'],
  website: ['BodyHtml', 'RenderBodyOptions', 'WebsiteChannel', 'WebsiteOptions', 'deliverSite', 'publicationPath', 'renderBody', 'website'],
  wechat: [
    'ApiErrorKind',
    'RecoveredDelivery',
    'RetryOptions',
    'WECHAT_RATE_LIMITS',
    'WechatApiError',
    'WechatChannel',
    'WechatOptions',
    'WithdrawContext',
    'WithdrawResult',
    'recoverWechatLedger',
    'wechat',
    'withdrawArticle',
  ],
  noticeboard: ['BatchOptions', 'BatchResult', 'NoticeboardOptions', 'Paper', 'noticeboard', 'renderBatch'],
  kiosk: ['KioskChannel', 'KioskHost', 'KioskOptions', 'KioskRule', 'KioskTheme', 'MAX_CELL_CHARS', 'MAX_SLIDES', 'MAX_TABLE_COLUMNS', 'MAX_TABLE_ROWS', 'Orientation', 'TimeWindow', 'kiosk'],
  scheduler: [
    'BackoffOptions',
    'CatchUp',
    'CheckDeadlinesOptions',
    'Clock',
    'DeadlineEntry',
    'DeadlineReport',
    'Scheduler',
    'SchedulerEvent',
    'SchedulerOptions',
    'TaskContext',
    'TaskOutcome',
    'TaskRunner',
    'checkDeadlines',
    'createScheduler',
    'formatDeadlineReport',
    'manualClock',
    'postDeadlineReport',
    'systemClock',
    'validateSchedules',
    'writeDeadlineReport',
  ],
  cli: ['EXIT', 'Io', 'UsageError', 'main', 'processIo'],
}

const INTERNAL = ['core', 'fonts', 'chart', 'hub', 'noticeboard', 'scheduler'] as const
const root = fileURLToPath(new URL('../../../', import.meta.url))

describe('public API', () => {
  const dirs = Object.keys(PACKAGES) as (keyof typeof PACKAGES)[]
  const files = [...dirs.map((d) => declarationFile(d)), ...INTERNAL.map((d) => declarationFile(d, 'internal'))]
  const read = publicExports(files)

  it('each package exports exactly the reviewed names', () => {
    const actual = Object.fromEntries(dirs.map((d) => [d, (read.get(declarationFile(d)) ?? []).map((e) => e.name)]))
    expect(actual).toEqual(PUBLIC)
  })

  it('every export, public or internal, has JSDoc in the built .d.ts', () => {
    const missing = files.flatMap((f) => (read.get(f) ?? []).filter((e) => !e.documented).map((e) => `${f.slice(root.length)}: ${e.name}`))
    expect(missing).toEqual([])
  })

  it('internals stay out of the public entry points', () => {
    const pub = new Set(dirs.flatMap((d) => PUBLIC[d]))
    for (const name of [
      'mapLimit',
      'swapDirectory',
      'SAFE_NAME',
      'isSafeRelativePath',
      'writeIfChanged',
      'didYouMean',
      'CACHE_DIR',
      'cacheDir',
      'chineseDate',
      'formatDate',
      'renderSheet',
      'renderSlides',
      'renderWechat',
    ]) {
      expect(pub.has(name), name).toBe(false)
    }
  })

  it('each internal subpath is declared in package.json exports with its types', () => {
    for (const dir of INTERNAL) {
      const pkg = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')) as { exports: Record<string, { types: string; import: string }> }
      expect(pkg.exports['./internal'], dir).toEqual({ types: './dist/internal.d.ts', import: './dist/internal.js' })
      expect(existsSync(join(root, 'packages', dir, 'dist', 'internal.d.ts')), dir).toBe(true)
    }
  })

  it('the JSDoc check sees an undocumented export', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-api-'))
    const file = join(dir, 'x.d.ts')
    writeFileSync(file, '/** Documented. */\nexport declare const a: number\nexport declare function b(): void\n/** Documented. */\nexport interface C {}\nexport type D = string\n')
    expect(publicExports([file]).get(file)).toEqual([
      { name: 'C', documented: true },
      { name: 'D', documented: false },
      { name: 'a', documented: true },
      { name: 'b', documented: false },
    ])
  })
})
