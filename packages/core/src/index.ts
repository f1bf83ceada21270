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
export { GongkaiError, OptionsError, formatDiagnostic, hasErrors } from './diagnostics.js'
export type { Diagnostic, GongkaiErrorOptions, Severity } from './diagnostics.js'
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
export { markdownProcessor, parseBody, toPlainText, isSafeUrl } from './markdown.js'
export type { BodySource } from './markdown.js'
export { createDisclosure, createDisclosures, revisionOf } from './disclosure.js'
export type { CreateDisclosuresOptions } from './disclosure.js'
export { createMemoryLedger, createMemoryKv, createMemoryJobStore, createMemoryStore } from './store/memory.js'
export { defineConfig, createRenderContext } from './config-defaults.js'
export type { RenderContextOptions } from './config-defaults.js'
