/** @szpm/etl — outbox → ClickHouse pipeline. No side effects on import (no connections). */
export { etlConfigFromEnv, databaseUrlFromEnv, redisUrlFromEnv } from './config.ts'
export type { EtlConfig } from './config.ts'
export { createPgPool, pgQueryFn } from './pg.ts'
export type { QueryFn } from './pg.ts'
export { OUTBOX_WRITER_LOCK, OUTBOX_WRITER_LOCK_SQL, ETL_LOCK } from './locks.ts'
export {
  estateFilingStateSql,
  loadEstateFilingStates,
  loadEstateFilingStatePage,
  writeEstateFilingOutbox,
  estateFilingFactRow,
  parseEstateFilingState,
  ESTATE_FILING_STATE_TOPIC,
  FILING_STATES,
  ESTATE_FILING_STATES_VIEW,
} from './sources/filings.ts'
export type { EstateFilingState, EstateFilingStateSqlOptions, FilingState } from './sources/filings.ts'
export { estateIdsParam, sourceFilter, sourceReaders } from './sources/source_rows.ts'
export type { ParamStyle, SourceQueryOptions } from './sources/source_rows.ts'
export { topics } from './topics.ts'
export { PayloadError } from './payload.ts'
export {
  estateEvaluationSql,
  loadEstateEvaluations,
  loadEstateEvaluationPage,
  writeEstateEvaluationOutbox,
  estateEvaluationFactRow,
  parseEstateEvaluation,
  ESTATE_EVALUATION_TOPIC,
  EVALUATION_STATES,
} from './sources/evaluations.ts'
export type { EstateEvaluation, EvaluationState } from './sources/evaluations.ts'
export {
  estateProfileSql,
  loadEstateProfiles,
  loadEstateProfilePage,
  writeEstateProfileOutbox,
  estateProfileFactRow,
  parseEstateProfile,
  ESTATE_PROFILE_TOPIC,
  ESTATE_PROFILE_FACTS_TABLE,
} from './sources/projects.ts'
export type { EstateProfile } from './sources/projects.ts'
export { FACT_SOURCES, FACT_SOURCES_BY_MODULE, MODULE_SOURCE_FILES, cursorOf, factKey, factSourcesOf, loadSourceFiles } from './fact_sources.ts'
export type { FactSource, ModuleSourceFile } from './fact_sources.ts'
export { appendOutboxEvents } from './outbox.ts'
export type { OutboxEvent, TopicRegistry, TopicTransformer } from './topics.ts'
export { getWatermark, setWatermark, OUTBOX_WATERMARK } from './watermarks.ts'
export { drainOutbox, transformEvents, UnknownTopicError } from './drain_outbox.ts'
export type { DrainOptions, DrainResult } from './drain_outbox.ts'
export { rebuildAllFacts, rebuildEstateFilingFacts } from './rebuild.ts'
export type { RebuildOptions, RebuildResult } from './rebuild.ts'
export { reconcile } from './reconcile.ts'
export type { Difference, DifferenceKind, ReconcileResult } from './reconcile.ts'
export {
  QUEUE_NAMES,
  DRAIN_OUTBOX_JOB,
  DRAIN_OUTBOX_SCHEDULER_ID,
  DRAIN_OUTBOX_EVERY_MS,
  createRedisConnection,
  createDrainOutboxQueue,
  createDrainOutboxWorker,
  scheduleDrainOutbox,
} from './queues.ts'
export type { QueueScope } from './queues.ts'
export { createDrainOutboxProcessor } from './processors/drain_outbox_processor.ts'
export type { DrainOutboxDeps } from './processors/drain_outbox_processor.ts'
