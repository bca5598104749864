/** @szpm/etl — outbox → ClickHouse pipeline. No side effects on import (no connections). */
export { etlConfigFromEnv, databaseUrlFromEnv, redisUrlFromEnv } from './config.ts'
export type { EtlConfig } from './config.ts'
export { createPgPool, pgQueryFn } from './pg.ts'
export type { QueryFn } from './pg.ts'
export { OUTBOX_WRITER_LOCK, OUTBOX_WRITER_LOCK_SQL, ETL_LOCK } from './locks.ts'
export { filingSql, loadFilings, loadFilingPage, writeFilingOutbox, filingFactRow, parseFiling, FILING_TOPIC, FILING_KINDS, FILING_STATUSES } from './sources/filings.ts'
export type { FilingKind, FilingRecord, FilingStatus } from './sources/filings.ts'
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
export { houseSql, loadHousePage, writeHouseOutbox, writeEstateHousesOutbox, houseFactRow, parseHouse, houseEstateTotals, HOUSE_TOPIC, HOUSE_FACTS_TABLE, HOUSE_ESTATE_TOTALS_TABLE } from './sources/houses.ts'
export type { House, DeletedHouse } from './sources/houses.ts'
export {
  noticeReceiptSql,
  loadNoticeReceiptPage,
  writeNoticeReceiptOutbox,
  writeEstateNoticeReceiptsOutbox,
  noticeReceiptFactRow,
  parseNoticeReceipt,
  NOTICE_RECEIPT_TOPIC,
  NOTICE_RECEIPT_FACTS_TABLE,
  NOTICE_RELATIONS,
} from './sources/notices.ts'
export type { NoticeReceipt, NoticeRelation } from './sources/notices.ts'
export { writeParkingSpaceOutbox, writeParkingProfileOutbox, parkingEstateTotals, PARKING_SPACE_TOPIC, PARKING_PROFILE_TOPIC } from './sources/parking.ts'
export type { ParkingSpaceRecord, DeletedParkingSpace, ParkingProfileRecord } from './sources/parking.ts'
export { writeDisputeOutbox, loadDisputes, parseDispute, disputeFactRow, DISPUTE_TOPIC, DISPUTE_FACTS_TABLE } from './sources/disputes.ts'
export type { DisputeFactRecord } from './sources/disputes.ts'
export { learningRecordSql, loadLearningRecordPage, writeLearningRecordOutbox, writeEstateLearningRecordsOutbox, learningRecordFactRow, parseLearningRecord, LEARNING_RECORD_TOPIC, LEARNING_RECORD_FACTS_TABLE } from './sources/training.ts'
export type { LearningRecord } from './sources/training.ts'
export { writeCommonFundAccountOutbox, writeCommonFundBalanceOutbox, writeCommonFundEnforcementOutbox, COMMON_FUND_ACCOUNT_TOPIC, COMMON_FUND_BALANCE_TOPIC, COMMON_FUND_ENFORCEMENT_TOPIC } from './sources/common_funds.ts'
export type { CommonFundAccountRecord, CommonFundBalanceRecord, CommonFundEnforcementRecord } from './sources/common_funds.ts'
export { writeEstateRiskOutbox, ESTATE_RISK_TOPIC, ESTATE_RISK_DAILY_TABLE, type EstateRiskFact } from './sources/risk.ts'
export { writeCreditRecordOutbox, CREDIT_RECORD_TOPIC, CREDIT_ESTATE_TOTALS_TABLE, creditEstateTotals, type CreditRecordFact } from './sources/credit.ts'
export { writeTenderRoundOutbox, loadTenderRounds, TENDER_ROUND_SELECT, NO_DAY as TENDER_NO_DAY, TENDER_ROUND_TOPIC, TENDER_ROUND_FACTS_TABLE, type TenderRoundFact } from './sources/tenders.ts'
export { writePartyOrganizationOutbox, writeCommitteeMemberOutbox, writeRedPropertyOutbox, writeOpinionResponseOutbox, PARTY_ORGANIZATION_TOPIC, COMMITTEE_MEMBER_TOPIC, RED_PROPERTY_TOPIC, OPINION_RESPONSE_TOPIC } from './sources/party_building.ts'
export { staffSql, loadStaffRecords, loadStaffPage, writeStaffOutbox, writeEstateStaffOutbox, staffFactRow, parseStaffRecord, staffRecordKey, STAFF_TOPIC, STAFF_FACTS_TABLE, STAFF_RECORD_KINDS } from './sources/staff.ts'
export type { StaffRecord, StaffRecordIds, StaffRecordKind, DeletedStaffRecord } from './sources/staff.ts'
export { safetyAssessmentSql, loadSafetyAssessments, loadSafetyAssessmentPage, writeSafetyAssessmentOutbox, safetyAssessmentFactRow, parseSafetyAssessment, SAFETY_ASSESSMENT_TOPIC, SAFETY_ASSESSMENT_FACTS_TABLE, SAFETY_ASSESSMENT_STATUSES } from './sources/safety.ts'
export type { SafetyAssessmentRecord, SafetyAssessmentStatus } from './sources/safety.ts'
export { writeInspectionTargetOutbox, loadInspectionTargets, INSPECTION_TARGET_TOPIC, INSPECTION_TARGET_FACTS_TABLE, type InspectionTargetFact } from './sources/inspections.ts'
export { ballotSql, votingTopicSql, writeBallotOutbox, writeEstateBallotsOutbox, writeEstateVotingOutbox, writeMeetingTopicsOutbox, OWNER_KEY_SQL, BALLOT_TOPIC, BALLOT_FACTS_TABLE, VOTING_TOPIC_TOPIC, VOTING_TOPIC_FACTS_TABLE, DECISION_ESTATE_TOTALS_TABLE } from './sources/decisions.ts'
export type { BallotRecord, VotingTopicRecord } from './sources/decisions.ts'
export { writeDisclosureOutbox, DISCLOSURE_TOPIC, DISCLOSURE_FACTS_TABLE, type DisclosureFact } from './sources/disclosures.ts'
export { writeProxyGovernanceOutbox, PROXY_GOVERNANCE_TOPIC, PROXY_GOVERNANCE_FACTS_TABLE, type ProxyGovernanceFact } from './sources/proxy_governance.ts'
export { collapseRows, recomputeRollups } from './collapse.ts'
export { FACT_SOURCES, FACT_SOURCES_BY_MODULE, MODULE_SOURCE_FILES, cursorOf, factKey, factSourcesOf, loadSourceFiles } from './fact_sources.ts'
export type { BulkSource, FactSource, ModuleSourceFile, Rollup } from './fact_sources.ts'
export { appendOutboxEvents, OUTBOX_CHANNEL, OUTBOX_NOTIFY_SQL } from './outbox.ts'
export { createOutboxListener } from './outbox_listener.ts'
export type { OutboxListener, OutboxListenerOptions, OutboxListenerStats } from './outbox_listener.ts'
export type { OutboxEvent, TopicRegistry, TopicTransformer } from './topics.ts'
export { getWatermark, setWatermark, OUTBOX_WATERMARK } from './watermarks.ts'
export { drainOutbox, transformEvents, UnknownTopicError } from './drain_outbox.ts'
export type { DrainOptions, DrainResult, DrainWarehouse } from './drain_outbox.ts'
export { rebuildAllFacts, rebuildEstateFilingFacts, singleServerStaging } from './rebuild.ts'
export type { RebuildOptions, RebuildResult, RebuildStaging, RebuildWarehouse } from './rebuild.ts'
export { reconcile } from './reconcile.ts'
export type { Difference, DifferenceKind, ReconcileResult } from './reconcile.ts'
export {
  QUEUE_NAMES,
  DRAIN_OUTBOX_JOB,
  DRAIN_OUTBOX_SCHEDULER_ID,
  DRAIN_OUTBOX_EVERY_MS,
  DRAIN_OUTBOX_WAKE_ID,
  createRedisConnection,
  createDrainOutboxQueue,
  createDrainOutboxWorker,
  scheduleDrainOutbox,
  wakeDrainOutbox,
  JOB_RETENTION,
  PRUNE_OUTBOX_JOB,
  PRUNE_OUTBOX_SCHEDULER_ID,
  PRUNE_OUTBOX_EVERY_MS,
  createPruneOutboxQueue,
  createPruneOutboxWorker,
  schedulePruneOutbox,
} from './queues.ts'
export type { DrainJobData, DrainTrigger, QueueScope } from './queues.ts'
export { createDrainOutboxProcessor, DRAIN_LOCKED_RETRY_MS } from './processors/drain_outbox_processor.ts'
export type { DrainOutboxDeps } from './processors/drain_outbox_processor.ts'
export { pruneOutbox, outboxRetentionHoursFromEnv, DEFAULT_OUTBOX_RETENTION_HOURS, DEFAULT_PRUNE_BATCH_SIZE } from './prune_outbox.ts'
export type { PruneOutboxOptions, PruneOutboxResult } from './prune_outbox.ts'
export { createPruneOutboxProcessor } from './processors/prune_outbox_processor.ts'
export type { PruneOutboxDeps } from './processors/prune_outbox_processor.ts'
