/** The Handlebars helpers of gongkai's templates, shared by the website and the operator's console. */
import { ERRORS, GongkaiError } from '@gongkai/core'
import type Handlebars from 'handlebars'

/**
 * Registers `eq`, `join` and a `helperMissing` that names the helper and its line on `hb` (an
 * environment from `Handlebars.create()`, so helpers never leak into another template set).
 */
export function registerTemplateHelpers(hb: typeof Handlebars): void {
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b)
  // The default reports no place; ours gives the line, which the template wrapper puts in the message.
  hb.registerHelper('helperMissing', function (this: unknown, ...args: unknown[]) {
    const options = args[args.length - 1] as { name?: string; loc?: { start?: { line?: number; column?: number } } }
    if (args.length === 1) return undefined
    const e = GongkaiError.from(ERRORS.WebsiteHelperMissing, options.name ?? '') as GongkaiError & { lineNumber?: number }
    if (options.loc?.start?.line !== undefined) e.lineNumber = options.loc.start.line
    throw e
  })
  hb.registerHelper('join', (list: unknown, separator: unknown) => (Array.isArray(list) ? list.join(typeof separator === 'string' ? separator : '、') : ''))
}
