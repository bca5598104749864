/**
 * 通知发布 (module 19)'s read statistics at the grain of the record: one `notice_receipt_facts` row per
 * receipt — notice × estate × recipient (backend migration 0017 `notice_receipts`) — with its estate's
 * place, the recipient, the relation (项目经理 / 业委会主任), the notice's publishing day and whether and
 * when it was read (warehouse/migrations/0008_notice_receipt_facts.sql says why the engine collapses).
 *
 * Used by the notices service (backend/app/services/outbox.ts `publishNoticeReceipts`, inside the
 * transaction that published the notice or marked it read), the rebuild (bulk COPY), the
 * reconciliation and the drain (the module's fact source and topic transformer, found by slug).
 * Receipts are never deleted; a receipt changes when it is read and moves with its estate.
 */
import type { EstatePlace } from '@szpm/warehouse'
import type { BulkSource, FactSource } from '../fact_sources.ts'
import type { QueryFn } from '../pg.ts'
import { appendOutboxEvents } from '../outbox.ts'
import { PayloadError, payloadObject, requireId, toUnixSeconds } from '../payload.ts'
import { bulkVersionSelect, ESTATE_PLACE_BULK_SELECT, ESTATE_PLACE_COLUMNS, ESTATE_PLACE_FACT_COLUMNS, ESTATE_PLACE_JOINS, normalizeEstatePlace, type ParamStyle } from './source_rows.ts'

export const NOTICE_RECEIPT_TOPIC = 'notice_receipt'
export const NOTICE_RECEIPT_FACTS_TABLE = 'notice_receipt_facts'
export const NOTICE_RELATIONS = ['project_manager', 'committee_director'] as const
export type NoticeRelation = (typeof NOTICE_RELATIONS)[number]

/** One receipt as the warehouse mirrors it. */
export type NoticeReceipt = EstatePlace & {
  receipt_id: number
  notice_id: number
  user_id: number
  relation: NoticeRelation
  /** YYYY-MM-DD, the notice's publishing day (Asia/Shanghai) */
  published_on: string
  /** unix seconds when the recipient read it; 0 = unread */
  read_at: number
}

function idsParam(ids: readonly number[]): string {
  for (const id of ids) {
    if (!Number.isSafeInteger(id) || id <= 0) throw new TypeError(`invalid receipt id ${String(id)}`)
  }
  return `{${ids.join(',')}}`
}

/** 'YYYY-MM-DD' of a timestamptz in Asia/Shanghai (independent of the session's TimeZone) */
const PUBLISHED_ON = "to_char(n.published_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD')"
const READ_AT = 'coalesce(floor(extract(epoch from r.read_at))::bigint, 0)'

/**
 * The receipt rows. `by`: 'receipts' (ids), 'estates' (every receipt of the given estates: a moved or
 * renamed estate), 'page' (keyset by receipt id: afterId, limit). Parameters follow `paramStyle`.
 */
export function noticeReceiptSql(by: 'receipts' | 'estates' | 'page', paramStyle: ParamStyle = 'pg'): string {
  let n = 0
  const param = () => (paramStyle === 'knex' ? '?' : `$${++n}`)
  const where = {
    receipts: () => `where r.id = any(${param()}::bigint[])`,
    estates: () => `where r.estate_id = any(${param()}::int[])`,
    page: () => `where r.id > ${param()}`,
  }[by]()
  return `select
  ${ESTATE_PLACE_COLUMNS},
  r.id as receipt_id, r.notice_id, r.user_id, r.relation, ${PUBLISHED_ON} as published_on, ${READ_AT} as read_at
from notice_receipts r
join notices n on n.id = r.notice_id
join estates e on e.id = r.estate_id
${ESTATE_PLACE_JOINS}
${where}
order by r.id${by === 'page' ? `\nlimit ${param()}` : ''}`
}

export function normalizeNoticeReceipt(row: Record<string, unknown>): NoticeReceipt {
  return {
    ...normalizeEstatePlace(row),
    receipt_id: Number(row.receipt_id),
    notice_id: Number(row.notice_id),
    user_id: Number(row.user_id),
    relation: row.relation as NoticeRelation,
    published_on: String(row.published_on),
    read_at: Number(row.read_at ?? 0),
  }
}

export async function loadNoticeReceiptPage(queryFn: QueryFn, afterId: number, limit: number): Promise<NoticeReceipt[]> {
  return (await queryFn<Record<string, unknown>>(noticeReceiptSql('page'), [afterId, limit])).map(normalizeNoticeReceipt)
}

/**
 * For the notices service, INSIDE the transaction that published the receipts or marked them read
 * (after the change): takes the shared outbox-writer lock and appends one `notice_receipt` event per
 * receipt, its payload the receipt's current row. Lucid:
 * `writeNoticeReceiptOutbox((sql, params) => trx.rawQuery(sql, params).then((r) => r.rows), ids, { paramStyle: 'knex' })`
 */
export async function writeNoticeReceiptOutbox(queryFn: QueryFn, receiptIds: readonly number[], options: { paramStyle?: ParamStyle } = {}): Promise<NoticeReceipt[]> {
  const ids = [...new Set(receiptIds)]
  const written: NoticeReceipt[] = []
  // one INSERT carries 3 parameters per event: chunks stay far below PostgreSQL's 65,535
  for (let start = 0; start < ids.length; start += WRITE_CHUNK) {
    const chunk = ids.slice(start, start + WRITE_CHUNK)
    const load = async () => (await queryFn<Record<string, unknown>>(noticeReceiptSql('receipts', options.paramStyle), [idsParam(chunk)])).map(normalizeNoticeReceipt)
    written.push(...(await appendOutboxEvents(queryFn, NOTICE_RECEIPT_TOPIC, load, options)))
  }
  return written
}

const WRITE_CHUNK = 5_000

/** For writers that change a whole estate (moved, renamed): one event per receipt of the estates. */
export async function writeEstateNoticeReceiptsOutbox(queryFn: QueryFn, estateIds: readonly number[], options: { paramStyle?: ParamStyle } = {}): Promise<NoticeReceipt[]> {
  if (estateIds.length === 0) return []
  return appendOutboxEvents(queryFn, NOTICE_RECEIPT_TOPIC, async () => (await queryFn<Record<string, unknown>>(noticeReceiptSql('estates', options.paramStyle), [idsParam(estateIds)])).map(normalizeNoticeReceipt), options)
}

/** Receipt row + version/changed_at → a live notice_receipt_facts row (sign 1). */
export function noticeReceiptFactRow(receipt: NoticeReceipt, version: string | bigint | number, changedAt: Date | string): Record<string, unknown> {
  return {
    district_id: receipt.district_id,
    district_name: receipt.district_name,
    street_id: receipt.street_id,
    street_name: receipt.street_name,
    community_id: receipt.community_id,
    community_name: receipt.community_name,
    estate_id: receipt.estate_id,
    estate_name: receipt.estate_name,
    notice_id: receipt.notice_id,
    receipt_id: receipt.receipt_id,
    user_id: receipt.user_id,
    relation: receipt.relation,
    published_on: receipt.published_on,
    is_read: receipt.read_at > 0 ? 1 : 0,
    read_at: receipt.read_at,
    changed_at: toUnixSeconds(changedAt),
    version: String(version),
    sign: 1,
  }
}

/** Validates a `notice_receipt` payload (the receipt row written by the backend). */
export function parseNoticeReceipt(payload: unknown, event = NOTICE_RECEIPT_TOPIC): NoticeReceipt {
  const p = payloadObject(payload, event)
  for (const key of ['estate_id', 'district_id', 'street_id', 'community_id', 'notice_id', 'user_id', 'read_at']) requireId(p, key, event)
  if (!Number.isSafeInteger(Number(p.receipt_id)) || Number(p.receipt_id) <= 0) throw new PayloadError(`${event}: receipt_id must be a positive integer`)
  for (const key of ['estate_name', 'district_name', 'street_name', 'community_name']) {
    if (typeof p[key] !== 'string') throw new PayloadError(`${event}: ${key} must be a string`)
  }
  if (!(NOTICE_RELATIONS as readonly unknown[]).includes(p.relation)) throw new PayloadError(`${event}: relation must be one of ${NOTICE_RELATIONS.join('|')}, got ${JSON.stringify(p.relation)}`)
  if (typeof p.published_on !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(p.published_on)) throw new PayloadError(`${event}: published_on must be YYYY-MM-DD, got ${JSON.stringify(p.published_on)}`)
  return normalizeNoticeReceipt(p)
}

const transformer = {
  table: NOTICE_RECEIPT_FACTS_TABLE,
  toRows(event: { id: string; topic: string; payload: unknown; created_at: Date }) {
    return [noticeReceiptFactRow(parseNoticeReceipt(event.payload, `outbox event ${event.id} (${event.topic})`), event.id, event.created_at)]
  },
}

const COLUMNS = [...ESTATE_PLACE_FACT_COLUMNS, 'notice_id', 'receipt_id', 'user_id', 'relation', 'published_on', 'is_read', 'read_at', 'changed_at', 'version', 'sign'] as const

/** The rebuild's COPY: every receipt in the fact table's column order (sign 1). */
const bulk: BulkSource = {
  columns: COLUMNS,
  select(version, changedAt) {
    return `select ${ESTATE_PLACE_BULK_SELECT},
  r.notice_id, r.id as receipt_id, r.user_id, r.relation, ${PUBLISHED_ON} as published_on,
  (r.read_at is not null)::int as is_read, ${READ_AT} as read_at,
  ${bulkVersionSelect(version, changedAt)}, 1 as sign
from notice_receipts r
join notices n on n.id = r.notice_id
join estates e on e.id = r.estate_id
${ESTATE_PLACE_JOINS}`
  },
}

export const noticeReceiptFactSource: FactSource<NoticeReceipt> = {
  table: NOTICE_RECEIPT_FACTS_TABLE,
  topic: NOTICE_RECEIPT_TOPIC,
  transformer,
  bulk,
  collapsing: { identity: ['estate_id', 'receipt_id'] },
  loadPage: loadNoticeReceiptPage,
  cursor: (row) => row.receipt_id,
  key: ['receipt_id'],
  countSql: 'select count(*) from notice_receipts',
  toFactRow: noticeReceiptFactRow,
  fields: ['estate_id', 'district_id', 'district_name', 'street_id', 'street_name', 'community_id', 'community_name', 'estate_name', 'notice_id', 'user_id', 'relation', 'published_on', 'read_at'],
}

export const factSources: readonly FactSource<any>[] = [noticeReceiptFactSource]
