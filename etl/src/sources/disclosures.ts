/**
 * 信息公开 (module 16) at the grain of the record (backend migration 0035, warehouse migration 0028): one
 * `disclosure_facts` row per published announcement (已发布 or 已作废; drafts are left out), on its
 * estate, with its template's code, its source and the day it was published (Asia/Shanghai).
 *
 * The one SQL over disclosures used by the backend (outbox payloads, inside the writer's transaction:
 * 发布, 作废, another module's publishDisclosure, a template's changed code), the rebuild (row path and
 * bulk COPY), the reconciliation and the drain (found by slug). A published announcement never changes
 * estate and is never deleted (the disclosures_guard trigger), so (estate_id, disclosure_id) is stable.
 */
import type { FactSource } from '../fact_sources.ts'
import { PayloadError, payloadObject, requireDate, requireId, requireOneOf as oneOf, sourceRowTopic, toUnixSeconds } from '../payload.ts'
import { bulkVersionSelect, sourceFilter, sourceReaders, type SourceQueryOptions } from './source_rows.ts'

export const DISCLOSURE_FACTS_TABLE = 'disclosure_facts'
export const DISCLOSURE_TOPIC = 'disclosure'

const SOURCES = ['manual', 'proxy_governance', 'voting'] as const
const STATES = ['published', 'voided'] as const

/** One published announcement as the warehouse mirrors it. */
export type DisclosureFact = {
  disclosure_id: number
  estate_id: number
  /** the template's code (disclosure_templates.code) */
  template_code: string
  source: (typeof SOURCES)[number]
  state: (typeof STATES)[number]
  /** YYYY-MM-DD (Asia/Shanghai) */
  published_on: string
}

const COLUMNS = `d.estate_id, d.id as disclosure_id, t.code as template_code, d.source, d.state, to_char(d.published_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as published_on`
const FROM = 'from disclosures d join disclosure_templates t on t.id = d.template_id'
const PUBLISHED = "d.state <> 'draft'"

function disclosureSql(options: SourceQueryOptions = {}): string {
  const { where, limit } = sourceFilter('d.id', options)
  const condition = where ? `${where} and ${PUBLISHED}` : `where ${PUBLISHED}`
  return [`select ${COLUMNS}`, FROM, condition, 'order by d.id', ...(limit ? [limit] : [])].join('\n')
}

function normalize(row: Record<string, unknown>): DisclosureFact {
  return {
    disclosure_id: Number(row.disclosure_id),
    estate_id: Number(row.estate_id),
    template_code: String(row.template_code),
    source: row.source as DisclosureFact['source'],
    state: row.state as DisclosureFact['state'],
    published_on: String(row.published_on),
  }
}

const disclosures = sourceReaders(DISCLOSURE_TOPIC, disclosureSql, normalize)

/**
 * For the backend, INSIDE the transaction that changed the announcements: takes the shared outbox-writer
 * lock and appends one `disclosure` event per published announcement (a draft's id writes nothing).
 */
export const writeDisclosureOutbox = disclosures.writeOutbox

export function disclosureFactRow(row: DisclosureFact, at: string | bigint | number, changedAt: Date | string): Record<string, unknown> {
  return { ...row, changed_at: toUnixSeconds(changedAt), version: String(at) }
}

export function parseDisclosure(payload: unknown, event = DISCLOSURE_TOPIC): DisclosureFact {
  const p = payloadObject(payload, event)
  const code = p.template_code
  if (typeof code !== 'string' || !/^[a-z][a-z0-9_]{0,39}$/.test(code)) throw new PayloadError(`${event}: template_code must be a template code, got ${JSON.stringify(code)}`)
  return {
    disclosure_id: requireId(p, 'disclosure_id', event),
    estate_id: requireId(p, 'estate_id', event),
    template_code: code,
    source: oneOf(p, 'source', SOURCES, event),
    state: oneOf(p, 'state', STATES, event),
    published_on: requireDate(p, 'published_on', event),
  }
}

const disclosureSource: FactSource<DisclosureFact> = {
  table: DISCLOSURE_FACTS_TABLE,
  topic: DISCLOSURE_TOPIC,
  transformer: sourceRowTopic(DISCLOSURE_FACTS_TABLE, parseDisclosure, disclosureFactRow),
  bulk: {
    columns: ['estate_id', 'disclosure_id', 'template_code', 'source', 'state', 'published_on', 'changed_at', 'version'],
    select: (at, changedAt) => `select ${COLUMNS}, ${bulkVersionSelect(at, changedAt)}\n${FROM}\nwhere ${PUBLISHED}`,
  },
  loadPage: disclosures.loadPage,
  cursor: (row) => row.disclosure_id,
  key: ['disclosure_id'],
  countSql: `select count(*) from disclosures d where ${PUBLISHED}`,
  toFactRow: disclosureFactRow,
  fields: ['template_code', 'source', 'state', 'published_on'],
}

export const factSources: readonly FactSource<any>[] = [disclosureSource]
