export { RENDERED_CHANNELS, RECORDED_CHANNELS } from './model.js'
export type {
  Adjustment,
  AdjustmentKind,
  Attachment,
  Audience,
  CatalogItem,
  ChannelName,
  Disclosure,
  DisclosureLinks,
  DisclosureMode,
  Level,
  Place,
  Publication,
  PublicationKind,
  RenderedChannelId,
  Stage,
  TimeLimit,
  TimeLimitFrom,
} from './model.js'
export { DisclosureError, GongkaiError, OptionsError, errorMessage, formatDiagnostic, hasErrors } from './diagnostics.js'
export type { Diagnostic, ErrorParams, GongkaiErrorOptions, Severity } from './diagnostics.js'
export { ERRORS, errorData } from './errors-data.js'
export type { ErrorData } from './errors-data.js'
export type { ColumnConfig, ProjectConfig, ScheduleConfig } from './config.js'
export type {
  Artifact,
  Channel,
  ChannelLimits,
  DeliverContext,
  DeliveryEvent,
  DeliveryResult,
  DeliveryUnit,
  Receipt,
  RenderContext,
} from './channel.js'
export type {
  DeliveryKey,
  DeliveryRecord,
  DeliveryState,
  Job,
  JobState,
  JobStore,
  KeyValueStore,
  Ledger,
  LedgerFilter,
  Store,
} from './store.js'
export { Catalog } from './catalog/catalog.js'
export type { ItemStatus } from './catalog/catalog.js'
export { parseTimeLimit, parseChannelName, parseChineseNumber, toHalfWidth } from './catalog/time-limit.js'
export { importCatalog, parseChannels, splitBasis } from './catalog/import.js'
export type { ImportOptions, ImportResult, ImportSource } from './catalog/import.js'
export { catalogToYaml } from './catalog/import-yaml.js'
export type { CatalogYamlOptions } from './catalog/import-yaml.js'
export { DOMAIN_PREFIXES, CATEGORY_CODES, prefixForDomain } from './catalog/import-codes.js'
export { loadCalendar, addDays, isValidDate } from './calendar.js'
export type { WorkdayCalendar } from './calendar.js'
export { computeDeadline, deadlineStatus } from './deadline.js'
export type { DeadlineResult, DeadlineStatus, DeadlineStatusOptions } from './deadline.js'
export { markdownProcessor, parseBody, toPlainText, isSafeUrl } from './markdown.js'
export type { BodySource } from './markdown.js'
export { createDisclosure, createDisclosures, createIndexNumbering, revisionOf } from './disclosure.js'
export type { CreateDisclosureOptions, CreateDisclosuresOptions, IndexSerial } from './disclosure.js'
export { createMemoryLedger, createMemoryKv, createMemoryJobStore, createMemoryStore } from './store/memory.js'
export { defineConfig, createRenderContext } from './config-defaults.js'
export type { RenderContextOptions } from './config-defaults.js'
export { loadProject, PUBLICATIONS_DIR } from './project/load.js'
export type { LoadProjectOptions, Project } from './project/load.js'
export { PARSE_CACHE_DIR, parseCacheDir } from './cache/parse-cache.js'
export { validateProject, sortDiagnostics } from './project/validate.js'
export type { ProjectSources, ValidatedProject } from './project/validate.js'
export type { SourceFile } from './project/yaml-source.js'
export { readConfig, CONFIG_FILE } from './project/read-config.js'
export { readCatalog, CATALOG_FILE } from './project/read-catalog.js'
export { readPublication, splitFrontMatter } from './project/read-publication.js'
export type { PublicationFileResult, ReadPublicationOptions } from './project/read-publication.js'
export { isRealDate } from './project/fields.js'
export { normalizeDateTime } from './project/date-time.js'
export { SAFE_NAME, unsafeReason, isSafeRelativePath } from './project/safe-name.js'
export { didYouMean } from './project/did-you-mean.js'
export { mapLimit } from './pool.js'
export { channelsFor, holdReason } from './hub/select.js'
export type { HoldReason } from './hub/select.js'
export { preflight, checkLimits } from './hub/preflight.js'
export { fanOut } from './hub/fan-out.js'
export type { ChannelRender, FanOutResult } from './hub/fan-out.js'
export { buildAll } from './hub/build.js'
export type { BuildOptions, BuildProgress, BuildSummary, ChannelBuildSummary } from './hub/build.js'
export { deliverAll } from './hub/deliver.js'
export type { DeliverAllOptions, DeliverAllResult, SkipReason, SkippedDelivery } from './hub/deliver.js'
export { isSafeArtifactPath, swapDirectory, writeIfChanged } from './hub/write.js'
