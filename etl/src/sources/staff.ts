/**
 * 从业人员信息 (module 9) at the grain of the record: `staff_facts` holds one row per practitioner, one
 * per certificate and one per estate (its last staff confirmation) — backend migration 0020, warehouse
 * migration 0009 (which says why the engine collapses and how `record_key` is made).
 *
 * Used by the staff service (inside the transaction that changed practitioners, certificates or a
 * confirmation: `writeStaffOutbox`), the rebuild (bulk COPY), the reconciliation and the drain (the
 * module's fact source and topic transformer, found by slug). A deleted practitioner or certificate is
 * published as a tombstone `{ record_key, estate_id, deleted: true }` that only cancels.
 *
 * Place: the region columns stored on the practitioner (an estate practitioner's are its estate's,
 * kept in step by triggers; a company practitioner's are its company's community), estate_id 0 and
 * the estate name COMPANY_ROW_NAME for a company practitioner. A certificate row repeats its practitioner's.
 */
import type { EstatePlace } from '@szpm/warehouse'
import type { BulkSource, FactSource, Rollup } from '../fact_sources.ts'
import type { QueryFn } from '../pg.ts'
import type { TopicTransformer } from '../payload.ts'
import { appendOutboxEvents } from '../outbox.ts'
import { PayloadError, payloadObject, requireId, toUnixSeconds } from '../payload.ts'
import { bulkVersionSelect, ESTATE_PLACE_BULK_SELECT, ESTATE_PLACE_FACT_COLUMNS, ESTATE_PLACE_JOINS, normalizeEstatePlace, type ParamStyle } from './source_rows.ts'

export const STAFF_TOPIC = 'staff_record'
export const STAFF_FACTS_TABLE = 'staff_facts'
export const STAFF_ESTATE_TOTALS_TABLE = 'staff_estate_totals'

/** record_kind: what a staff_facts row mirrors */
export const STAFF_RECORD_KINDS = { estate: 0, practitioner: 1, certificate: 2 } as const
export type StaffRecordKind = (typeof STAFF_RECORD_KINDS)[keyof typeof STAFF_RECORD_KINDS]

/** record_key = kind × KEY_SPAN + the record's id (one key per record across the three kinds) */
export const KEY_SPAN = 10_000_000_000

/** a day as days since 1970-01-01 (ClickHouse's toUInt32 of a Date); 0 = no expiry / never */
const EPOCH_DAY = (expression: string) => `coalesce(${expression} - date '1970-01-01', 0)`

export function staffRecordKey(kind: StaffRecordKind, id: number): number {
  return kind * KEY_SPAN + id
}

/** One staff record as the warehouse mirrors it. */
export type StaffRecord = EstatePlace & {
  record_kind: StaffRecordKind
  record_id: number
  record_key: number
  practitioner_id: number
  staff_group: string
  post: string
  is_lead: number
  certificate_count: number
  /** a certificate's last valid day, in days since 1970-01-01; 0 = no expiry (and on other rows) */
  valid_until_day: number
  /** the Asia/Shanghai day of an estate's last confirmation, in days since 1970-01-01; 0 = never */
  confirmed_day: number
}

export type DeletedStaffRecord = { record_key: number; estate_id: number; deleted: true }

/** the ids of the records to read, per kind */
export type StaffRecordIds = { practitioners?: readonly number[]; certificates?: readonly number[]; estates?: readonly number[] }

function idsParam(ids: readonly number[]): string {
  for (const id of ids) {
    if (!Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) throw new TypeError(`invalid staff record id ${String(id)}`)
  }
  return `{${ids.join(',')}}`
}

/**
 * the estate name of a company practitioner's rows (estate_id 0): the drill-down's estate level shows
 * a community's company staff as one row by this name (its 穿透 is the records list's estate_id=0)
 */
export const COMPANY_ROW_NAME = '物业服务企业从业人员'

/**
 * the place of a practitioner (alias p): the region columns stored on it (its estate's, kept in step
 * by backend migration 0020's triggers; a company practitioner's community), its estate's name
 */
const PRACTITIONER_PLACE = `p.district_id, coalesce(d.name, '') as district_name,
  p.street_id, coalesce(s.name, '') as street_name,
  p.community_id, coalesce(c.name, '') as community_name,
  coalesce(e.id, 0) as estate_id, coalesce(e.name, '${COMPANY_ROW_NAME}') as estate_name`
const PRACTITIONER_JOINS = `left join estates e on e.id = p.estate_id
left join regions d on d.id = p.district_id
left join regions s on s.id = p.street_id
left join regions c on c.id = p.community_id`
const CERTIFICATE_COUNT = '(select count(*) from practitioner_certificates pc where pc.practitioner_id = p.id)::int'
const CONFIRMED_DAY = EPOCH_DAY("(sc.confirmed_at at time zone 'Asia/Shanghai')::date")

/** the three branches' columns after the place, in the fact table's order (before changed_at, version, sign) */
function branches(): { practitioner: string; certificate: string; estate: string } {
  return {
    practitioner: `select ${PRACTITIONER_PLACE},
  1 as record_kind, p.id as record_id, ${STAFF_RECORD_KINDS.practitioner * KEY_SPAN}::bigint + p.id as record_key, p.id as practitioner_id,
  p.staff_group::text as staff_group, p.post::text as post, p.is_lead::int as is_lead, ${CERTIFICATE_COUNT} as certificate_count,
  0 as valid_until_day, 0 as confirmed_day
from practitioners p
${PRACTITIONER_JOINS}`,
    certificate: `select ${PRACTITIONER_PLACE},
  2 as record_kind, pc.id as record_id, ${STAFF_RECORD_KINDS.certificate * KEY_SPAN}::bigint + pc.id as record_key, p.id as practitioner_id,
  p.staff_group::text as staff_group, p.post::text as post, p.is_lead::int as is_lead, 0 as certificate_count,
  ${EPOCH_DAY('pc.valid_until')} as valid_until_day, 0 as confirmed_day
from practitioner_certificates pc
join practitioners p on p.id = pc.practitioner_id
${PRACTITIONER_JOINS}`,
    estate: `select ${ESTATE_PLACE_BULK_SELECT},
  0 as record_kind, e.id as record_id, e.id::bigint as record_key, 0 as practitioner_id,
  '' as staff_group, '' as post, 0 as is_lead, 0 as certificate_count,
  0 as valid_until_day, ${CONFIRMED_DAY} as confirmed_day
from estates e
left join estate_staff_confirmations sc on sc.estate_id = e.id
${ESTATE_PLACE_JOINS}`,
  }
}

/**
 * The staff records. `by`: 'ids' (three id arrays: practitioners, certificates, estates) or 'page'
 * (keyset by record_key: afterKey, limit — pg style only: the cursor parameter is read by each branch).
 */
export function staffSql(by: 'ids' | 'page', paramStyle: ParamStyle = 'pg'): string {
  const b = branches()
  if (by === 'page') {
    // each branch narrowed by its own id (its index), the union ordered by record_key
    return `select * from (
(${b.practitioner} where p.id > $1 - ${KEY_SPAN} order by p.id limit $2)
union all
(${b.certificate} where pc.id > $1 - ${2 * KEY_SPAN} order by pc.id limit $2)
union all
(${b.estate} where e.id > $1 order by e.id limit $2)
) staff_records order by record_key limit $2`
  }
  let n = 0
  const param = () => (paramStyle === 'knex' ? '?' : `$${++n}`)
  return `${b.practitioner} where p.id = any(${param()}::int[])
union all
${b.certificate} where pc.id = any(${param()}::int[])
union all
${b.estate} where e.id = any(${param()}::int[])
order by record_key`
}

export function normalizeStaffRecord(row: Record<string, unknown>): StaffRecord {
  return {
    ...normalizeEstatePlace(row),
    record_kind: Number(row.record_kind) as StaffRecordKind,
    record_id: Number(row.record_id),
    record_key: Number(row.record_key),
    practitioner_id: Number(row.practitioner_id),
    staff_group: String(row.staff_group),
    post: String(row.post),
    is_lead: Number(row.is_lead),
    certificate_count: Number(row.certificate_count),
    valid_until_day: Number(row.valid_until_day),
    confirmed_day: Number(row.confirmed_day),
  }
}

export async function loadStaffRecords(queryFn: QueryFn, ids: StaffRecordIds, options: { paramStyle?: ParamStyle } = {}): Promise<StaffRecord[]> {
  const params = [idsParam(ids.practitioners ?? []), idsParam(ids.certificates ?? []), idsParam(ids.estates ?? [])]
  return (await queryFn<Record<string, unknown>>(staffSql('ids', options.paramStyle), params)).map(normalizeStaffRecord)
}

export async function loadStaffPage(queryFn: QueryFn, afterKey: number, limit: number): Promise<StaffRecord[]> {
  return (await queryFn<Record<string, unknown>>(staffSql('page'), [afterKey, limit])).map(normalizeStaffRecord)
}

/**
 * For writers of practitioners, certificates and confirmations, INSIDE their transaction, after the
 * change: one `staff_record` event per record given — its current row — and a tombstone per deleted
 * record (`deleted`: the record key and the estate id its row had, known to the writer before it
 * deleted it; 0 for a company practitioner). A practitioner whose certificates changed is given too
 * (its certificate_count).
 */
export async function writeStaffOutbox(
  queryFn: QueryFn,
  ids: StaffRecordIds,
  options: { paramStyle?: ParamStyle; deleted?: readonly { kind: StaffRecordKind; id: number; estateId: number }[] } = {}
): Promise<Array<StaffRecord | DeletedStaffRecord>> {
  const deleted = (options.deleted ?? []).map((record): DeletedStaffRecord => ({ record_key: staffRecordKey(record.kind, record.id), estate_id: record.estateId, deleted: true }))
  if (!ids.practitioners?.length && !ids.certificates?.length && !ids.estates?.length && deleted.length === 0) return []
  return appendOutboxEvents<StaffRecord | DeletedStaffRecord>(queryFn, STAFF_TOPIC, async () => [...(await loadStaffRecords(queryFn, ids, options)), ...deleted], options)
}

/**
 * For writers that move or rename whole estates (inside their transaction, after the change): every
 * staff record of the estates — each practitioner, each certificate and the estate's own row — again,
 * with its new place and name.
 */
export async function writeEstateStaffOutbox(queryFn: QueryFn, estateIds: readonly number[], options: { paramStyle?: ParamStyle } = {}): Promise<Array<StaffRecord | DeletedStaffRecord>> {
  if (estateIds.length === 0) return []
  const param = options.paramStyle === 'knex' ? '?' : '$1'
  const rows = await queryFn<{ practitioner_id: number; certificate_id: number | null }>(
    `select p.id as practitioner_id, pc.id as certificate_id from practitioners p
     left join practitioner_certificates pc on pc.practitioner_id = p.id where p.estate_id = any(${param}::int[])`,
    [idsParam(estateIds)]
  )
  const certificates = rows.flatMap((row) => (row.certificate_id === null ? [] : [Number(row.certificate_id)]))
  return writeStaffOutbox(queryFn, { practitioners: [...new Set(rows.map((row) => Number(row.practitioner_id)))], certificates, estates: estateIds }, options)
}

/** Staff record + version/changed_at → a live staff_facts row (sign 1). */
export function staffFactRow(record: StaffRecord, version: string | bigint | number, changedAt: Date | string): Record<string, unknown> {
  return {
    district_id: record.district_id,
    district_name: record.district_name,
    street_id: record.street_id,
    street_name: record.street_name,
    community_id: record.community_id,
    community_name: record.community_name,
    estate_id: record.estate_id,
    estate_name: record.estate_name,
    record_kind: record.record_kind,
    record_id: record.record_id,
    record_key: record.record_key,
    practitioner_id: record.practitioner_id,
    staff_group: record.staff_group,
    post: record.post,
    is_lead: record.is_lead,
    certificate_count: record.certificate_count,
    valid_until_day: record.valid_until_day,
    confirmed_day: record.confirmed_day,
    changed_at: toUnixSeconds(changedAt),
    version: String(version),
    sign: 1,
  }
}

/** Validates a `staff_record` payload: a record row or a tombstone. */
export function parseStaffRecord(payload: unknown, event = STAFF_TOPIC): StaffRecord | DeletedStaffRecord {
  const p = payloadObject(payload, event)
  const key = Number(p.record_key)
  if (!Number.isSafeInteger(key) || key <= 0 || key >= 3 * KEY_SPAN) throw new PayloadError(`${event}: record_key must be a staff record key, got ${JSON.stringify(p.record_key)}`)
  if (p.deleted === true) return { record_key: key, estate_id: requireId(p, 'estate_id', event), deleted: true }
  for (const name of ['estate_id', 'district_id', 'street_id', 'community_id', 'record_id', 'practitioner_id', 'is_lead', 'certificate_count', 'valid_until_day', 'confirmed_day']) requireId(p, name, event)
  if (![0, 1, 2].includes(Number(p.record_kind)) || Math.floor(key / KEY_SPAN) !== Number(p.record_kind)) throw new PayloadError(`${event}: record_kind must be 0, 1 or 2 and match record_key`)
  for (const name of ['estate_name', 'district_name', 'street_name', 'community_name', 'staff_group', 'post']) {
    if (typeof p[name] !== 'string') throw new PayloadError(`${event}: ${name} must be a string`)
  }
  return normalizeStaffRecord(p)
}

/**
 * `staff_record` events → staff_facts rows: the new state (sign 1), or for a tombstone the identity
 * with sign -1 — the drain replaces it by a copy of the live row (see FactSource.collapsing).
 */
const transformer: TopicTransformer = {
  table: STAFF_FACTS_TABLE,
  toRows(event) {
    const record = parseStaffRecord(event.payload, `outbox event ${event.id} (${event.topic})`)
    if ('deleted' in record) return [{ estate_id: record.estate_id, record_key: record.record_key, sign: -1 }]
    return [staffFactRow(record, event.id, event.created_at)]
  },
}

const COLUMNS = [
  ...ESTATE_PLACE_FACT_COLUMNS,
  'record_kind', 'record_id', 'record_key', 'practitioner_id', 'staff_group', 'post', 'is_lead', 'certificate_count', 'valid_until_day', 'confirmed_day',
  'changed_at', 'version', 'sign',
] as const

/** The rebuild's COPY: every record of the three kinds in the fact table's column order (sign 1). */
const bulk: BulkSource = {
  columns: COLUMNS,
  select(version, changedAt) {
    const b = branches()
    const tail = `${bulkVersionSelect(version, changedAt)}, 1 as sign`
    return `select *, ${tail} from (
${b.practitioner}
union all
${b.certificate}
union all
${b.estate}
) staff_records`
  },
}

// ---------------------------------------------------------------------------------------------
// the per-unit rollup (warehouse migration 0020): one row per estate and per community's company staff

/** a unit's key: the estate's id, or KEY_SPAN + the community's id for its company practitioners (estate_id 0) */
const UNIT_KEY = `if(estate_id = 0, toUInt64(${KEY_SPAN}) + community_id, toUInt64(estate_id))`
const UNIT_PLACE = ['district_id', 'district_name', 'street_id', 'street_name', 'community_id', 'community_name', 'estate_name'] as const
/** practitioner figures: [column, condition on a practitioner row] */
const UNIT_PRACTITIONERS = [
  ['staff', ''],
  ['estate_group_staff', " AND staff_group = 'estate'"],
  ['company_group_staff', " AND staff_group = 'company'"],
  ['manager_posts', " AND post = 'manager'"],
  ['service_posts', " AND post = 'service'"],
  ['security_posts', " AND post = 'security'"],
  ['cleaning_posts', " AND post = 'cleaning'"],
  ['certificate_holders', ' AND certificate_count > 0'],
] as const
const UNIT_COLUMNS = ['estate_id', 'unit_key', ...UNIT_PLACE, 'live_rows', 'estate_rows', 'confirmed_day', ...UNIT_PRACTITIONERS.map(([column]) => column), 'certificate_days']

/**
 * Every unit's figures from the live rows of `facts` (`where`: a condition on its rows), units with
 * no live row left omitted. Inner columns are prefixed (u_) so no aggregate's alias shadows a column
 * it reads; the place is that of the unit's newest live row (a moved estate's new rows).
 */
function unitFigures(facts: string, where: string): string {
  const filter = where ? ` AND ${where}` : ''
  const units = `SELECT estate_id, ${UNIT_KEY} AS unit_key,
  ${UNIT_PLACE.map((column) => `argMaxIf(${column}, version, sign = 1) AS u_${column}`).join(', ')},
  sum(toInt64(sign)) AS u_live_rows, sum(if(record_kind = 0, toInt64(sign), 0)) AS u_estate_rows,
  sum(if(record_kind = 0, toInt64(confirmed_day) * sign, 0)) AS u_confirmed_day,
  ${UNIT_PRACTITIONERS.map(([column, condition]) => `sum(if(record_kind = 1${condition}, toInt64(sign), 0)) AS u_${column}`).join(', ')}
FROM ${facts} WHERE 1${filter} GROUP BY estate_id, unit_key HAVING u_live_rows != 0`
  // each live certificate's current last valid day (its newest row), those without expiry left out
  const certificates = `SELECT estate_id, unit_key, arraySort(groupArray(day)) AS u_certificate_days FROM (
  SELECT estate_id, ${UNIT_KEY} AS unit_key, record_key, argMax(valid_until_day, version) AS day
  FROM ${facts} WHERE record_kind = 2${filter} GROUP BY estate_id, unit_key, record_key HAVING sum(sign) > 0 AND day != 0
) GROUP BY estate_id, unit_key`
  const named = UNIT_COLUMNS.map((column) => (column === 'estate_id' || column === 'unit_key' ? column : `u_${column} AS ${column}`)).join(', ')
  return `SELECT ${named} FROM (${units}) AS units ANY LEFT JOIN (${certificates}) AS certificates USING estate_id, unit_key`
}

/**
 * 从业人员信息's rollup (staff_estate_totals): per estate and per community's company practitioners,
 * the counts of their live staff_facts rows and the expiring certificates' last valid days. For the
 * drain (`estateIds`): every given estate gets a row, zero when nothing is left; estate id 0 (company
 * practitioners) recomputes every company unit, those stored or in the facts (a zero row for a
 * community whose company staff left).
 */
export const staffEstateTotals: Rollup = {
  table: STAFF_ESTATE_TOTALS_TABLE,
  key: ['unit_key'],
  select(factsTable, version, estateIds) {
    if (!/^\d+$/.test(version)) throw new TypeError(`invalid version ${version}`)
    if (!/^[a-z_][a-z0-9_]*$/.test(factsTable)) throw new TypeError(`invalid table ${factsTable}`)
    const columns = `${UNIT_COLUMNS.join(', ')}, ${version} AS version`
    if (!estateIds) return `SELECT ${columns} FROM (${unitFigures(factsTable, '')})`
    for (const id of estateIds) if (!Number.isSafeInteger(id) || id < 0) throw new TypeError(`invalid estate id ${id}`)
    const estates = estateIds.filter((id) => id > 0)
    const wanted = [
      ...(estates.length > 0 ? [`SELECT arrayJoin([${estates.map((id) => `toUInt32(${id})`).join(', ')}]) AS estate_id, toUInt64(estate_id) AS unit_key`] : []),
      ...(estateIds.includes(0)
        ? [`SELECT estate_id, unit_key FROM ${STAFF_ESTATE_TOTALS_TABLE} WHERE estate_id = 0`, `SELECT estate_id, ${UNIT_KEY} AS unit_key FROM ${factsTable} WHERE estate_id = 0`]
        : []),
    ]
    if (wanted.length === 0) throw new TypeError('no estate ids')
    return `SELECT ${columns}
FROM (SELECT DISTINCT estate_id, unit_key FROM (${wanted.join(' UNION ALL ')})) AS wanted
ANY LEFT JOIN (${unitFigures(factsTable, `estate_id IN (${estateIds.join(', ')})`)}) AS fresh USING estate_id, unit_key`
  },
}

export const staffFactSource: FactSource<StaffRecord> = {
  table: STAFF_FACTS_TABLE,
  topic: STAFF_TOPIC,
  transformer,
  bulk,
  collapsing: { identity: ['record_key'] },
  rollups: [staffEstateTotals],
  loadPage: loadStaffPage,
  cursor: (row) => row.record_key,
  key: ['record_key'],
  countSql: 'select (select count(*) from practitioners) + (select count(*) from practitioner_certificates) + (select count(*) from estates)',
  toFactRow: staffFactRow,
  fields: [
    'estate_id', 'district_id', 'district_name', 'street_id', 'street_name', 'community_id', 'community_name', 'estate_name',
    'record_kind', 'record_id', 'practitioner_id', 'staff_group', 'post', 'is_lead', 'certificate_count', 'valid_until_day', 'confirmed_day',
  ],
}

export const factSources: readonly FactSource<any>[] = [staffFactSource]
