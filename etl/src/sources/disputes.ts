/**
 * 纠纷化解台账 (module 22) at the grain of the record (warehouse migration 0026): `dispute_facts`, one
 * row per dispute (type, state, 受理日期, the Shenzhen day of 确认办结 or null), current state.
 *
 * Used by the dispute service of the backend (every step — 录入, 转办, 处理, 申请办结, 确认办结, 退回 — writes
 * one `dispute` event inside the transaction that moved the dispute), the rebuild (bulk COPY), the
 * reconciliation and the drain (found by slug). No row carries the estate's place: the cubes (disputes,
 * and parking for the `parking_*` types) read it from estate_profile_facts.
 */
import { DISPUTE_STATES, DISPUTE_TYPES } from '@szpm/core'
import type { FactSource } from '../fact_sources.ts'
import { PayloadError, payloadObject, requireId, sourceRowTopic, toUnixSeconds } from '../payload.ts'
import { oneOf } from './filings.ts'
import { bulkVersionSelect, sourceFilter, sourceReaders, type SourceQueryOptions } from './source_rows.ts'

export const DISPUTE_TOPIC = 'dispute'
export const DISPUTE_FACTS_TABLE = 'dispute_facts'

const TYPES = Object.keys(DISPUTE_TYPES) as (keyof typeof DISPUTE_TYPES)[]
const STATES = Object.keys(DISPUTE_STATES) as (keyof typeof DISPUTE_STATES)[]

export type DisputeFactRecord = { dispute_id: number; estate_id: number; dispute_type: string; state: string; reported_on: string; /** the Shenzhen day of 确认办结; null while open */ closed_on: string | null }

/** the Shenzhen day of 确认办结, NULL while open (a Nullable column: the bulk COPY's \N reads as NULL) */
const CLOSED_ON = `to_char(d.closed_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`
const COLUMNS = `d.id as dispute_id, d.estate_id, d.dispute_type, d.state, to_char(d.reported_on, 'YYYY-MM-DD') as reported_on, ${CLOSED_ON} as closed_on`

function disputeSql(options: SourceQueryOptions = {}): string {
  const { where, limit } = sourceFilter('d.id', options)
  return [`select ${COLUMNS}`, 'from disputes d', ...(where ? [where] : []), 'order by d.id', ...(limit ? [limit] : [])].join('\n')
}

function normalize(row: Record<string, unknown>): DisputeFactRecord {
  return {
    dispute_id: Number(row.dispute_id),
    estate_id: Number(row.estate_id),
    dispute_type: String(row.dispute_type),
    state: String(row.state),
    reported_on: String(row.reported_on),
    closed_on: row.closed_on === null || row.closed_on === undefined ? null : String(row.closed_on),
  }
}

const readers = sourceReaders(DISPUTE_TOPIC, disputeSql, normalize)

/** the fact records of these disputes (ordered by id; unknown ids are absent) */
export const loadDisputes = readers.load

/**
 * For the dispute service, INSIDE the transaction of each step (ids = dispute ids): one `dispute` event
 * per dispute with its state after the step. Lucid: `writeDisputeOutbox(knexQuery(trx), [id], { paramStyle: 'knex' })`.
 */
export const writeDisputeOutbox = readers.writeOutbox

export function disputeFactRow(dispute: DisputeFactRecord, version: string | bigint | number, changedAt: Date | string): Record<string, unknown> {
  return { ...dispute, changed_at: toUnixSeconds(changedAt), version: String(version) }
}

const isDate = (value: unknown): value is string => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)

export function parseDispute(payload: unknown, event = DISPUTE_TOPIC): DisputeFactRecord {
  const p = payloadObject(payload, event)
  if (!isDate(p.reported_on)) throw new PayloadError(`${event}: reported_on must be YYYY-MM-DD, got ${JSON.stringify(p.reported_on)}`)
  if (p.closed_on !== null && !isDate(p.closed_on)) throw new PayloadError(`${event}: closed_on must be YYYY-MM-DD or null, got ${JSON.stringify(p.closed_on)}`)
  return {
    dispute_id: requireId(p, 'dispute_id', event),
    estate_id: requireId(p, 'estate_id', event),
    dispute_type: oneOf(p, 'dispute_type', TYPES, event),
    state: oneOf(p, 'state', STATES, event),
    reported_on: p.reported_on as string,
    closed_on: p.closed_on as string | null,
  }
}

export const disputeFactSource: FactSource<DisputeFactRecord> = {
  table: DISPUTE_FACTS_TABLE,
  topic: DISPUTE_TOPIC,
  transformer: sourceRowTopic(DISPUTE_FACTS_TABLE, parseDispute, disputeFactRow),
  bulk: {
    columns: ['estate_id', 'dispute_id', 'dispute_type', 'state', 'reported_on', 'closed_on', 'changed_at', 'version'],
    select(version, changedAt) {
      return `select d.estate_id, d.id as dispute_id, d.dispute_type, d.state, to_char(d.reported_on, 'YYYY-MM-DD') as reported_on, ${CLOSED_ON} as closed_on, ${bulkVersionSelect(version, changedAt)} from disputes d`
    },
  },
  loadPage: readers.loadPage,
  cursor: (row) => row.dispute_id,
  key: ['dispute_id'],
  countSql: 'select count(*) from disputes',
  toFactRow: disputeFactRow,
  fields: ['dispute_type', 'state', 'reported_on', 'closed_on'],
}

export const factSources: readonly FactSource<any>[] = [disputeFactSource]
