/**
 * Glyph coverage before anything is rendered: what `build` would report about fonts (characters no
 * packaged or fallback face can draw), found by `validate` with the same codes and places.
 */
import { existsSync } from 'node:fs'
import { isAbsolute, resolve } from 'node:path'
import type { Diagnostic, Disclosure, Project } from '@gongkai/core'
import { resolveFonts } from '@gongkai/fonts'
import type { FontSet } from '@gongkai/fonts'

interface Node {
  readonly type: string
  readonly value?: string
  readonly children?: readonly Node[]
  readonly position?: { readonly start: { readonly line: number; readonly column: number } }
}

/** Text of the body as source lines: value, file line and column of its first character. */
function bodyLines(d: Disclosure): { text: string; line?: number; column?: number }[] {
  const out: { text: string; line?: number; column?: number }[] = []
  // A stack, not recursion: nesting depth is the content's to choose.
  const stack: Node[] = [d.tree as unknown as Node]
  while (stack.length > 0) {
    const node = stack.pop()!
    if ((node.type === 'text' || node.type === 'inlineCode' || node.type === 'code') && typeof node.value === 'string') {
      const start = node.position?.start
      node.value.split('\n').forEach((part, i) => {
        if (part.trim() === '') return
        out.push({ text: part, ...(start === undefined ? {} : { line: start.line + i, column: i === 0 ? start.column : 1 + part.length - part.trimStart().length }) })
      })
    }
    if (node.children !== undefined) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!)
  }
  return out
}

const codePoint = (ch: string) => (ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')

/** The fallback the channels would use: `fonts.fallback` made absolute, when the file is there. */
function fallbackOf(project: Project, out: Diagnostic[]): string | undefined {
  const configured = project.config.fonts.fallback
  if (configured === undefined) return undefined
  const path = isAbsolute(configured) ? configured : resolve(project.dir, configured)
  if (existsSync(path)) return path
  out.push({
    code: 'noticeboard/fallback-font',
    severity: 'warning',
    message: `无法打开后备字体 ${configured}：找不到后备字体文件`,
    hint: '请检查 gongkai.config.yaml 中 fonts.fallback 的路径，应为 TTF 或 OTF 字体文件；缺字将以“〓”标出',
    file: 'gongkai.config.yaml',
  })
  return undefined
}

/** Missing glyphs of every publication on the channels that draw text themselves: noticeboard sheets, kiosk slides, the WeChat cover. */
export function checkGlyphs(project: Project): Diagnostic[] {
  const out: Diagnostic[] = []
  const fallback = fallbackOf(project, out)
  let fonts: FontSet
  try {
    fonts = fallback === undefined ? resolveFonts() : resolveFonts({ fallback })
  } catch (cause) {
    out.push({
      code: 'noticeboard/fallback-font',
      severity: 'warning',
      message: `无法打开后备字体 ${project.config.fonts.fallback ?? ''}：${cause instanceof Error ? cause.message : String(cause)}`,
      hint: '请检查 gongkai.config.yaml 中 fonts.fallback 的路径，应为 TTF 或 OTF 字体文件；缺字将以“〓”标出',
      file: 'gongkai.config.yaml',
    })
    fonts = resolveFonts()
  }
  const hasFallback = fonts.fallback !== undefined
  for (const d of project.disclosures) {
    const p = d.publication
    const channels = d.item.channels as readonly string[]
    const file = p.source.file
    const lines = channels.includes('noticeboard') || channels.includes('kiosk') ? bodyLines(d) : []
    if (channels.includes('noticeboard')) {
      const seen = new Set<string>()
      const place = (field: string | undefined, line: number | undefined) => `${field ?? ''}@${line ?? ''}`
      const glyph = (ch: string, where: { field?: string; line?: number; column?: number }) => {
        const key = `${ch}@${place(where.field, where.line)}`
        if (seen.has(key)) return
        seen.add(key)
        out.push({
          code: 'noticeboard/missing-glyph',
          severity: 'warning',
          message: `公示栏打印稿${where.field === undefined ? '' : `（${where.field}）`}中的字符“${ch}”（U+${codePoint(ch)}）没有可用字体，打印时以“〓”代替`,
          hint: hasFallback
            ? '后备字体中也没有这个字：请换用含该字的后备字体，或改写为常用字（表情符号请删除）'
            : '请在 gongkai.config.yaml 的 fonts.fallback 中配置含该字的字体文件（如 /usr/share/fonts/truetype/hanazono/HanaMinB.ttf），或改写为常用字（表情符号请删除）',
          file,
          ...(where.line === undefined ? {} : { line: where.line }),
          ...(where.column === undefined ? {} : { column: where.column }),
          subject: p.id,
        })
      }
      const title = p.source.fields?.['title']
      for (const ch of fonts.missing(p.title, fonts.sansBold)) glyph(ch, { field: '标题', ...(title === undefined ? {} : { line: title.line, column: title.column }) })
      for (const l of lines) {
        const missing = new Set(fonts.missing(l.text, fonts.serif))
        if (missing.size === 0) continue
        // The column of the character itself, counted in UTF-16 units as the sheet renderer counts it.
        let column = l.column
        for (const ch of l.text) {
          if (missing.has(ch)) glyph(ch, { ...(l.line === undefined ? {} : { line: l.line }), ...(column === undefined ? {} : { column }) })
          if (column !== undefined) column += ch.length
        }
      }
    }
    if (channels.includes('kiosk')) {
      const missing = fonts.missing([p.title, ...lines.map((l) => l.text)].join('\n'), fonts.sans)
      if (missing.length > 0) {
        out.push({
          code: 'kiosk/missing-glyph',
          severity: 'warning',
          message: `字符“${missing.join('')}”在自助终端字体中没有字形，幻灯片上可能显示为方框`,
          hint: '请在 gongkai.config.yaml 中设置 fonts.fallback，指向含这些字符的字体（如 Debian fonts-hanazono 的 HanaMinB.ttf），或改用常用字',
          file,
          subject: p.id,
        })
      }
    }
    if (channels.includes('wechat') && p.cover === undefined) {
      // Only a drawn cover sets text; an operator's own image needs no glyphs.
      const missing = fonts.missing((p.wechatTitle ?? p.title) + project.config.body.name, fonts.sansBold)
      if (missing.length > 0) {
        out.push({
          code: 'wechat/cover-missing-glyph',
          severity: 'warning',
          message: `封面字体缺少“${missing.join('')}”，这些字在封面上会显示为方框`,
          hint: '请在 wechatTitle 中避开这些字，或在 cover 字段提供封面图片',
          file,
          subject: p.id,
        })
      }
    }
  }
  return out
}
