/**
 * The CJK fonts that PDF and image channels embed: Noto Serif SC and Noto Sans SC from npm, plus
 * an optional fallback font file for what they lack (CJK Extension B such as 𠀾, rare names).
 */
import { existsSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { ERRORS, GongkaiError, OptionsError } from '@gongkai/core'
import type * as fontkit from 'fontkit'
import { lazyRequire } from '@gongkai/core/internal'

const require = createRequire(import.meta.url)

/** Which of the faces a run is set in. */
export type FaceRole = 'serif' | 'serifBold' | 'sans' | 'sansBold' | 'fallback' | 'body' | 'title' | 'heading'

/** One font file. */
export interface FontFace {
  readonly role: FaceRole
  /** Family name inside the file (Pango and SVG need it). */
  readonly family: string
  /** PostScript name. */
  readonly postscriptName: string
  /** Absolute path of a TTF/OTF file. */
  readonly path: string
  readonly weight: number
}

/** A run of text that one face can draw (or `face: undefined` when no face can). */
export interface FontRun {
  readonly face: FontFace | undefined
  readonly text: string
}

/** The resolved font set. */
export interface FontSet {
  readonly serif: FontFace
  readonly serifBold: FontFace
  readonly sans: FontFace
  readonly sansBold: FontFace
  readonly fallback: FontFace | undefined
  /** The official-document body face (仿宋): the configured file, else `serif`. */
  readonly body: FontFace
  /** The title face (小标宋): the configured file, else `serifBold`. */
  readonly title: FontFace
  /** The level-1 heading face (黑体): the configured file, else `sans`. */
  readonly heading: FontFace
  /** True when `face` has a glyph for the code point. */
  hasGlyph(face: FontFace, codePoint: number): boolean
  /** Splits text into runs: `primary` where it has the glyph, else the fallback, else `face: undefined`. */
  splitRuns(text: string, primary: FontFace): FontRun[]
  /** Characters that neither `primary` nor the fallback can draw, each once, in order of appearance. */
  missing(text: string, primary?: FontFace): string[]
}

/** Options for `resolveFonts`. */
export interface ResolveFontsOptions {
  /** Absolute path of a fallback TTF/OTF (e.g. Debian's HanaMinB.ttf for Extension B). */
  readonly fallback?: string
  /** Absolute path of the body face (an office's FangSong_GB2312 or 仿宋 file); default Noto Serif SC. */
  readonly body?: string
  /** Absolute path of the title face (方正小标宋); default Noto Serif SC Bold. */
  readonly title?: string
  /** Absolute path of the level-1 heading face (黑体); default Noto Sans SC. */
  readonly heading?: string
}

/** A Debian fallback font that covers CJK Extension B, when fonts-hanazono is installed. */
export const DEBIAN_HANAZONO_B = '/usr/share/fonts/truetype/hanazono/HanaMinB.ttf'

// Required when a font is first opened: resolving fonts (paths only) needs no parser.
const loadFontkit = lazyRequire<typeof fontkit>(import.meta.url, 'fontkit')

interface Opened {
  readonly font: fontkit.Font
  readonly cache: Map<number, boolean>
}
const opened = new Map<string, Opened>()

function open(path: string): Opened {
  let entry = opened.get(path)
  if (entry === undefined) {
    const font = loadFontkit().openSync(path)
    // A collection (.ttc) yields several fonts; take the first.
    const single = 'fonts' in font ? (font as unknown as { fonts: fontkit.Font[] }).fonts[0] : font
    if (single === undefined) throw GongkaiError.from(ERRORS.FontsEmptyFile, path)
    entry = { font: single, cache: new Map() }
    opened.set(path, entry)
  }
  return entry
}

function packaged(pkg: string, weightDir: string, file: string): string {
  const main = require.resolve(`${pkg}/package.json`)
  return join(dirname(main), weightDir, file)
}

function face(role: FaceRole, path: string, weight: number): FontFace {
  // Opened on first use: a CJK font is 10–30 MB, and a print run may never need the fallback.
  return {
    role,
    path,
    weight,
    get family() {
      return open(path).font.familyName
    },
    get postscriptName() {
      return open(path).font.postscriptName
    },
  }
}

/**
 * The parsed font file behind a face, opened once per process and shared by every caller, so that
 * PDF writers can embed subsets and measure advances without reading 15 MB per document.
 */
export function openFace(f: FontFace): fontkit.Font {
  return open(f.path).font
}

/** Advance width of the code point's glyph in em units (1 = the font size), or undefined when the face lacks it. */
export function advanceOf(f: FontFace, codePoint: number): number | undefined {
  const { font } = open(f.path)
  if (!font.hasGlyphForCodePoint(codePoint)) return undefined
  return font.glyphForCodePoint(codePoint).advanceWidth / font.unitsPerEm
}

const sets = new Map<string, FontSet>()

/**
 * Resolves the packaged fonts (and the fallback, when given). Each file is opened once per process, on first use.
 * Throws with the path when the fallback file does not exist or is not a font.
 */
export function resolveFonts(options: ResolveFontsOptions = {}): FontSet {
  const key = JSON.stringify([options.fallback ?? '', options.body ?? '', options.title ?? '', options.heading ?? ''])
  const cached = sets.get(key)
  if (cached !== undefined) return cached
  if (options.fallback !== undefined && !existsSync(options.fallback)) {
    throw OptionsError.from(ERRORS.FontsMissingFallback, options.fallback)
  }
  const serif = face('serif', packaged('@expo-google-fonts/noto-serif-sc', '400Regular', 'NotoSerifSC_400Regular.ttf'), 400)
  const serifBold = face('serifBold', packaged('@expo-google-fonts/noto-serif-sc', '700Bold', 'NotoSerifSC_700Bold.ttf'), 700)
  const sans = face('sans', packaged('@expo-google-fonts/noto-sans-sc', '400Regular', 'NotoSansSC_400Regular.ttf'), 400)
  const sansBold = face('sansBold', packaged('@expo-google-fonts/noto-sans-sc', '700Bold', 'NotoSansSC_700Bold.ttf'), 700)
  const fallback = options.fallback === undefined ? undefined : face('fallback', options.fallback, 400)
  // A fallback that is not a font fails here, with its path, not in the middle of a render.
  if (fallback !== undefined) void fallback.family
  const named = (role: 'body' | 'title' | 'heading', path: string | undefined, weight: number): FontFace | undefined => {
    if (path === undefined) return undefined
    if (!existsSync(path)) throw OptionsError.from(ERRORS.FontsMissingFace, path)
    const f = face(role, path, weight)
    void f.family
    return f
  }
  const body = named('body', options.body, 400) ?? serif
  const title = named('title', options.title, 700) ?? serifBold
  const heading = named('heading', options.heading, 400) ?? sans

  const hasGlyph = (f: FontFace, cp: number): boolean => {
    const { font, cache } = open(f.path)
    let has = cache.get(cp)
    if (has === undefined) {
      has = font.hasGlyphForCodePoint(cp)
      cache.set(cp, has)
    }
    return has
  }
  // Characters that are never drawn and need no glyph.
  const invisible = (cp: number) => cp === 0x0a || cp === 0x0d || cp === 0x09 || cp === 0x200b || cp === 0xfe0f || cp === 0x200d

  const pick = (cp: number, primary: FontFace): FontFace | undefined => {
    if (invisible(cp) || hasGlyph(primary, cp)) return primary
    if (fallback !== undefined && hasGlyph(fallback, cp)) return fallback
    return undefined
  }

  const set: FontSet = {
    serif,
    serifBold,
    sans,
    sansBold,
    fallback,
    body,
    title,
    heading,
    hasGlyph,
    splitRuns(text, primary) {
      const runs: FontRun[] = []
      let current: FontFace | undefined | null = null
      let buffer = ''
      for (const ch of text) {
        const f = pick(ch.codePointAt(0) ?? 0, primary)
        if (current !== null && f !== current) {
          runs.push({ face: current, text: buffer })
          buffer = ''
        }
        current = f
        buffer += ch
      }
      if (current !== null && buffer !== '') runs.push({ face: current, text: buffer })
      return runs
    },
    missing(text, primary = serif) {
      const seen = new Set<string>()
      for (const ch of text) if (pick(ch.codePointAt(0) ?? 0, primary) === undefined) seen.add(ch)
      return [...seen]
    },
  }
  sets.set(key, set)
  return set
}

/**
 * What the fonts are, for render cache keys: each packaged file's path, size and mtime, and the
 * fallback's when given (a missing fallback counts as absent). Cheap: stat only, never a read.
 */
export function fontsFingerprint(fallback?: string): string {
  const files = [
    packaged('@expo-google-fonts/noto-serif-sc', '400Regular', 'NotoSerifSC_400Regular.ttf'),
    packaged('@expo-google-fonts/noto-serif-sc', '700Bold', 'NotoSerifSC_700Bold.ttf'),
    packaged('@expo-google-fonts/noto-sans-sc', '400Regular', 'NotoSansSC_400Regular.ttf'),
    packaged('@expo-google-fonts/noto-sans-sc', '700Bold', 'NotoSansSC_700Bold.ttf'),
    ...(fallback === undefined ? [] : [fallback]),
  ]
  return files
    .map((f) => {
      try {
        const s = statSync(f)
        return `${f}:${s.size}:${s.mtimeMs}`
      } catch {
        return `${f}:absent`
      }
    })
    .join('\n')
}
