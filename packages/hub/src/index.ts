/** @gongkai/hub: builds releases (render cache, manifests), delivers exactly a release, verifies what is live. */
export { buildRelease } from './build.js'
export type { BuildOptions, BuildProgress, BuildSummary, ChannelBuildSummary } from './build.js'
export { deliverRelease } from './deliver.js'
export type { DeliverOptions, DeliverResult, SkipReason, SkippedDelivery } from './deliver.js'
export { fanOut } from './fan-out.js'
export type { ChannelRender, FanOutResult } from './fan-out.js'
export { preflight } from './preflight.js'
export {
  copyReleaseFile,
  listReleaseIds,
  readDelivered,
  readRelease,
  readReleaseFile,
  releaseFileSource,
  releasesDir,
  RELEASE_FORMAT,
  saveDelivered,
  stateDir,
} from './release.js'
export type { DeliveredRelease, Release, ReleaseFile, ReleaseManifest, ReleasePublication } from './release.js'
export { checkLedger, deliveredChannels, ledgerMarkPath, readLedgerMark, rebuildLedger, recordLedgerIdentity, REBUILT_FROM_RELEASES } from './ledger-guard.js'
export type { CheckLedgerOptions, LedgerCheck, LedgerMark, RebuildLedgerOptions, RebuildLedgerResult, RebuiltChannel, RecoveredPublication } from './ledger-guard.js'
export { BROWSER_USER_AGENT, CRAWLER_USER_AGENT, repairFolder, verifyFolder, verifyUrl } from './verify.js'
export type { RepairResult, VerifyDifference, VerifyResult, VerifyUrlOptions } from './verify.js'
