/** What gongkai's own packages and tests share but embedders should not rely on; may change in any release. */
export { cacheDir, objectPath, releaseIdOf, saveRelease, sha256Of, writeAtomic } from './release.js'
export { checkLimits } from './preflight.js'
export { renderFailure, renderWith, safeArtifacts, scopedContext } from './fan-out.js'
export { withBuildLock } from './lock.js'
