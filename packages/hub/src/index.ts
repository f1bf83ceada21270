/** @gongkai/hub: builds releases (render cache, manifests), delivers exactly a release, verifies what is live. */
export { cacheDir, copyReleaseFile, listReleaseIds, objectPath, readDelivered, readRelease, readReleaseFile, releaseFileSource, releasesDir, RELEASE_FORMAT, saveDelivered, stateDir } from './release.js'
export type { DeliveredRelease, Release, ReleaseFile, ReleaseManifest, ReleasePublication } from './release.js'
