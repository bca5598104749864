/**
 * 安全检查 (module 15) at the grain of the record (backend migration 0038, warehouse migration 0030):
 * one `inspection_target_facts` row per task × target estate, with the task's deadline, the target's
 * state, its checklist's item count and the problems found / rectified in its answers.
 *
 * The one SQL over inspection_targets used by the backend (outbox payloads, inside the writer's
 * transaction), the rebuild (row path and bulk COPY), the reconciliation and the drain (found by slug).
 * A target never changes estate, so (estate_id, target_id) is a stable identity.
 */
import type { FactSource } from '../fact_sources.ts'
import { PayloadError, payloadObject, requireDate, requireId, requireOneOf as oneOf, sourceRowTopic, toUnixSeconds } from '../payload.ts'
import { bulkVersionSelect, sourceFilter, sourceReaders, type SourceQueryOptions } from './source_rows.ts'

export const INSPECTION_TARGET_FACTS_TABLE = 'inspection_target_facts'
export const INSPECTION_TARGET_TOPIC = 'inspection_target'
export const INSPECTION_TARGET_STATES = ['pending', 'submitted', 'rectifying', 'rectified'] as const

/** One target as the warehouse mirrors it. */
export type InspectionTargetFact = {
  target_id: number
  estate_id: number
  task_id: number
  state: (typeof INSPECTION_TARGET_STATES)[number]
  /** YYYY-MM-DD */
  deadline: string
  items: number
  problems: number
  rectified_problems: number
}

/** a target as its fact row names it (the warehouse's column order) */
const COLUMNS = `t.estate_id, t.id as target_id, t.task_id, t.state, to_char(k.deadline, 'YYYY-MM-DD') as deadline,
  (select count(*) from inspection_items i where i.task_id = t.task_id)::int as items,
  (select count(*) from inspection_answers a where a.target_id = t.id and a.result = 'problem')::int as problems,
  (select count(*) from inspection_answers a where a.target_id = t.id and a.result = 'problem' and a.rectified)::int as rectified_problems`
const FROM = 'from inspection_targets t join inspection_tasks k on k.id = t.task_id'

function targetSql(options: SourceQueryOptions = {}): string {
  const { where, limit } = sourceFilter('t.id', options)
  return [`select ${COLUMNS}`, FROM, ...(where ? [where] : []), 'order by t.id', ...(limit ? [limit] : [])].join('\n')
}

function normalize(row: Record<string, unknown>): InspectionTargetFact {
  return {
    target_id: Number(row.target_id),
    estate_id: Number(row.estate_id),
    task_id: Number(row.task_id),
    state: row.state as InspectionTargetFact['state'],
    deadline: String(row.deadline),
    items: Number(row.items),
    problems: Number(row.problems),
    rectified_problems: Number(row.rectified_problems),
  }
}

const targets = sourceReaders(INSPECTION_TARGET_TOPIC, targetSql, normalize)

/**
 * For the backend, INSIDE the transaction that changed the targets (after the change): takes the
 * shared outbox-writer lock and appends one `inspection_target` event per target.
 */
export const writeInspectionTargetOutbox = targets.writeOutbox
/** The rows of the given targets (ordered by id; unknown ids are absent). */
export const loadInspectionTargets = targets.load

export function inspectionTargetFactRow(row: InspectionTargetFact, at: string | bigint | number, changedAt: Date | string): Record<string, unknown> {
  return { ...row, changed_at: toUnixSeconds(changedAt), version: String(at) }
}

function requireCount(p: Record<string, unknown>, key: string, event: string): number {
  const value = Number(p[key])
  if (!Number.isInteger(value) || value < 0 || value > 65_535) throw new PayloadError(`${event}: ${key} must be a UInt16, got ${JSON.stringify(p[key])}`)
  return value
}

export function parseInspectionTarget(payload: unknown, event = INSPECTION_TARGET_TOPIC): InspectionTargetFact {
  const p = payloadObject(payload, event)
  return {
    target_id: requireId(p, 'target_id', event),
    estate_id: requireId(p, 'estate_id', event),
    task_id: requireId(p, 'task_id', event),
    state: oneOf(p, 'state', INSPECTION_TARGET_STATES, event),
    deadline: requireDate(p, 'deadline', event),
    items: requireCount(p, 'items', event),
    problems: requireCount(p, 'problems', event),
    rectified_problems: requireCount(p, 'rectified_problems', event),
  }
}

const targetSource: FactSource<InspectionTargetFact> = {
  table: INSPECTION_TARGET_FACTS_TABLE,
  topic: INSPECTION_TARGET_TOPIC,
  transformer: sourceRowTopic(INSPECTION_TARGET_FACTS_TABLE, parseInspectionTarget, inspectionTargetFactRow),
  bulk: {
    columns: ['estate_id', 'target_id', 'task_id', 'state', 'deadline', 'items', 'problems', 'rectified_problems', 'changed_at', 'version'],
    select: (at, changedAt) => `select ${COLUMNS}, ${bulkVersionSelect(at, changedAt)}\n${FROM}`,
  },
  loadPage: targets.loadPage,
  cursor: (row) => row.target_id,
  key: ['target_id'],
  countSql: 'select count(*) from inspection_targets',
  toFactRow: inspectionTargetFactRow,
  fields: ['task_id', 'state', 'deadline', 'items', 'problems', 'rectified_problems'],
}

export const factSources: readonly FactSource<any>[] = [targetSource]
