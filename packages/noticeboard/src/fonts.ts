/** The font set a render uses: the packaged faces, the body, title and heading files the config names, and the fallback. */
import { existsSync } from 'node:fs'
import type { Diagnostic, ProjectConfig } from '@gongkai/core'
import { resolveFonts } from '@gongkai/fonts'
import type { ResolveFontsOptions } from '@gongkai/fonts'
import type { FaceBook } from './layout/pdf-fonts.js'
import { faceBook } from './layout/pdf-fonts.js'

/** The font files a sheet is set in: `fonts` of gongkai.config.yaml, with the channel's own fallback first. */
export type SheetFonts = ProjectConfig['fonts']

const NAMES = { body: '正文字体（仿宋）', title: '标题字体（小标宋）', heading: '一级标题字体（黑体）' } as const
const SHIPPED = { body: '思源宋体', title: '思源宋体粗体', heading: '思源黑体' } as const

/** Configs whose missing font files were reported already: one warning per build, not one per sheet. */
const warned = new WeakMap<object, Set<string>>()

/**
 * Resolves the faces. A configured body, title or heading file that is not there (or is no font) is
 * replaced by the packaged face and reported once per `once` object (the build's config); a fallback
 * that cannot be opened is reported and left out.
 */
export function bookFor(fonts: SheetFonts, report: (d: Diagnostic) => void, once: object = fonts, places?: ProjectConfig['fontPlaces']): FaceBook {
  const seen = warned.get(once) ?? new Set<string>()
  warned.set(once, seen)
  const warn = (key: string, d: Omit<Diagnostic, 'file' | 'severity'>) => {
    if (seen.has(key)) return
    seen.add(key)
    // The fallback's message is the one `validate` gives, without a place: the two are counted as one.
    const place = key === 'fallback' ? undefined : places?.[key]
    report({ ...d, severity: 'warning', file: 'gongkai.config.yaml', ...(place === undefined ? {} : { line: place.line, column: place.column }) })
  }
  const options: { -readonly [K in keyof ResolveFontsOptions]: ResolveFontsOptions[K] } = {}
  for (const key of ['body', 'title', 'heading'] as const) {
    const path = fonts[key]
    if (path === undefined) continue
    let problem: string | undefined
    if (!existsSync(path)) problem = '文件不存在'
    else {
      try {
        resolveFonts({ [key]: path })
      } catch (cause) {
        problem = cause instanceof Error ? cause.message : String(cause)
      }
    }
    if (problem === undefined) options[key] = path
    else {
      warn(key, {
        code: 'noticeboard/missing-font',
        message: `无法打开配置的${NAMES[key]} ${path}：${problem}；公示栏改用随包的${SHIPPED[key]}`,
        hint: `请检查 gongkai.config.yaml 中 fonts.${key} 的路径，应为 TTF、OTF 或 TTC 字体文件（如 FangSong_GB2312.ttf、方正小标宋简体.ttf）`,
      })
    }
  }
  if (fonts.fallback !== undefined) {
    try {
      return faceBook(resolveFonts({ ...options, fallback: fonts.fallback }))
    } catch (cause) {
      warn('fallback', {
        code: 'noticeboard/fallback-font',
        message: `无法打开后备字体 ${fonts.fallback}：${cause instanceof Error ? cause.message : String(cause)}`,
        hint: '请检查 gongkai.config.yaml 中 fonts.fallback 的路径，应为 TTF 或 OTF 字体文件；缺字将以“〓”标出',
      })
    }
  }
  return faceBook(resolveFonts(options))
}
