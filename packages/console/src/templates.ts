/**
 * The console's Handlebars templates (`templates/`), compiled once with their own
 * `Handlebars.create()` and the website's helpers, so both template sets read alike.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { registerTemplateHelpers } from '@gongkai/website'
import Handlebars from 'handlebars'

/** packages/console/templates */
export const TEMPLATES_DIR = fileURLToPath(new URL('../templates/', import.meta.url))

/** The pages, by name (`pages/<name>.hbs`). */
export type PageName = 'signin' | 'overview' | 'publications' | 'publication' | 'audit' | 'message' | 'edit' | MorePage

/** The push, schedules and print pages. */
export type MorePage = 'push' | 'run' | 'schedules' | 'print'
const MORE_PAGES: readonly MorePage[] = ['push', 'run', 'schedules', 'print']

/** Renders a page into the layout. */
export type RenderPage = (name: PageName, data: Record<string, unknown>) => string

/** Compiles the layout, the partials and every page once. */
export function loadTemplates(dir: string = TEMPLATES_DIR): { page: RenderPage; css: string } {
  const hb = Handlebars.create()
  registerTemplateHelpers(hb)
  const read = (rel: string) => readFileSync(new URL(rel, `file://${dir.endsWith('/') ? dir : `${dir}/`}`), 'utf8')
  // git keeps no empty folder: a checkout has templates/partials/ only once a partial is in it.
  const partials = new URL('partials/', `file://${dir.endsWith('/') ? dir : `${dir}/`}`)
  for (const file of existsSync(partials) ? readdirSync(partials) : []) {
    if (file.endsWith('.hbs')) hb.registerPartial(file.slice(0, -4), hb.compile(read(`partials/${file}`), { strict: false }))
  }
  const layout = hb.compile(read('layout.hbs'))
  const names: readonly PageName[] = ['signin', 'overview', 'publications', 'publication', 'audit', 'message', 'edit', ...MORE_PAGES]
  const pages = Object.fromEntries(names.map((name) => [name, hb.compile(read(`pages/${name}.hbs`))])) as Record<PageName, Handlebars.TemplateDelegate>
  return {
    css: read('static/console.css'),
    page(name, data) {
      return layout({ ...data, content: pages[name](data) })
    },
  }
}
