/**
 * 居代业管理 (module 23) at the grain of the record (backend migration 0036, warehouse migration 0031): one
 * `proxy_governance_facts` row per 居代业 with its state, outcome ('' until it ended) and the day it was
 * started (Asia/Shanghai).
 *
 * The one SQL over proxy_governances used by the backend (outbox payloads, inside the transaction of
 * every step: ProxyGovernanceService), the rebuild (row path and bulk COPY), the reconciliation and the
 * drain (found by slug). A 居代业 is never deleted and never changes estate.
 */
import type { FactSource } from '../fact_sources.ts'
import { payloadObject, requireDate, requireId, requireOneOf as oneOf, sourceRowTopic, toUnixSeconds } from '../payload.ts'
import { bulkVersionSelect, sourceFilter, sourceReaders, type SourceQueryOptions } from './source_rows.ts'

export const PROXY_GOVERNANCE_FACTS_TABLE = 'proxy_governance_facts'
export const PROXY_GOVERNANCE_TOPIC = 'proxy_governance'

const STATES = ['collecting', 'acting', 'ended'] as const
const OUTCOMES = ['', 'declined', 'terminated'] as const

/** One 居代业 as the warehouse mirrors it. */
export type ProxyGovernanceFact = {
  case_id: number
  estate_id: number
  state: (typeof STATES)[number]
  outcome: (typeof OUTCOMES)[number]
  /** YYYY-MM-DD (Asia/Shanghai) */
  started_on: string
}

const COLUMNS = `p.estate_id, p.id as case_id, p.state, coalesce(p.outcome, '') as outcome, to_char(p.started_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as started_on`
const FROM = 'from proxy_governances p'

function caseSql(options: SourceQueryOptions = {}): string {
  const { where, limit } = sourceFilter('p.id', options)
  return [`select ${COLUMNS}`, FROM, ...(where ? [where] : []), 'order by p.id', ...(limit ? [limit] : [])].join('\n')
}

function normalize(row: Record<string, unknown>): ProxyGovernanceFact {
  return {
    case_id: Number(row.case_id),
    estate_id: Number(row.estate_id),
    state: row.state as ProxyGovernanceFact['state'],
    outcome: String(row.outcome ?? '') as ProxyGovernanceFact['outcome'],
    started_on: String(row.started_on),
  }
}

const cases = sourceReaders(PROXY_GOVERNANCE_TOPIC, caseSql, normalize)

/** For the backend, INSIDE the transaction of a step: one `proxy_governance` event per 居代业. */
export const writeProxyGovernanceOutbox = cases.writeOutbox

export function proxyGovernanceFactRow(row: ProxyGovernanceFact, at: string | bigint | number, changedAt: Date | string): Record<string, unknown> {
  return { ...row, changed_at: toUnixSeconds(changedAt), version: String(at) }
}

export function parseProxyGovernance(payload: unknown, event = PROXY_GOVERNANCE_TOPIC): ProxyGovernanceFact {
  const p = payloadObject(payload, event)
  return {
    case_id: requireId(p, 'case_id', event),
    estate_id: requireId(p, 'estate_id', event),
    state: oneOf(p, 'state', STATES, event),
    outcome: oneOf(p, 'outcome', OUTCOMES, event),
    started_on: requireDate(p, 'started_on', event),
  }
}

const caseSource: FactSource<ProxyGovernanceFact> = {
  table: PROXY_GOVERNANCE_FACTS_TABLE,
  topic: PROXY_GOVERNANCE_TOPIC,
  transformer: sourceRowTopic(PROXY_GOVERNANCE_FACTS_TABLE, parseProxyGovernance, proxyGovernanceFactRow),
  bulk: {
    columns: ['estate_id', 'case_id', 'state', 'outcome', 'started_on', 'changed_at', 'version'],
    select: (at, changedAt) => `select ${COLUMNS}, ${bulkVersionSelect(at, changedAt)}\n${FROM}`,
  },
  loadPage: cases.loadPage,
  cursor: (row) => row.case_id,
  key: ['case_id'],
  countSql: 'select count(*) from proxy_governances',
  toFactRow: proxyGovernanceFactRow,
  fields: ['state', 'outcome', 'started_on'],
}

export const factSources: readonly FactSource<any>[] = [caseSource]
