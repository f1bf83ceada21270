export { RENDERED_CHANNELS, RECORDED_CHANNELS, APPEAL_KINDS, APPEAL_RESULTS, APPLICANT_TYPES, OUTCOME_RESULTS, REQUEST_CHANNELS } from './model.js'
export type {
  Adjustment,
  AdjustmentKind,
  Appeal,
  AppealKind,
  AppealResult,
  ApplicantType,
  OutcomeResult,
  Request,
  RequestChannel,
  RequestEvent,
  RequestOutcome,
  Attachment,
  Audience,
  CatalogItem,
  ChannelName,
  Correction,
  Disclosure,
  DisclosureLinks,
  DisclosureMode,
  ImportedFrom,
  Level,
  Place,
  Publication,
  PublicationKind,
  RenderedChannelId,
  ReviewSignoff,
  Stage,
  TimeLimit,
  TimeLimitFrom,
  Validity,
  ValidityStatus,
  Withdrawal,
  WithdrawMode,
} from './model.js'
export { DisclosureError, GongkaiError, OptionsError, formatDiagnostic, hasErrors } from './diagnostics.js'
export type { Diagnostic, GongkaiErrorOptions, Severity } from './diagnostics.js'
export { ERRORS } from './errors-data.js'
export type { ErrorData } from './errors-data.js'
export type { ColumnConfig, ConsoleRole, ConsoleUser, OptionProblem, ProjectConfig, ScheduleConfig } from './config.js'
export { CONSOLE_ROLE_NAMES } from './config.js'
export { ChannelOptionsError } from './config.js'
export type {
  Artifact,
  AssemblePart,
  Channel,
  ChannelLimits,
  DeliverContext,
  DeliveryEvent,
  DeliveryResult,
  DeliveryUnit,
  Receipt,
  ReleaseEntry,
  ReleaseView,
  RenderContext,
  TakeDownUnit,
} from './channel.js'
export type {
  AuditEntry,
  AuditFilter,
  AuditLog,
  AuditOutcome,
  DeliveryKey,
  DeliveryRecord,
  DeliveryState,
  Job,
  JobState,
  JobStore,
  KeyValueStore,
  Ledger,
  LedgerFilter,
  ReleaseRef,
  Store,
} from './store.js'
export { Catalog } from './catalog/catalog.js'
export type { ItemStatus } from './catalog/catalog.js'
export { parseTimeLimit } from './catalog/time-limit.js'
export { loadCalendar } from './calendar.js'
export type { WorkdayCalendar } from './calendar.js'
export { computeDeadline, deadlineStatus } from './deadline.js'
export { effectiveValidity, withdrawalInForce } from './due.js'
export type { DeadlineResult, DeadlineStatus, DeadlineStatusOptions } from './deadline.js'
export { COMPLETION_NOTICE_WORKDAYS, EXTENSION_WORKDAYS, REPLY_WORKDAYS, computeRequestClock } from './request-clock.js'
export type { RequestClock, RequestClockOptions, RequestClockStatus } from './request-clock.js'
export { TABLE3_COLUMNS, TABLE3_ROWS, TABLE4_COLUMNS, computeAnnualReport, outcomeRowsOf, table2KindOf } from './annual-report.js'
export type { AnnualReportInput, AnnualReportTables, ReportFigures, Table2, Table3Column, Table3Row, Table4Column } from './annual-report.js'
export { toPlainText } from './markdown.js'
export { describeMissingReview, isReviewed, missingReviewLevels, reviewLevelsOf } from './review.js'
export { createDisclosure, createDisclosures, createIndexNumbering } from './disclosure.js'
export type { CreateDisclosureOptions, CreateDisclosuresOptions, IndexSerial } from './disclosure.js'
export { createMemoryStore } from './store/memory.js'
export { defineConfig, createRenderContext } from './config-defaults.js'
export type { RenderContextOptions } from './config-defaults.js'
export { createProjectLoader, loadProject } from './project/load.js'
export type { LoadProjectOptions, Project, ProjectLoader } from './project/load.js'
export { validateProject } from './project/validate.js'
export type { ProjectSources, ValidatedProject } from './project/validate.js'
export type { SourceFile } from './project/yaml-source.js'
export { formatChineseDate } from './chinese-date.js'
export { findBodyAddressee, findBodySignature, isAddresseeLine } from './signature.js'
export type { BodyAddressee, BodySignature } from './signature.js'
export { REPORT_SECTIONS, readReportFigures, readReportSources, readReportText, reportTemplate } from './project/read-report.js'
export type { ReportFiguresResult, ReportText } from './project/read-report.js'
export { annualReportMarkdown, annualReportTitle, table2Markdown, table3Label, table3Markdown, table4Markdown } from './annual-report-markdown.js'
