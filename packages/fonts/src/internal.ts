/** What gongkai's channels share about fonts, as `@gongkai/fonts/internal`: not for embedders, may change in any release. */
export { openFace, advanceOf, fontsFingerprint } from './fonts.js'
