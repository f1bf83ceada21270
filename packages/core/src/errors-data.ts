/**
 * The catalogue of every error a gongkai package throws, in the manner of Astro's `errors-data.ts`:
 * a stable code, a Chinese title, a message (which may take parameters) and a hint. `GongkaiError`
 * takes its title and default hint from here; a test fails on a thrown code that is not listed.
 * Content problems are Diagnostics, not errors, and are not listed here.
 */

/** One catalogue entry. */
export interface ErrorData {
  /** Stable code, `area/kebab-name`; never changes meaning. */
  readonly code: string
  /** What went wrong in a few words, in Chinese. */
  readonly title: string
  /** The message operators read; a function when it names the value concerned. */
  readonly message?: string | ((...params: never[]) => string)
  /** What to do about it, in Chinese. */
  readonly hint?: string
  /** `code` is a prefix: the rest names the option (`kiosk/bad-slide-seconds`) or the platform errcode. */
  readonly family?: true
}

/** Every error code a package throws, by name. */
export const ERRORS = {
  // core: disclosures built in memory
  DisclosureInvalid: {
    code: 'disclosure/invalid',
    title: '公开信息有错误，无法生成',
    message: (messages: string) => `公开信息有错误，无法生成：${messages}`,
    hint: '错误的 diagnostics 列出了每一处问题和改法',
  },
  DisclosureNoOrgCode: {
    code: 'disclosure/no-org-code',
    title: '缺少组织机构代码',
    message: (id: string) => `公开信息“${id}”没有 indexNo，又没有给出组织机构代码（orgCode），无法编索引号`,
    hint: '传入 orgCode（统一社会信用代码第 9 至 17 位，共 9 个字符），或在公开信息中写明 indexNo',
  },
  DisclosureBadOrgCode: {
    code: 'disclosure/bad-org-code',
    title: '组织机构代码格式不对',
    message: (orgCode: string) => `组织机构代码“${orgCode}”应为 9 个数字或大写字母`,
    hint: '组织机构代码是统一社会信用代码的第 9 至 17 位，例如 91510000MA6C5XXX8K 中的 MA6C5XXX8',
  },
  DisclosureNoSerial: {
    code: 'disclosure/no-serial',
    title: '缺少索引号序号来源',
    message: (id: string) => `公开信息“${id}”没有 indexNo，也没有给出序号来源（serial），无法编出不重复的索引号`,
    hint: '传入 serial: createIndexNumbering()（同一个编号器给每条信息编号），或在公开信息中写明 indexNo',
  },
  DisclosureBadSerial: {
    code: 'disclosure/bad-serial',
    title: '索引号序号不对',
    message: (year: string, serial: string) => `序号来源给出的 ${year} 年序号“${serial}”应为 1 到 99999 之间的整数`,
    hint: 'serial(year) 每次应返回该年下一个未用过的序号',
  },

  // core: dates handed to the API
  CalendarBadDate: {
    code: 'calendar/bad-date',
    title: '日期格式不对',
    message: (date: string) => `日期应写作 YYYY-MM-DD 且真实存在，不能是“${date}”`,
    hint: '例如 2026-11-20',
  },
  DeadlineBadFormed: {
    code: 'deadline/bad-formed',
    title: '信息形成日期格式不对',
    message: (formed: string) => `信息形成日期（formed）应写作 YYYY-MM-DD 且真实存在，不能是“${formed}”`,
    hint: '例如 2026-11-20',
  },

  // core: projects, imports, hub
  ProjectNoConfig: { code: 'project/no-config', title: '不是 gongkai 项目目录', hint: '请在项目目录中运行，或用 --dir 指定；可用 gongkai init 新建项目' },
  ProjectNotFound: {
    code: 'project/not-found',
    title: '找不到项目目录',
    message: (dir: string) => `找不到项目目录“${dir}”`,
    hint: '请检查路径；可用 gongkai init 新建项目',
  },
  ImportXls: { code: 'import/xls', title: '不支持旧版 Excel 格式（.xls）', hint: '请在 Excel 或 WPS 中另存为 .xlsx 后再导入' },
  ImportFormat: { code: 'import/format', title: '无法识别的目录文件类型', hint: '目录表格请使用 .xlsx 或 .csv 文件。' },
  ImportUnreadable: { code: 'import/unreadable', title: '无法读取目录表格', hint: '请确认文件没有损坏，并用 Excel 或 WPS 打开后重新保存' },
  ImportPrefix: { code: 'import/prefix', title: '事项编码前缀不对', hint: '例如 prefix: "HB"' },
  AssetMissing: { code: 'asset/missing', title: '找不到附件或图片', hint: '附件和图片应放在项目的 assets/ 目录下，用相对路径引用' },
  AssetOutsideProject: { code: 'asset/outside-project', title: '附件或图片在项目目录之外', hint: '请把文件本身复制到项目的 assets/ 目录中，而不是链接到目录外' },
  CatalogYamlSyntax: { code: 'catalog/yaml-syntax', title: 'catalog.yaml 不是有效的 YAML，无法并入', hint: '先修正 catalog.yaml（gongkai validate 会指出位置），再导入' },
  CatalogItemsNotList: { code: 'catalog/items-not-list', title: 'catalog.yaml 的 items 不是列表', hint: 'items 下每个事项以“- code: …”开头' },
  CatalogNotMapping: { code: 'catalog/not-a-mapping', title: 'catalog.yaml 不是“items: …”这样的映射', hint: 'catalog.yaml 应以“items:”开头，下面每个事项以“- code: …”开头；或用 --force 整个覆盖' },
  OptionsNow: { code: 'options/now', title: '缺少当前时间（now）', hint: '传入 new Date()' },
  OptionsOutDir: { code: 'options/outDir', title: '缺少输出目录（outDir）', hint: '例如 outDir: "OUT"' },
  OptionsChannels: { code: 'options/channels', title: '渠道重复', hint: '每个渠道只传一次' },
  OptionsDir: { code: 'options/dir', title: '缺少项目目录（dir）', hint: '传入项目目录的路径' },
  LedgerUnknownDelivery: {
    code: 'ledger/unknown-delivery',
    title: '台账中没有这条投递记录',
    message: (key: string) => `台账中没有这条投递记录：${key}`,
    hint: '先用 begin 记下投递，再记录它的步骤和结果',
  },

  // store-sqlite
  StoreBusy: { code: 'store/busy', title: '台账文件被其他进程占用', hint: '等其他 gongkai 进程结束后再试' },
  StoreNewerSchema: { code: 'store/newer-schema', title: '台账文件的结构版本比本程序新', hint: '请升级 gongkai 后再打开这个台账' },
  StoreFile: { code: 'store/file', title: '缺少台账文件路径', hint: 'openSqliteStore(file) 的第一个参数不能为空。' },
  StoreSynchronous: { code: 'store/synchronous', title: '选项 synchronous 不对', hint: "只能是 'full' 或 'normal'" },
  StoreBusyTimeout: { code: 'store/busy-timeout', title: '选项 busyTimeoutMs 不对', hint: '应为不小于 0 的整数毫秒数' },
  StoreOpenFailed: { code: 'store/open-failed', title: '无法打开台账文件', hint: '请检查路径和文件权限' },
  StoreNoWal: { code: 'store/no-wal', title: '台账文件无法切换到 WAL 模式', hint: '台账应放在本机磁盘上，不要放在网络共享目录中' },
  StoreCorrupt: {
    code: 'store/corrupt',
    title: '台账文件已损坏',
    hint: '不要删除它：先把它连同同名的 -wal、-shm 文件改名留存，再运行 gongkai ledger rebuild 从发布记录重建台账',
  },

  // store-postgres
  StorePgUrl: {
    code: 'store/pg-url',
    title: 'PostgreSQL 连接地址不对',
    hint: '写成 postgres://用户名@主机:端口/数据库名；密码不要写进地址，用 storePasswordEnv 指定存放密码的环境变量',
  },
  StorePgBody: { code: 'store/pg-body', title: '机构代码不对', hint: '每个机构的台账以组织机构代码（orgCode，9 个数字或大写字母）区分' },
  StorePgPasswordEnv: { code: 'store/pg-password-env', title: '没有 PostgreSQL 密码', hint: '在启动 gongkai 的环境中设置 storePasswordEnv 指定的环境变量' },
  StorePgConnect: { code: 'store/pg-connect', title: '无法连接 PostgreSQL', hint: '检查地址、端口、用户名和密码，以及数据库服务是否在运行' },
  StorePgQuery: { code: 'store/pg-query', title: 'PostgreSQL 执行出错', hint: '检查数据库服务的日志；若是权限问题，请让运维给 gongkai 的用户授予这个库的建表和读写权限' },

  // fonts
  FontsEmptyFile: {
    code: 'fonts/empty-file',
    title: '字体文件中没有字体',
    message: (path: string) => `字体文件中没有字体：${path}`,
    hint: '请使用 TTF 或 OTF 字体文件',
  },
  FontsMissingFallback: {
    code: 'fonts/missing-fallback',
    title: '找不到后备字体文件',
    message: (path: string) => `找不到后备字体文件：${path}`,
    hint: '请检查 fallbackFont 的路径；Debian 上可安装 fonts-hanazono',
  },
  FontsMissingFace: {
    code: 'fonts/missing-face',
    title: '找不到配置的字体文件',
    message: (path: string) => `找不到配置的字体文件：${path}`,
    hint: '请检查 gongkai.config.yaml 中 fonts 的 body、title、heading 路径',
  },

  // noticeboard
  NoticeboardOptions: { code: 'noticeboard/options', title: 'noticeboard 的选项应为一个对象', hint: '例如 noticeboard({ paper: "A4" })' },
  NoticeboardUnknownOption: { code: 'noticeboard/unknown-option', title: 'noticeboard 不认识的选项' },
  NoticeboardBadPaper: { code: 'noticeboard/bad-paper', title: '纸张只能是 A4 或 A3', hint: '公示栏打印稿默认 A4；A3 为 A4 版式等比放大' },
  NoticeboardBadFallbackFont: { code: 'noticeboard/bad-fallback-font', title: '后备字体应为 TTF 或 OTF 文件的绝对路径' },
  NoticeboardMissingFallbackFont: { code: 'noticeboard/missing-fallback-font', title: '找不到后备字体文件' },
  NoticeboardBadDate: { code: 'noticeboard/bad-date', title: '打印日期格式不对', hint: '例如 gongkai print --on 2026-11-26' },
  NoticeboardNoFace: {
    code: 'noticeboard/no-face',
    title: '没有可用的字体',
    message: (name: string) => `公示栏排版缺少字体“${name}”，正文字体也不可用`,
    hint: '请重新安装依赖（npm install），或检查 fallbackFont 的设置',
  },
  NoticeboardFontNotEmbedded: {
    code: 'noticeboard/font-not-embedded',
    title: '字体没有嵌入 PDF',
    message: (name: string) => `字体“${name}”没有嵌入 PDF（pdfkit 的版本可能不对）`,
    hint: '请按 package-lock.json 重新安装依赖（npm ci）',
  },

  // kiosk
  KioskOptions: { code: 'kiosk/options', title: 'kiosk 的选项应为一个对象', hint: '例如 kiosk({ orientation: "portrait", slideSeconds: 12 })' },
  KioskUnknownOption: { code: 'kiosk/unknown-option', title: 'kiosk 不认识的选项' },
  KioskBadOption: { code: 'kiosk/bad-', title: 'kiosk 的选项取值不对', family: true },
  KioskNotBuilt: { code: 'kiosk/not-built', title: '还没有生成自助终端播放页', hint: '请先运行 gongkai build，或在投递前调用 kiosk 渠道的 assemble' },

  // website
  WebsiteOptions: { code: 'website/options', title: 'website 的选项应为一个对象', hint: '例如 website({ target: "/var/www/gk" })' },
  WebsiteUnknownOption: { code: 'website/unknown-option', title: 'website 不认识的选项' },
  WebsiteBadOption: { code: 'website/bad-', title: 'website 的选项取值不对', family: true },
  WebsiteBadTarget: { code: 'website/bad-target', title: '网站目录（target）不对', hint: '请指定网站专用的目录，例如 /var/www/gk' },
  WebsiteBadCount: { code: 'website/bad-count', title: '条数应为 1 到 10000 之间的整数' },
  WebsiteBadPreview: { code: 'website/bad-preview', title: 'preview 应为 true 或 false' },
  WebsiteBadOutDir: { code: 'website/bad-outdir', title: '缺少网站输出目录（outDir）' },
  WebsiteNotBuilt: { code: 'website/not-built', title: '还没有生成网站', hint: '请先运行 gongkai build 生成 OUT/website/，再发布到网站目录' },
  WebsiteThemeMissing: { code: 'website/theme-missing', title: '找不到主题目录', hint: '请检查 website 的 themeDir 选项；不需要主题时不要设置它' },
  WebsiteTemplateMissing: { code: 'website/template-missing', title: '缺少模板文件' },
  WebsiteTemplateSyntax: { code: 'website/template-syntax', title: '模板文件有语法错误' },
  WebsiteTemplateRender: { code: 'website/template-render', title: '模板渲染出错' },
  WebsiteHelperMissing: {
    code: 'website/helper-missing',
    title: '模板用了不存在的辅助函数',
    message: (name: string) => `找不到辅助函数（helper）“${name}”`,
    hint: '可用的辅助函数：eq、join；或检查拼写',
  },
  WebsiteWorkerExit: {
    code: 'website/worker-exit',
    title: '网站渲染线程异常退出',
    message: (exitCode: string) => `网站渲染线程异常退出（${exitCode}）`,
    hint: '请再运行一次；如仍失败，请把错误告诉维护人员',
  },

  // wechat
  WechatOptions: { code: 'wechat/options', title: 'wechat 的选项应为一个对象' },
  WechatUnknownOption: { code: 'wechat/unknown-option', title: 'wechat 不认识的选项' },
  WechatBadOption: { code: 'wechat/bad-', title: 'wechat 的选项取值不对', family: true },
  WechatBadAppId: { code: 'wechat/bad-appid', title: '公众号 AppID 格式不对', hint: '在微信公众平台“设置与开发 → 基本配置”中查看开发者ID(AppID)' },
  WechatBadSecretEnv: { code: 'wechat/bad-secretenv', title: 'secretEnv 应为环境变量名', hint: '密钥本身不写进配置文件：写环境变量的名字，例如 GONGKAI_WECHAT_SECRET' },
  WechatBadApiBase: { code: 'wechat/bad-apibase', title: 'apiBase 应为 http(s) 网址' },
  WechatBadAuthor: { code: 'wechat/bad-author', title: '作者名称太长', hint: '微信公众号文章作者名称不超过 16 个字' },
  WechatBadSourceUrl: { code: 'wechat/bad-sourceurl', title: 'sourceUrl 应为含 {id} 的 http(s) 网址', hint: '例如 https://www.example.gov.cn/gk/p/{id}.html' },
  WechatBadOpenComment: { code: 'wechat/bad-opencomment', title: 'openComment 应为 true 或 false' },
  WechatBadRetry: { code: 'wechat/bad-retry', title: 'retry 应为对象', hint: '例如 { attempts: 5, baseMs: 1000 }' },
  WechatAborted: { code: 'wechat/aborted', title: '推送已取消', message: '推送已取消，未完成的文章下次推送时继续' },
  WechatNoAppId: { code: 'wechat/no-appid', title: '没有配置公众号 AppID', hint: '在 gongkai.config.yaml 的 channels.wechat.appId 中填写开发者ID(AppID)' },
  WechatNoSecret: { code: 'wechat/no-secret', title: '没有公众号 AppSecret' },
  WechatBadToken: { code: 'wechat/bad-token', title: '微信平台没有返回 access_token' },
  WechatNetwork: { code: 'wechat/network', title: '连接微信平台失败', hint: '请检查网络；稍后再推送一次' },
  WechatHttpError: { code: 'wechat/http-error', title: '微信平台暂时不可用', hint: '稍后再推送一次' },
  WechatBadResponse: { code: 'wechat/bad-response', title: '微信平台返回了无法识别的内容' },
  WechatUnavailable: { code: 'wechat/unavailable', title: '微信平台暂时不可用', hint: '稍后再推送一次' },
  WechatQuota: { code: 'wechat/quota', title: '今日微信接口调用次数已用完', hint: '其余文章留待下次推送（通常是明天）；次数在每天零点重置' },
  WechatIpNotWhitelisted: { code: 'wechat/ip-not-whitelisted', title: '本机 IP 地址不在公众号的 IP 白名单中' },
  WechatBadCredentials: { code: 'wechat/bad-credentials', title: '公众号 AppID 或 AppSecret 不正确' },
  WechatBusy: { code: 'wechat/busy', title: '微信平台繁忙', hint: '稍后再推送一次' },
  WechatErrcode: { code: 'wechat/errcode-', title: '微信平台拒绝了调用', family: true },
  WechatUnknownOutcome: { code: 'wechat/unknown-outcome', title: '创建类调用的应答丢失，平台可能已经处理', hint: '先在平台的素材库、草稿箱或发表记录中核对，确认没有再重发' },
  WechatIncompleteAnswer: { code: 'wechat/incomplete-answer', title: '微信平台的应答缺少成功时应有的字段', hint: '不能当作成功：稍后再推送一次' },
  WechatPlatformDown: { code: 'wechat/platform-down', title: '微信平台连续多次没有正常应答，已停止本次推送', hint: '其余文章留待下次推送；持续出现时检查本机网络和微信公众平台的状态' },
  WechatNeedsCheck: { code: 'wechat/needs-check', title: '需核实：无法确认是否已经发表', hint: '请登录公众号后台 → 草稿箱/发表记录查看；下次推送会先再核对一次，不会自动重发' },
  WechatCoverLayout: {
    code: 'wechat/cover-layout',
    title: '封面排版超出了封面范围',
    message: (size: string) => `封面排版超出了封面范围（${size}）`,
    hint: '请在 wechatTitle 中写一个更短的标题，或在 cover 字段提供封面图片',
  },

  // scheduler
  SchedulerInvalidSchedule: {
    code: 'scheduler/invalid-schedule',
    title: '计划任务设置有误',
    message: (problems: string) => `计划任务设置有误：${problems}`,
    hint: '先用 validateSchedules 逐条查看问题和位置',
  },

  // hub: releases
  ReleaseCorrupt: { code: 'release/corrupt', title: '发布记录已损坏', hint: '重新运行 gongkai build 生成新的发布版本' },
  ReleaseUnknown: { code: 'release/unknown', title: '没有这个发布版本', hint: '可用 gongkai status 查看各渠道的发布版本' },
  ReleaseFileMissing: { code: 'release/file-missing', title: '发布版本的文件已不存在或被改动', hint: '重新运行 gongkai build 生成新的发布版本后再推送' },
  ReleaseNotBuilt: { code: 'release/not-built', title: '渠道还没有生成发布版本', hint: '先运行 gongkai build，再推送' },
  ReleasePreview: { code: 'release/preview', title: '预览稿不能发布', hint: '去掉 --preview 重新运行 gongkai build，再推送' },
  ReleaseLocked: { code: 'release/locked', title: '另一个 gongkai build 正在生成', hint: '等它结束后再运行' },

  // hub: ledger integrity and verify
  LedgerEmpty: { code: 'ledger/empty', title: '台账是空的，但本项目此前投递过', hint: '把原台账文件放回原处，或运行 gongkai ledger rebuild 从投递记录重建' },
  LedgerReplaced: { code: 'ledger/replaced', title: '台账不是本项目上次投递所用的那一个', hint: '把原台账文件放回原处，或运行 gongkai ledger rebuild 从投递记录重建' },
  LedgerUnrecovered: { code: 'ledger/unrecovered', title: '渠道的台账记录尚未恢复', hint: '运行 gongkai ledger rebuild 查看如何恢复' },
  LedgerMarkCorrupt: { code: 'ledger/mark-corrupt', title: '台账标识文件已损坏', hint: '从备份取回 .gongkai/ledger-id.json，或运行 gongkai ledger rebuild' },
  VerifyNotDelivered: { code: 'verify/not-delivered', title: '渠道还没有投递过，无可核验', hint: '先运行 gongkai push 投递一次' },
  VerifyNoTarget: { code: 'verify/no-target', title: '不知道要核验哪个目录', hint: '用 --target 指定目录，或 --url 指定网址' },
  VerifyFetchFailed: { code: 'verify/fetch-failed', title: '无法从网站取回文件', hint: '检查网址和网络后再试' },
  VerifyRepairFailed: { code: 'verify/repair-failed', title: '恢复发布版本失败', hint: '检查目标目录的写权限和磁盘空间后再试' },
  VerifyWebhookFailed: { code: 'verify/webhook-failed', title: '核验结果未能通知 webhook', hint: '检查计划任务 options.webhook 的地址' },
  CheckWebhookFailed: { code: 'check/webhook-failed', title: '自查结果未能通知 webhook', hint: '检查计划任务 options.webhook 的地址' },
  CheckBadDay: { code: 'check/bad-day', title: '自查日期不对', hint: '日期写成 YYYY-MM-DD，例如 2026-11-30' },
  ReportNoPdf: { code: 'report/no-pdf', title: '公示栏渠道没有生成报告的 PDF', hint: '这是 gongkai 的缺陷：请带上命令和输出报告给维护者' },
  ImportDocBroken: { code: 'import/docx-broken', title: '不是完整的 .docx 文件', hint: '用 Word 或 WPS 打开后另存为 .docx 再导入' },
  ImportDocFrontMatter: {
    code: 'import/docx-front-matter',
    title: '已有的公开信息文件没有可读的信息字段',
    hint: '文件应以“---”括起来的 YAML 信息字段开头：先改正或删去这个文件，再导入',
  },

  // cli
  CliUsage: { code: 'cli/usage', title: '命令用法不对', hint: '运行 gongkai help 查看用法' },
  PushNoTarget: { code: 'push/no-target', title: '渠道未配置发布目标', hint: '在 gongkai.config.yaml 的 channels 下设置该渠道的 target（公示栏以外）' },
  EditLegacyEncoding: {
    code: 'edit/not-utf8',
    title: '只能改写 UTF-8 编码的公开信息文件',
    message: (file: string, encoding: string) => `${file} 是 ${encoding} 编码：gongkai 只改写 UTF-8 文件，没有改动它`,
    hint: '请先把文件另存为 UTF-8（记事本：另存为 → 编码选 UTF-8；WPS：另存为 → 工具 → 编码），再运行这条命令',
  },
  EditUnreadable: {
    code: 'edit/unreadable',
    title: '无法改写公开信息文件',
    message: (file: string, why: string) => `无法改写 ${file}：${why}`,
    hint: '请运行 gongkai validate 查看这个文件的问题，改正后再运行这条命令',
  },
  ConsolePort: { code: 'console/bad-port', title: '操作台端口不对', hint: '例如 --port 4300' },
  ConsoleInsecureHost: {
    code: 'console/insecure-host',
    title: '操作台不在本机地址上时必须用 HTTPS',
    message: (host: string) => `不能在 ${host} 上用明文 HTTP 提供操作台：密码和登录凭据会在局域网中明文传输，没有启动`,
    hint: '请用 --tls-key 和 --tls-cert 指定证书和私钥文件；确知风险（例如只在隔离的内网）时加 --insecure；只在本机使用时不要写 --host',
  },
  ConsoleTlsUnreadable: { code: 'console/tls-unreadable', title: '无法读取 TLS 证书或私钥', hint: '请检查 --tls-key 和 --tls-cert 的路径，文件应为 PEM 格式' },
  ConsolePortInUse: { code: 'console/port-in-use', title: '操作台端口已被占用', hint: '用 --port 换一个端口，或先关闭已在运行的操作台' },
  ConsoleListen: { code: 'console/listen', title: '操作台无法启动', hint: '请检查 --host 是否是本机的地址' },
  ConsolePushIncomplete: { code: 'console/push-incomplete', title: '推送没有完成' },
  ConsoleNoUsers: {
    code: 'console/no-users',
    title: '还没有操作台用户',
    message: (config: string) => `${config} 中没有可以登录的用户（users），操作台没有启动`,
    hint: '先添加一位管理人员，例如：gongkai user add 项目目录 --id admin --name 张三 --role 管理,审核',
  },
  UserExists: { code: 'user/exists', title: '用户名已存在', message: (id: string) => `用户“${id}”已经在 gongkai.config.yaml 中`, hint: '换一个用户名；要改密码或角色，请先删掉 users 中的那一项' },
  UserBadPassword: { code: 'user/bad-password', title: '密码不符合要求' },
  ConfigChannelOptions: { code: 'config/channel-options', title: '渠道设置有误', hint: '改正以上各处后重新运行；gongkai validate 会同时列出项目的其他问题' },
  KioskPageBudget: { code: 'kiosk/page-budget', title: '自助终端幻灯片已达上限（内部信号，不会抛出到外面）' },
} as const satisfies Readonly<Record<string, ErrorData>>

const BY_CODE = new Map<string, ErrorData>(Object.values(ERRORS).map((e: ErrorData) => [e.code, e]))
const FAMILIES: readonly ErrorData[] = Object.values(ERRORS).filter((e: ErrorData) => e.family === true)

/** The catalogue entry of a code (a family entry when the code starts with its prefix), if any. */
export function errorData(code: string): ErrorData | undefined {
  return BY_CODE.get(code) ?? FAMILIES.find((e) => code.startsWith(e.code))
}
