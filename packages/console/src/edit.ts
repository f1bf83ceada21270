/**
 * The Edit page and the live-preview stream. Editing writes the publication's own file through
 * core's `editPublication`, so only the fields and body that changed change on disk (comments,
 * quoting, CRLF and a BOM stay), then loads the project again: an edit that brings a new error
 * puts the old bytes back, as `gongkai withdraw` and review do, and the form comes back with the
 * user's input and the messages at their places. The stream (server-sent events) tells an open
 * publication page that its preview release changed, whoever changed the file.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { computeDeadline, formatChineseDate, loadCalendar, loadProject, reviewLevelsOf } from '@gongkai/core'
import type { AuditOutcome, CatalogItem, ConsoleRole, Diagnostic, Project, Publication, Stage } from '@gongkai/core'
import { decodeText, editPublication, isRealDate, readPublication, resolveProjectFileSync, splitFrontMatter } from '@gongkai/core/internal'
import type { FrontMatterChange } from '@gongkai/core/internal'
import { renderBody } from '@gongkai/website'
import type { Context, Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import type { Env } from './app.js'
import { hasRole } from './auth.js'
import type { Previews } from './previews.js'
import type { PageName } from './templates.js'
import { CHANNELS, placeOf, todayIn } from './views.js'

/** What the edit routes need of the app around them. */
export interface EditContext {
  readonly previews: Previews
  readonly now: () => Date
  project(): Promise<Project>
  /** The project as loaded after a save: shown at once, its previews rebuilt. */
  loaded(project: Project): void
  render(c: Context<Env>, name: PageName, data: Record<string, unknown>, status?: number): Promise<Response>
  message(c: Context<Env>, status: number, title: string, text: string, hint?: string, problems?: readonly Diagnostic[]): Promise<Response>
  checkForm(c: Context<Env>, action: string, subject?: string): Promise<{ form: Record<string, unknown> } | Response>
  refuseRole(c: Context<Env>, role: ConsoleRole, action: string, subject?: string): Promise<Response>
  findPublication(c: Context<Env>, id: string): Promise<{ response: Response } | { project: Project; publication: Publication }>
  audit(actor: string, action: string, outcome: AuditOutcome, subject?: string, detail?: string): Promise<unknown>
}

const STAGES: readonly (readonly [Stage, string])[] = [
  ['decision', '决策公开'],
  ['execution', '执行公开'],
  ['management', '管理公开'],
  ['service', '服务公开'],
  ['result', '结果公开'],
]

/** The front-matter fields the form edits, in its order. `kind` and `of` are not among them: they tie a publication to its release. */
const FIELDS = ['title', 'wechatTitle', 'item', 'stage', 'formed', 'docNumber', 'summary', 'tags'] as const
type Field = (typeof FIELDS)[number]
const REQUIRED: ReadonlySet<Field> = new Set(['title', 'item', 'stage', 'formed'])
const LABELS: Readonly<Record<Field | 'body', string>> = {
  title: '标题',
  wechatTitle: '微信标题',
  item: '事项',
  stage: '五公开阶段',
  formed: '信息形成日期',
  docNumber: '发文字号',
  summary: '摘要',
  tags: '标签',
  body: '正文',
}

/** What the form holds: every field as text, the body with `\n` line breaks. */
type FormValues = Record<Field | 'body', string>

const lf = (s: string) => s.replace(/\r\n?/g, '\n')
const splitTags = (s: string) =>
  s
    .split(/[,，、]/)
    .map((t) => t.trim())
    .filter((t) => t !== '')

/** The form's values as the file holds them now. */
function valuesOf(p: Publication, body: string): FormValues {
  return {
    title: p.title,
    wechatTitle: p.wechatTitle ?? '',
    item: p.item,
    stage: p.stage,
    formed: p.formed,
    docNumber: p.docNumber ?? '',
    summary: p.summary ?? '',
    tags: p.tags.join(', '),
    body,
  }
}

/** The form's values as submitted (the browser sends CRLF; long or missing fields are cut or empty). */
function valuesFrom(form: Record<string, unknown>): FormValues {
  const get = (k: string, max: number) => (typeof form[k] === 'string' ? lf(form[k]).slice(0, max) : '')
  return {
    title: get('title', 500).trim(),
    wechatTitle: get('wechatTitle', 500).trim(),
    item: get('item', 200).trim(),
    stage: get('stage', 50).trim(),
    formed: get('formed', 50).trim(),
    docNumber: get('docNumber', 200).trim(),
    summary: get('summary', 2000).trim(),
    tags: get('tags', 1000).trim(),
    body: get('body', 60_000),
  }
}

/** The front-matter changes from `was` to `now`, field by field; an emptied optional field is removed. */
function changesOf(was: FormValues, now: FormValues): FrontMatterChange[] {
  const out: FrontMatterChange[] = []
  for (const k of FIELDS) {
    if (k === 'tags') {
      const a = splitTags(was.tags)
      const b = splitTags(now.tags)
      if (a.join('\u0000') !== b.join('\u0000')) out.push({ kind: 'replace', key: 'tags', value: b.length === 0 ? undefined : b })
      continue
    }
    if (was[k] === now[k]) continue
    out.push({ kind: 'replace', key: k, value: now[k] === '' && !REQUIRED.has(k) ? undefined : now[k] })
  }
  return out
}

/** The deadline for `formed` under the item's time limit, as operators read it. */
function deadlineText(project: Project, item: CatalogItem | undefined, formed: string, now: Date): { text: string; late: boolean } {
  if (item === undefined) return { text: '请先选择事项', late: false }
  if (!isRealDate(formed)) return { text: `请按 YYYY-MM-DD 填写信息形成日期（${item.timeLimit.text}）`, late: false }
  const calendar = project.calendarFile === undefined ? loadCalendar() : loadCalendar(project.calendarFile.text, project.calendarFile.file)
  const { due, warnings } = computeDeadline(item.timeLimit, formed, calendar)
  if (due === undefined) return { text: `时限“${item.timeLimit.text}”：没有固定的截止日期`, late: false }
  const today = todayIn(project.config.timezone, now)
  const late = due < today
  const note = warnings.map((w) => w.message).join('；')
  return { text: `按“${item.timeLimit.text}”，最迟应在 ${formatChineseDate(due)} 公开${late ? '（已超过期限）' : ''}${note === '' ? '' : `。${note}`}`, late }
}

/** The sign-offs a publication's file holds, as the audit row and the warning name them. */
function signoffsOf(p: Publication): string {
  if (p.review !== undefined) return `保密审查（${p.review.by}，${p.review.on}）`
  return (p.reviewLevels ?? []).map((s) => `${s.level}（${s.by}，${s.on}）`).join('、')
}

const problemView = (d: Diagnostic) => ({ severity: d.severity === 'error' ? '错误' : '警告', error: d.severity === 'error', message: d.message, hint: d.hint, place: placeOf(d), code: d.code })

/**
 * What the publication page shows of its previews: whether any build has finished (before the
 * first, no channel is shown, even one already rendered), whether one is running (the page's
 * notice), and the hash of each of its files in each channel. A change of any is an event, so the
 * page hears the first build's end and each build's end, not only a change of bytes.
 */
function previewSignature(previews: Previews, id: string): string {
  const { built, building } = previews.state
  return `${built === undefined ? 0 : 1}${building ? 1 : 0}|${CHANNELS.map(
    (ch) =>
      `${ch}:${previews.has(ch, id) ? 1 : 0}:${previews
        .filesOf(ch, id)
        .map((f) => `${f.path}=${f.sha256}`)
        .join(',')}`,
  ).join('|')}`
}

/** Registers the Edit page, the deadline lookup, the live-preview stream and the page script. */
export function registerEdit(app: Hono<Env>, ctx: EditContext): void {
  app.get('/static/console.js', (c) => c.body(SCRIPT, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' }))

  /** The file's bytes and text, or why the console will not edit it (outside the project, not UTF-8). */
  const readSource = (project: Project, p: Publication): { path: string; bytes: Buffer; body: string } | { problems: Diagnostic[] } => {
    const where = resolveProjectFileSync(project.dir, p.source.file)
    if (!where.ok)
      return { problems: [{ code: 'file/outside-project', severity: 'error', message: `${p.source.file} ${where.message}，不能修改`, hint: '公开信息文件须在项目目录之内', file: p.source.file }] }
    const bytes = readFileSync(where.path)
    const decoded = decodeText(bytes, p.source.file)
    if (decoded.text === undefined || decoded.encoding !== 'UTF-8') {
      const encoding = decoded.encoding === 'GB18030' ? 'GBK/GB18030' : (decoded.encoding ?? '无法识别的')
      return {
        problems: [
          {
            code: 'edit/not-utf8',
            severity: 'error',
            message: `${p.source.file} 是 ${encoding} 编码：操作台只改写 UTF-8 文件，没有改动它`,
            hint: '请先把文件另存为 UTF-8（记事本：另存为 → 编码选 UTF-8；WPS：另存为 → 工具 → 编码），再回来修改',
            file: p.source.file,
          },
        ],
      }
    }
    return { path: where.path, bytes, body: lf(splitFrontMatter(decoded.text)?.body ?? '') }
  }

  /** The edit page: the form with `values`, the deadline, the body's preview and the messages. */
  const page = (
    c: Context<Env>,
    project: Project,
    p: Publication,
    values: FormValues,
    extra: { problems?: readonly Diagnostic[]; notice?: string | undefined; bodyHtml?: string | undefined; status?: number } = {},
  ) => {
    const item = project.catalog.items.find((i) => i.code === values.item)
    const deadline = deadlineText(project, item, values.formed, ctx.now())
    const levels = reviewLevelsOf(project.config)
    const signed = signoffsOf(p)
    return ctx.render(
      c,
      'edit',
      {
        title: `修改：${p.title}`,
        id: p.id,
        file: p.source.file,
        values,
        items: project.catalog.items.map((i) => ({ code: i.code, name: i.name, selected: i.code === values.item, limit: i.timeLimit.text })),
        knownItem: item !== undefined || values.item === '',
        stages: STAGES.map(([id, name]) => ({ id, name, selected: id === values.stage })),
        deadline: deadline.text,
        late: deadline.late,
        reviewWarning: signed === '' ? undefined : `这篇已有${signed}${levels.length > 1 ? '' : ''}。保存任何改动都会撤销这些审查记录，需重新审核后才能发布。`,
        problems: (extra.problems ?? []).map(problemView),
        errors: (extra.problems ?? []).some((d) => d.severity === 'error'),
        notice: extra.notice,
        bodyHtml: extra.bodyHtml,
        canSave: hasRole(c.get('user'), 'editor'),
      },
      extra.status ?? 200,
    )
  }

  app.get('/publications/:id/edit', async (c) => {
    const found = await ctx.findPublication(c, c.req.param('id'))
    if ('response' in found) return found.response
    const { project, publication: p } = found
    const source = readSource(project, p)
    if ('problems' in source) return ctx.message(c, 409, '不能在操作台修改这个文件', `“${p.id}”的文件不能由操作台改写，没有改动。`, undefined, source.problems)
    const own = project.diagnostics.filter((d) => d.file === p.source.file || d.subject === p.id)
    return page(c, project, p, valuesOf(p, source.body), { problems: own, notice: c.req.query('saved') === undefined ? undefined : '已保存。' })
  })

  app.get('/deadline', async (c) => {
    const project = await ctx.project()
    const item = project.catalog.items.find((i) => i.code === (c.req.query('item') ?? '').slice(0, 200))
    return c.json(deadlineText(project, item, (c.req.query('formed') ?? '').slice(0, 50), ctx.now()), 200, { 'cache-control': 'no-store' })
  })

  app.post('/publications/:id/edit', async (c) => {
    const id = c.req.param('id')
    const checked = await ctx.checkForm(c, 'edit', id.slice(0, 100))
    if (checked instanceof Response) return checked
    const user = c.get('user')
    const intent = checked.form['intent'] === 'save' ? 'save' : 'check'
    if (intent === 'save' && !hasRole(user, 'editor')) return ctx.refuseRole(c, 'editor', 'edit', id.slice(0, 100))
    const found = await ctx.findPublication(c, id)
    if ('response' in found) return found.response
    const { project, publication: p } = found
    const source = readSource(project, p)
    if ('problems' in source) {
      await ctx.audit(user.id, 'edit', 'refused', id, source.problems.map((d) => d.message).join('；'))
      return ctx.message(c, 409, '不能在操作台修改这个文件', `“${p.id}”的文件不能由操作台改写，没有改动。`, undefined, source.problems)
    }
    const was = valuesOf(p, source.body)
    const values = valuesFrom(checked.form)
    const changes = changesOf(was, values)
    const bodyChanged = values.body !== was.body
    const signed = signoffsOf(p)
    // A review signs off the text it read: any change to what goes out (every field here is shown on some channel) sends it back to review.
    const stale = (changes.length > 0 || bodyChanged) && signed !== ''
    const edit = { changes: stale ? [...changes, { kind: 'replace', key: 'review', value: undefined } as const] : changes, ...(bodyChanged ? { body: values.body } : {}) }
    let after: Uint8Array
    try {
      after = editPublication(source.bytes, p.source.file, edit)
    } catch (error) {
      const problem: Diagnostic = {
        code: (error as { code?: string }).code ?? 'edit/unreadable',
        severity: 'error',
        message: error instanceof Error ? error.message : String(error),
        file: p.source.file,
      }
      return page(c, project, p, values, { problems: [problem], status: 422 })
    }
    const text = Buffer.from(after).toString('utf8')
    const read = readPublication({ file: p.source.file, text }, { timezone: project.config.timezone })
    const unknownItem: Diagnostic[] =
      values.item !== '' && !project.catalog.items.some((i) => i.code === values.item)
        ? [{ code: 'publication/unknown-item', severity: 'error', message: `目录中没有事项“${values.item}”`, hint: '请从列表中选择事项', file: p.source.file, subject: p.id }]
        : []
    const checks = [...read.diagnostics, ...(read.parsed?.diagnostics ?? []), ...unknownItem]
    if (intent === 'check') {
      const bodyHtml = read.parsed === undefined ? undefined : renderBody(read.parsed.tree, '/', { bodyName: project.config.body.name }).html
      const notice = changes.length === 0 && !bodyChanged ? '与文件相比没有改动。' : '以下是改动后的检查结果和正文预览，还没有保存。'
      return page(c, project, p, values, { problems: checks, bodyHtml, notice })
    }
    if (changes.length === 0 && !bodyChanged) return page(c, project, p, values, { notice: '与文件相比没有改动，没有写入文件。' })
    const temp = `${source.path}.gongkai-console-${process.pid}.tmp`
    writeFileSync(temp, after)
    renameSync(temp, source.path)
    const again = await loadProject(project.dir)
    const key = (d: Diagnostic) => `${d.file ?? ''} ${d.severity} ${d.code} ${d.message}`
    const known = new Set(project.diagnostics.map(key))
    const news = again.diagnostics.filter((d) => d.severity === 'error' && !known.has(key(d)))
    if (news.length > 0) {
      writeFileSync(temp, source.bytes)
      renameSync(temp, source.path)
      await ctx.audit(user.id, 'edit', 'refused', id, `改动会带来新的错误，没有保存：${news.map((d) => `${d.message}（${placeOf(d)}）`).join('；')}`.slice(0, 2000))
      return page(c, project, p, values, { problems: news, status: 422 })
    }
    ctx.loaded(again)
    const what = [...changes.map((x) => LABELS[x.key as Field]), ...(bodyChanged ? [LABELS.body] : [])].join('、')
    await ctx.audit(user.id, 'edit', 'ok', id, `修改了${what}，写入 ${p.source.file}${stale ? `；撤销了${signed}，需重新审核` : ''}`)
    return c.redirect(`/publications/${id}?edited=1`, 303)
  })

  app.get('/publications/:id/events', async (c) => {
    const found = await ctx.findPublication(c, c.req.param('id'))
    if ('response' in found) return found.response
    const id = found.publication.id
    return streamSSE(c, async (stream) => {
      let seen = previewSignature(ctx.previews, id)
      let n = 0
      const changed: (string | undefined)[] = []
      let wake: (() => void) | undefined
      const off = ctx.previews.onBuilt((channel) => {
        changed.push(channel)
        wake?.()
      })
      stream.onAbort(() => {
        off()
        wake?.()
      })
      // `building`: a page rendered while a build ran, whose build ended before this stream opened, swaps its previews in at once.
      await stream.writeSSE({ event: 'ready', data: JSON.stringify({ id, building: ctx.previews.state.building || ctx.previews.state.built === undefined }), retry: 2000 })
      while (!stream.aborted) {
        if (changed.length === 0) {
          // Woken by a build, or every 25 s for a comment line that keeps proxies from closing the stream.
          await new Promise<void>((done) => {
            wake = done
            setTimeout(done, 25_000).unref()
          })
        }
        if (stream.aborted) break
        if (changed.length === 0) {
          await stream.write(': \n\n')
          continue
        }
        const channel = changed.shift()
        const now = previewSignature(ctx.previews, id)
        if (now === seen) continue
        seen = now
        // `channel`: the channel whose release just changed (others of the same build may follow); the page shows each as it comes.
        await stream.writeSSE({ event: 'preview', data: JSON.stringify({ id, channel: channel ?? null }), id: String(++n) })
      }
      off()
    })
  })
}

/**
 * The console's one script (progressive enhancement: every page works without it). On the Edit
 * page it shows the deadline as the formation date or item changes; on a publication page it
 * listens to the live-preview stream and swaps in the new previews and messages, keeping the
 * scroll position and focus.
 */
const SCRIPT = `'use strict';
(function () {
  var edit = document.getElementById('edit-form');
  if (edit) {
    var out = document.getElementById('deadline');
    var formed = document.getElementById('f-formed');
    var item = document.getElementById('f-item');
    var ask = function () {
      var q = '/deadline?item=' + encodeURIComponent(item.value) + '&formed=' + encodeURIComponent(formed.value);
      fetch(q, { credentials: 'same-origin' }).then(function (r) { return r.ok ? r.json() : null; }).then(function (d) {
        if (d) { out.textContent = d.text; out.classList.toggle('late', d.late); }
      }).catch(function () {});
    };
    formed.addEventListener('input', ask);
    item.addEventListener('change', ask);
  }
  var m = /^\\/publications\\/([^/]+)$/.exec(location.pathname);
  if (m && window.EventSource) {
    var source = new EventSource('/publications/' + m[1] + '/events');
    var swap = function () {
      fetch(location.href, { credentials: 'same-origin' }).then(function (r) { return r.text(); }).then(function (html) {
        var doc = new DOMParser().parseFromString(html, 'text/html');
        ['previews', 'messages', 'meta'].forEach(function (name) {
          var was = document.querySelector('[aria-labelledby="' + name + '"]');
          var now = doc.querySelector('[aria-labelledby="' + name + '"]');
          if (was && now) was.replaceWith(document.adoptNode(now));
        });
        var h1 = document.querySelector('main h1'), h1n = doc.querySelector('main h1');
        if (h1 && h1n) h1.replaceWith(document.adoptNode(h1n));
        document.body.setAttribute('data-refreshed', String(Date.now()));
      });
    };
    source.addEventListener('ready', function (e) {
      var d = JSON.parse(e.data);
      if (!d.building && document.querySelector('.notice.building')) swap();
    });
    source.addEventListener('preview', swap);
  }
})();
`
