/** The font set a render uses: the packaged faces plus the fallback from the options or the config. */
import type { Diagnostic } from '@gongkai/core'
import { resolveFonts } from '@gongkai/fonts'
import type { FaceBook } from './layout/pdf-fonts.js'
import { faceBook } from './layout/pdf-fonts.js'

/** Resolves the faces; a configured fallback that cannot be opened is reported and left out. */
export function bookFor(fallback: string | undefined, report: (d: Diagnostic) => void): FaceBook {
  if (fallback === undefined) return faceBook(resolveFonts())
  try {
    return faceBook(resolveFonts({ fallback }))
  } catch (cause) {
    report({
      code: 'noticeboard/fallback-font',
      severity: 'warning',
      message: `无法打开后备字体 ${fallback}：${cause instanceof Error ? cause.message : String(cause)}`,
      hint: '请检查 gongkai.config.yaml 中 fonts.fallback 的路径，应为 TTF 或 OTF 字体文件；缺字将以“〓”标出',
      file: 'gongkai.config.yaml',
    })
    return faceBook(resolveFonts())
  }
}
