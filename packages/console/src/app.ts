/**
 * The console as a Hono app: server-rendered pages in Chinese, every one readable without
 * JavaScript. Hono because its handlers take and return the web's own Request and Response (tests
 * call `fetch` in-process, the same code serves Node through @hono/node-server), it has no
 * dependencies of its own, and it ships the cookie and server-sent-event helpers the console needs.
 */
import { CONSOLE_ROLE_NAMES, createProjectLoader, loadCalendar } from '@gongkai/core'
import type { AuditOutcome, Channel, ConsoleRole, ConsoleUser, Diagnostic, Project, Store } from '@gongkai/core'
import { unsafeReason } from '@gongkai/core/internal'
import { Hono } from 'hono'
import type { Context } from 'hono'
import type { ReleaseFile } from '@gongkai/hub'
import { bodyLimit } from 'hono/body-limit'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { hasRole, newToken, sameToken, Sessions, SESSION_MS, Throttle } from './auth.js'
import type { Session } from './auth.js'
import type { Env as KitEnv, RouteKit } from './kit.js'
import { verifyPassword } from './password.js'
import { Previews } from './previews.js'
import { approveReview } from './review.js'
import { sheetPageCount, sheetPagePng } from './sheet-png.js'
import { loadTemplates } from './templates.js'
import type { PageName } from './templates.js'
import { registerEdit } from './edit.js'
import { watchFolder } from './watch.js'
import { CHANNEL_NAMES, CHANNELS, overview, placeOf, publicationDetail, publicationList, showTime } from './views.js'
import { registerPrint } from './print.js'
import type { ConsolePrinter } from './print.js'
import { registerPush } from './push.js'
import { Runs } from './runs.js'
import { registerSchedules } from './schedules.js'
import type { MakeScheduler } from './schedules.js'

/** Options of `createConsole`. */
export interface ConsoleOptions {
  /** The project folder (absolute). */
  readonly dir: string
  /** The project's store: ledger (history, last pushes), key-value (sessions) and audit log. */
  readonly store: Store
  /** Makes the channels from the project's config: for previews (the CLI sets `preview`), or with `'push'` the real targets a push delivers to. */
  readonly channels: (project: Project, purpose?: 'preview' | 'push') => Promise<readonly Channel[]>
  /** The clock; tests set it. Default: the system clock. */
  readonly now?: () => Date
  /** Cookies marked Secure: set when the console is served over TLS. */
  readonly secure?: boolean
  /** Watch the folder and rebuild previews when a file changes; default true. */
  readonly watch?: boolean
  /** Where pushes read secrets (names come from the config); default process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>
  /** The scheduler over the store's jobs, for 计划任务 (the CLI's, as `gongkai run` makes it). */
  readonly scheduler?: MakeScheduler
  /** The day's print run, for 打印 (the CLI's, as `gongkai print` makes it). */
  readonly printer?: ConsolePrinter
}

/** A running console app (not yet bound to a port: see `startConsole`). */
export interface ConsoleApp {
  /** Answers one request. */
  fetch(request: Request): Promise<Response>
  /** A one-time sign-in path (`/signin/link/…`) for the user `id`. */
  signInLink(id: string): Promise<string>
  /** The project as the console last loaded it. */
  project(): Promise<Project>
  /** Resolves once the previews show the project as it is now. */
  previewsReady(): Promise<void>
  close(): Promise<void>
}

const SESSION_COOKIE = 'gk_session'
const LOGIN_COOKIE = 'gk_login'
const ROLE_NAMES = CONSOLE_ROLE_NAMES as Readonly<Record<string, string>>

export type Env = KitEnv

const PAGE_HEADERS = {
  'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  // `same-origin`, not `no-referrer`: with no referrer Chromium sends `Origin: null` on every form, which the CSRF check refuses.
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
} as const

/** A preview is shown inside the console's own pages only, and runs no script there. */
/**
 * A preview URL that names the hash of what it shows: a browser keeps an image by its URL for the
 * life of the page (whatever the cache headers say), so a preview swapped in under the same URL
 * showed the old slides. The routes read only the path.
 */
function versioned(path: string, sha256: string): string {
  return `${path}?v=${sha256.slice(0, 16)}`
}

const PREVIEW_HEADERS = {
  'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'none'; frame-ancestors 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
} as const

/** Only a path of this site may follow sign-in: never `//elsewhere` or `https://…`. */
function localPath(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])[^\s]*$/.test(next) ? next : '/'
}

/** Creates the console for a project folder: loads it, starts the preview build and returns the app. */
export async function createConsole(options: ConsoleOptions): Promise<ConsoleApp> {
  const now = options.now ?? (() => new Date())
  const { store } = options
  const templates = loadTemplates()
  const sessions = new Sessions(store.kv, now)
  const throttle = new Throttle(now)
  const previews = new Previews({ dir: options.dir, channels: options.channels, now })
  // A save in the folder re-reads only the publication files that changed (createProjectLoader): a full load was most of the live preview's 100 ms.
  const loader = createProjectLoader(options.dir)
  let current = await loader.load()
  let stale = false
  /** Files the watcher reported since the last reload; kept until one reads them, whoever set `current` meanwhile. */
  const changed = new Set<string>()
  let loading: Promise<Project> | undefined
  void previews.refresh(current)

  const project = async (): Promise<Project> => {
    if (!stale) return current
    if (loading !== undefined) return loading
    stale = false
    const files = [...changed]
    changed.clear()
    loading = loader.reload(files).then(
      (p) => {
        current = p
        loading = undefined
        void previews.refresh(p)
        // A file changed while this load ran: load once more, or the change would wait for the next request.
        if (stale) reloadSoon()
        return p
      },
      (error: unknown) => {
        // The files stay to read on the next try (the folder may be back by then); this request hears why.
        for (const f of files) changed.add(f)
        stale = true
        loading = undefined
        throw error
      },
    )
    return loading
  }

  // An editor's save is a write and a rename, or several writes: one reload once they settle (5 ms), so open pages hear of it without a request.
  let reloadTimer: NodeJS.Timeout | undefined
  const reloadSoon = () => {
    clearTimeout(reloadTimer)
    reloadTimer = setTimeout(() => void project(), 5)
  }
  let watcher: { close(): void } | undefined
  if (options.watch !== false) {
    watcher = watchFolder(options.dir, (rel) => {
      if (rel.endsWith('.tmp')) return
      changed.add(rel)
      stale = true
      reloadSoon()
    })
  }

  const audit = (actor: string, action: string, outcome: AuditOutcome, subject?: string, detail?: string) =>
    store.audit.record({ actor, action, outcome, ...(subject === undefined ? {} : { subject }), ...(detail === undefined ? {} : { detail }) })

  const userOf = (p: Project, id: string) => (p.config.users ?? []).find((u) => u.id === id)

  const render = async (c: Context<Env>, name: PageName, data: Record<string, unknown>, status = 200) => {
    const p = current
    const user = c.get('user') as ConsoleUser | undefined
    const session = c.get('session') as Session | undefined
    const html = templates.page(name, {
      ...data,
      site: p.config.body.name,
      csrf: session?.csrf,
      user: user === undefined ? undefined : { name: user.name, id: user.id, roles: user.roles.map((r) => ROLE_NAMES[r] ?? r).join('、'), admin: hasRole(user, 'admin') },
      nav: [
        { href: '/', label: '总览', current: name === 'overview' },
        { href: '/publications', label: '公开信息', current: name === 'publications' || name === 'publication' },
        ...(user !== undefined && hasRole(user, 'admin') ? [{ href: '/audit', label: '操作记录', current: name === 'audit' }] : []),
        ...(user === undefined ? [] : MORE_NAV.map((n) => ({ ...n, current: n.pages.includes(name) }))),
      ],
    })
    // Scripts only from this origin (console.js on every signed-in page, run.js on a run's page): PAGE_HEADERS says so.
    return c.html(html, status as 200, PAGE_HEADERS)
  }

  /** A page that says what went wrong, with the HTTP status it deserves. */
  const message = (c: Context<Env>, status: number, title: string, text: string, hint?: string, problems: readonly Diagnostic[] = []) =>
    render(c, 'message', { title, text, hint, problems: problems.map((d) => ({ message: d.message, hint: d.hint, place: placeOf(d), code: d.code })) }, status)

  const app = new Hono<Env>()

  // Every form of the console is a few fields: a larger body is refused before it is read.
  app.use('*', bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.text('请求内容过大，没有执行任何操作', 413) }))

  app.get('/static/console.css', (c) => c.body(templates.css, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' }))

  // Browsers ask for it on every page: without this, the sign-in redirect would answer it.
  app.get('/favicon.ico', (c) => c.body(null, 204))

  app.get('/signin', async (c) => {
    // A token already set is kept: a second sign-in tab (or any stray request) must not spoil the first one's form.
    const had = getCookie(c, LOGIN_COOKIE)
    const token = had !== undefined && /^[A-Za-z0-9_-]{43}$/.test(had) ? had : newToken()
    setCookie(c, LOGIN_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/signin', secure: options.secure === true })
    return render(c, 'signin', {
      title: '登录',
      login: token,
      next: localPath(c.req.query('next')),
      error: c.req.query('error') === 'expired' ? '登录链接已失效或已用过，请用用户名和密码登录，或重新运行 gongkai console 取得新链接' : undefined,
    })
  })

  app.post('/signin', async (c) => {
    const form = await c.req.parseBody()
    const id = typeof form['user'] === 'string' ? form['user'].trim() : ''
    const password = typeof form['password'] === 'string' ? form['password'] : ''
    const next = localPath(form['next'])
    const again = async (error: string, status: number) => {
      const token = newToken()
      setCookie(c, LOGIN_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/signin', secure: options.secure === true })
      return render(c, 'signin', { title: '登录', login: token, next, error, user: id }, status)
    }
    if (!sameToken(getCookie(c, LOGIN_COOKIE), typeof form['_login'] === 'string' ? form['_login'] : undefined)) {
      await audit(id === '' ? '-' : id.slice(0, 100), 'sign-in', 'refused', undefined, '登录表单校验失败（CSRF）')
      return again('页面已过期，请重新输入用户名和密码登录', 403)
    }
    const locked = throttle.lockedUntil(id)
    if (locked !== undefined) {
      await audit(id.slice(0, 100), 'sign-in', 'refused', undefined, '登录失败次数过多，暂时锁定')
      return again(`登录失败次数过多，请在 ${showTime(locked.toISOString(), current.config.timezone)} 之后再试`, 429)
    }
    const p = await project()
    const user = userOf(p, id)
    // The hash is checked even for an unknown name, so the answer takes as long either way.
    const ok = await verifyPassword(password, user?.password)
    if (!ok || user === undefined) {
      throttle.fail(id)
      await audit(id === '' ? '-' : id.slice(0, 100), 'sign-in', 'refused', undefined, '用户名或密码不对')
      return again('用户名或密码不对', 401)
    }
    throttle.succeed(id)
    const { token } = await sessions.open(user.id)
    deleteCookie(c, LOGIN_COOKIE, { path: '/signin' })
    setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/', secure: options.secure === true, maxAge: SESSION_MS / 1000 })
    await audit(user.id, 'sign-in', 'ok')
    return c.redirect(next, 303)
  })

  app.get('/signin/link/:token', async (c) => {
    const id = await sessions.spendLink(c.req.param('token'))
    const user = id === undefined ? undefined : userOf(await project(), id)
    if (user === undefined) {
      await audit('-', 'sign-in-link', 'refused', undefined, '登录链接无效、已过期或已用过')
      return c.redirect('/signin?error=expired', 303)
    }
    const { token } = await sessions.open(user.id)
    setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/', secure: options.secure === true, maxAge: SESSION_MS / 1000 })
    await audit(user.id, 'sign-in-link', 'ok')
    return c.redirect('/', 303)
  })

  // Everything below needs a session of a user the config still lists.
  app.use('*', async (c, next) => {
    // Hono types a `*` middleware's input as `any`; the cookie helper takes any context.
    // eslint-disable-next-line @typescript-eslint/no-unsafe-argument
    const token = getCookie(c, SESSION_COOKIE)
    const session = await sessions.get(token)
    const user = session === undefined ? undefined : userOf(await project(), session.user)
    if (session === undefined || user === undefined || token === undefined) {
      if (c.req.method !== 'GET') return c.text('请先登录', 401)
      return c.redirect(`/signin?next=${encodeURIComponent(new URL(c.req.url).pathname)}`, 303)
    }
    c.set('session', session)
    c.set('user', user)
    c.set('token', token)
    await next()
  })

  /** The form's CSRF token and origin, checked; a refusal is audited and answered 403. */
  const checkForm = async (c: Context<Env>, action: string, subject?: string): Promise<{ form: Record<string, unknown> } | Response> => {
    const form = await c.req.parseBody()
    const origin = c.req.header('origin')
    const own = new URL(c.req.url).origin
    if (!sameToken(c.get('session').csrf, typeof form['_csrf'] === 'string' ? form['_csrf'] : undefined) || (origin !== undefined && origin !== own)) {
      await audit(c.get('user').id, action, 'refused', subject, '表单校验失败（CSRF）：请求不是从本操作台的页面提交的')
      return message(c, 403, '请求被拒绝', '这个请求不是从本操作台的页面提交的（表单校验码不对），没有执行任何操作。', '请回到操作台页面重新操作；如果反复出现，请刷新页面后再试')
    }
    return { form }
  }

  const refuseRole = async (c: Context<Env>, role: ConsoleRole, action: string, subject?: string) => {
    await audit(c.get('user').id, action, 'refused', subject, `没有“${ROLE_NAMES[role] ?? role}”角色`)
    return message(
      c,
      403,
      '没有权限',
      `这项操作需要“${ROLE_NAMES[role] ?? role}”角色，您（${c.get('user').name}）的角色是：${
        c
          .get('user')
          .roles.map((r) => ROLE_NAMES[r] ?? r)
          .join('、') || '无'
      }。没有执行任何操作。`,
      '如需这项权限，请联系管理人员用 gongkai user add 调整角色',
    )
  }

  /** The publication an id in the path names, checked by the loader's id rule first. */
  const findPublication = async (c: Context<Env>, id: string) => {
    const why = unsafeReason(id)
    if (why !== undefined) {
      await audit(c.get('user').id, 'open', 'refused', id.slice(0, 100), `编号不合规：${why}`)
      return { response: await message(c, 400, '编号不合规', `“${id.slice(0, 100)}”不是有效的公开信息编号：${why}。`, '编号只含字母、数字、连字符和下划线，例如 2026-xzcf-001') }
    }
    const p = await project()
    const pub = p.publications.find((x) => x.id === id)
    if (pub === undefined) return { response: await message(c, 404, '找不到这条公开信息', `项目中没有编号为“${id}”的公开信息。`, '若这个文件有错误而没有读入，请先运行 gongkai validate 改正它') }
    return { project: p, publication: pub }
  }

  app.post('/signout', async (c) => {
    const checked = await checkForm(c, 'sign-out')
    if (checked instanceof Response) return checked
    await sessions.close(c.get('token'))
    deleteCookie(c, SESSION_COOKIE, { path: '/' })
    await audit(c.get('user').id, 'sign-out', 'ok')
    return c.redirect('/signin', 303)
  })

  app.get('/', async (c) => {
    const p = await project()
    const records = await store.ledger.list()
    const calendar = p.calendarFile === undefined ? loadCalendar() : loadCalendar(p.calendarFile.text, p.calendarFile.file)
    return render(c, 'overview', { title: '总览', ...overview(p, records, calendar, now()), ...(await overviewMore(p)) })
  })

  app.get('/publications', async (c) => {
    const p = await project()
    const records = await store.ledger.list()
    const q = (k: string) => c.req.query(k)?.slice(0, 200)
    const filter = { item: q('item'), owner: q('owner'), state: q('state'), q: q('q') }
    return render(c, 'publications', { title: '公开信息', ...publicationList(p, records, Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)), now()) })
  })

  app.get('/publications/:id', async (c) => {
    const found = await findPublication(c, c.req.param('id'))
    if ('response' in found) return found.response
    const { project: p, publication: pub } = found
    const d = p.disclosures.find((x) => x.publication.id === pub.id)
    const records = await store.ledger.list({ publication: pub.id })
    const detail = publicationDetail(p, pub, d, records, now())
    // While a rebuild runs, the last build's previews stay shown (marked as being rebuilt); the live stream swaps each channel in as it is done.
    const ready = previews.state.built !== undefined
    const rebuilding = !previews.current(p) || previews.state.building
    const user = c.get('user')
    const channels = CHANNELS.map((channel) => {
      const named = detail.channels.includes(channel)
      const files = previews.filesOf(channel, pub.id)
      const url = (f: ReleaseFile | undefined) => (f === undefined ? undefined : versioned(`/preview/${channel}/${f.path}`, f.sha256))
      const view: Record<string, unknown> = { id: channel, name: CHANNEL_NAMES[channel], named, ready: ready && previews.has(channel, pub.id) }
      if (channel === 'website') view['page'] = url(files.find((f) => f.mediaType.startsWith('text/html')))
      if (channel === 'wechat') {
        // article.html is the content pushed to the platform (preview.html is the channel's own page around it).
        view['page'] = url(files.find((f) => f.path.endsWith('/article.html')))
        view['cover'] = url(files.find((f) => /\/cover\.(?:jpg|png)$/.test(f.path)))
        view['wechatTitle'] = pub.wechatTitle ?? pub.title
        view['author'] = p.config.channels['wechat']?.['author'] ?? p.config.body.name
      }
      if (channel === 'noticeboard') view['pdf'] = url(files.find((f) => f.path.endsWith('.pdf')))
      if (channel === 'kiosk') view['slides'] = files.filter((f) => f.mediaType === 'image/png').map((f, i) => ({ src: url(f), n: i + 1 }))
      return view
    })
    const sheet = channels.find((x) => x.id === 'noticeboard')
    const pdf = previews.filesOf('noticeboard', pub.id).find((f) => f.path.endsWith('.pdf'))
    if (sheet !== undefined && pdf !== undefined && sheet['ready'] === true) {
      const read = await previews.read('noticeboard', pdf.path)
      const pages = read === undefined ? 0 : await sheetPageCount(pdf.sha256, read.bytes)
      sheet['pages'] = Array.from({ length: pages }, (_, i) => ({ src: versioned(`/publications/${pub.id}/sheet/${i + 1}.png`, pdf.sha256), n: i + 1 }))
    }
    const buildProblems = previews.state.diagnostics.filter((x) => x.subject === pub.id && x.severity === 'error').map((x) => ({ message: x.message, place: placeOf(x) }))
    return render(c, 'publication', {
      ...detail,
      previewChannels: channels,
      building: rebuilding,
      refresh: rebuilding ? 5 : undefined,
      buildFailure: previews.state.failure,
      buildProblems,
      canReview: hasRole(user, 'reviewer') && !detail.reviewed && pub.withdrawn === undefined,
      notice:
        c.req.query('edited') !== undefined
          ? // Only what stays true: the previews' own notice (swapped in as they rebuild) says whether they follow yet.
            '已保存到文件。'
          : c.req.query('approved') === undefined
            ? undefined
            : `已记录：${user.name}于今天通过“${c.req.query('approved')?.slice(0, 20) ?? ''}”`,
    })
  })

  app.post('/publications/:id/review', async (c) => {
    const id = c.req.param('id')
    const checked = await checkForm(c, 'review', id.slice(0, 100))
    if (checked instanceof Response) return checked
    const user = c.get('user')
    if (!hasRole(user, 'reviewer')) return refuseRole(c, 'reviewer', 'review', id.slice(0, 100))
    const found = await findPublication(c, id)
    if ('response' in found) return found.response
    const level = typeof checked.form['level'] === 'string' ? checked.form['level'] : ''
    const result = await approveReview(found.project, found.publication, level, user, now())
    if (!result.ok) {
      await audit(user.id, 'review', 'refused', id, result.problems.map((x) => x.message).join('；'))
      return message(c, 409, '没有记录审核', `“${id}”的审核没有写入文件。`, undefined, result.problems)
    }
    current = result.project
    stale = false
    void previews.refresh(current)
    await audit(user.id, 'review', 'ok', id, `通过${result.level}（${result.on}），写入 ${found.publication.source.file}`)
    return c.redirect(`/publications/${id}?approved=${encodeURIComponent(result.level)}`, 303)
  })

  app.get('/publications/:id/sheet/:page{[0-9]+\\.png}', async (c) => {
    const found = await findPublication(c, c.req.param('id'))
    if ('response' in found) return found.response
    const pdf = previews.filesOf('noticeboard', found.publication.id).find((f) => f.path.endsWith('.pdf'))
    const read = pdf === undefined ? undefined : await previews.read('noticeboard', pdf.path)
    const png = pdf === undefined || read === undefined ? undefined : await sheetPagePng(pdf.sha256, read.bytes, Number(c.req.param('page').slice(0, -4)))
    if (png === undefined) return c.text('没有这一页', 404)
    return c.body(new Uint8Array(png), 200, { 'content-type': 'image/png', ...PREVIEW_HEADERS })
  })

  app.get('/preview/:channel/*', async (c) => {
    const channel = c.req.param('channel')
    const path = decodeURIComponent(new URL(c.req.url).pathname.slice(`/preview/${channel}/`.length))
    const read = (CHANNELS as readonly string[]).includes(channel) ? await previews.read(channel, path) : undefined
    if (read === undefined) return c.text('预览中没有这个文件', 404, PREVIEW_HEADERS)
    const type = read.file.mediaType.startsWith('text/') && !read.file.mediaType.includes('charset') ? `${read.file.mediaType}; charset=utf-8` : read.file.mediaType
    return c.body(new Uint8Array(read.bytes), 200, { 'content-type': type, ...PREVIEW_HEADERS })
  })

  app.get('/audit', async (c) => {
    const user = c.get('user')
    if (!hasRole(user, 'admin')) return refuseRole(c, 'admin', 'audit')
    const rows = await store.audit.list({ limit: 500 })
    const tz = current.config.timezone
    return render(c, 'audit', {
      title: '操作记录',
      rows: rows.map((r) => ({
        when: showTime(r.at, tz),
        actor: r.actor,
        name: userOf(current, r.actor)?.name ?? '',
        action: ACTION_NAMES[r.action] ?? r.action,
        subject: r.subject,
        detail: r.detail,
        refused: r.outcome === 'refused',
        outcome: r.outcome === 'ok' ? '完成' : '拒绝',
      })),
    })
  })

  registerEdit(app, {
    previews,
    now,
    project,
    loaded: (p) => {
      current = p
      stale = false
      void previews.refresh(p)
    },
    render,
    message,
    checkForm,
    refuseRole,
    findPublication,
    audit,
  })
  const kit: RouteKit = { dir: options.dir, store, now, env: options.env ?? process.env, project, render, message, checkForm, refuseRole, audit }
  const runs = new Runs(now)
  registerPush(app, kit, runs, options.channels)
  const upcoming = registerSchedules(app, kit, runs, options.scheduler)
  const todaysSheets = registerPrint(app, kit, options.printer)
  /** What 总览 adds from this slice: the next run of each schedule, today's sheets to post and take down. */
  const overviewMore = async (p: Project) => ({ upcoming: upcoming(p), sheets: await todaysSheets(p) })

  app.notFound((c) => message(c, 404, '找不到这个页面', '地址不对，或者这个页面已经不存在。'))

  return {
    fetch: (request) => Promise.resolve(app.fetch(request)),
    signInLink: async (id) => `/signin/link/${await sessions.link(id)}`,
    project,
    previewsReady: async () => {
      const p = await project()
      await previews.refresh(p)
    },
    async close() {
      watcher?.close()
      clearTimeout(reloadTimer)
      await previews.idle()
      await runs.stop()
    },
  }
}

/** What operators read for each audited action. */
const ACTION_NAMES: Readonly<Record<string, string>> = { 'sign-in': '登录', 'sign-in-link': '用登录链接登录', 'sign-out': '退出', review: '保密审查', open: '打开公开信息', audit: '查看操作记录' }

Object.assign(ACTION_NAMES, { push: '推送', 'push-done': '推送结束', run: '立即运行计划任务', 'run-done': '计划任务运行结束', print: '生成打印稿' })

/** The pages of the push, schedules and print slice, after the first slice's. */
const MORE_NAV: readonly { href: string; label: string; pages: readonly PageName[] }[] = [
  { href: '/push', label: '推送', pages: ['push', 'run'] },
  { href: '/schedules', label: '计划任务', pages: ['schedules'] },
  { href: '/print', label: '打印', pages: ['print'] },
]
