export { resolveFonts, DEBIAN_HANAZONO_B } from './fonts.js'
export type { FaceRole, FontFace, FontRun, FontSet, ResolveFontsOptions } from './fonts.js'
