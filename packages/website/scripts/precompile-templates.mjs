/**
 * Writes src/precompiled.ts: every built-in template (templates/*.hbs) precompiled by Handlebars,
 * with the hash of the text it was made from. A fresh process then takes the compiled template
 * instead of parsing and compiling it (about 90 ms of every build that renders a page); a template
 * whose text no longer matches its hash is compiled at run time as before.
 *
 * Run after changing a template: `npm run precompile -w @gongkai/website`. A test checks that the
 * file is what this script writes.
 */
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import Handlebars from 'handlebars'

const root = fileURLToPath(new URL('..', import.meta.url))
const templates = join(root, 'templates')

function list(dir) {
  const out = []
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name)
    if (statSync(full).isDirectory()) out.push(...list(full))
    else if (name.endsWith('.hbs')) out.push(full)
  }
  return out
}

/** The same hash as `hashOf(bytes)` in src/format.ts. */
function hashOf(bytes) {
  return createHash('sha1').update(bytes).update('\u0000').digest('hex').slice(0, 20)
}

/** The text of src/precompiled.ts for the templates as they are now. */
export function precompiledSource() {
  const hb = Handlebars.create()
  const version = JSON.parse(readFileSync(join(fileURLToPath(new URL('.', import.meta.resolve('handlebars'))), '..', 'package.json'), 'utf8')).version
  const lines = [
    `// Written by scripts/precompile-templates.mjs from templates/*.hbs with Handlebars ${version}: do not edit.`,
    '// After changing a template: npm run precompile -w @gongkai/website (a test checks this file is current).',
    '// @ts-nocheck',
    '/* eslint-disable */',
    '',
    '/** Each built-in template, by path under templates/: the hash of its text and its precompiled spec for `Handlebars.template`. */',
    'export const PRECOMPILED: Readonly<Record<string, { readonly hash: string; readonly spec: object }>> = {',
  ]
  for (const file of list(templates)) {
    const rel = relative(templates, file).split(sep).join('/')
    const bytes = readFileSync(file)
    lines.push(`  ${JSON.stringify(rel)}: { hash: ${JSON.stringify(hashOf(bytes))}, spec: ${hb.precompile(hb.parse(bytes.toString('utf8')))} },`)
  }
  lines.push('}', '')
  return lines.join('\n')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) writeFileSync(join(root, 'src', 'precompiled.ts'), precompiledSource())
