/**
 * What every PostgreSQL source of a fact table shares: the parameter style, the id-array parameter,
 * the WHERE / LIMIT of its one query (rows by id, or a keyset page), the estate's place, and the
 * three readers built on that query — rows by id, a keyset page (rebuild / reconcile), and the
 * outbox writer the backend calls inside its transaction.
 */
import type { EstatePlace } from '@szpm/warehouse'
import type { QueryFn } from '../pg.ts'
import { appendOutboxEvents } from '../outbox.ts'

/** 'pg' → $1, $2 …; 'knex' → ? (Lucid/knex rawQuery). */
export type ParamStyle = 'pg' | 'knex'

/** Ids as a Postgres array literal ('{1,2,3}'), safe for both pg and knex bindings. */
export function estateIdsParam(ids: readonly number[]): string {
  for (const id of ids) {
    if (!Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) throw new TypeError(`invalid estate id ${String(id)}`)
  }
  return `{${ids.join(',')}}`
}

export interface SourceQueryOptions {
  /** adds `<idColumn> = any(<param>::int[])`; bind {@link estateIdsParam} */
  ids?: boolean
  /** keyset pagination: adds `<idColumn> > <param>` and `limit <param>` (in that order, after ids) */
  keyset?: boolean
  paramStyle?: ParamStyle
}

/** The WHERE and LIMIT clauses (possibly empty) of a source query over `idColumn`. */
export function sourceFilter(idColumn: string, options: SourceQueryOptions): { where: string; limit: string } {
  let n = 0
  const param = () => (options.paramStyle === 'knex' ? '?' : `$${++n}`)
  const conditions: string[] = []
  if (options.ids) conditions.push(`${idColumn} = any(${param()}::int[])`)
  if (options.keyset) conditions.push(`${idColumn} > ${param()}`)
  return {
    where: conditions.length > 0 ? `where ${conditions.join(' and ')}` : '',
    limit: options.keyset ? `limit ${param()}` : '',
  }
}

/** The estate and its regions, as every per-estate source row carries them (alias `e` = estates). */
export const ESTATE_PLACE_COLUMNS = `e.id as estate_id, e.name as estate_name,
  e.district_id, coalesce(d.name, '') as district_name,
  e.street_id, coalesce(s.name, '') as street_name,
  e.community_id, coalesce(c.name, '') as community_name`

/** The joins ESTATE_PLACE_COLUMNS reads: the estate's district, street and community. */
export const ESTATE_PLACE_JOINS = `left join regions d on d.id = e.district_id
left join regions s on s.id = e.street_id
left join regions c on c.id = e.community_id`

/** The estate and its regions, as every per-estate source row carries them. */
export function normalizeEstatePlace(row: Record<string, unknown>): EstatePlace {
  return {
    estate_id: Number(row.estate_id),
    estate_name: String(row.estate_name),
    district_id: Number(row.district_id),
    district_name: String(row.district_name),
    street_id: Number(row.street_id),
    street_name: String(row.street_name),
    community_id: Number(row.community_id),
    community_name: String(row.community_name),
  }
}

/** Rows by id, keyset pages and the outbox writer of one source, from its query and row shape. */
export function sourceReaders<Row extends { estate_id: number }>(topic: string, sql: (options: SourceQueryOptions) => string, normalize: (row: Record<string, unknown>) => Row) {
  /** rows for the given ids (ordered by id; unknown ids are simply absent) */
  async function load(queryFn: QueryFn, ids: readonly number[], options: { paramStyle?: ParamStyle } = {}): Promise<Row[]> {
    if (ids.length === 0) return []
    const rows = await queryFn<Record<string, unknown>>(sql({ ids: true, paramStyle: options.paramStyle }), [estateIdsParam(ids)])
    return rows.map(normalize)
  }
  /** one keyset page of rows with id > afterId */
  async function loadPage(queryFn: QueryFn, afterId: number, limit: number): Promise<Row[]> {
    const rows = await queryFn<Record<string, unknown>>(sql({ keyset: true }), [afterId, limit])
    return rows.map(normalize)
  }
  /**
   * For writers, INSIDE their transaction: takes the shared outbox-writer lock and appends one
   * `topic` event per row. Lucid: `write((sql, params) => trx.rawQuery(sql, params).then((r) => r.rows), ids, { paramStyle: 'knex' })`
   */
  async function writeOutbox(queryFn: QueryFn, ids: readonly number[], options: { paramStyle?: ParamStyle } = {}): Promise<Row[]> {
    if (ids.length === 0) return []
    return appendOutboxEvents(queryFn, topic, () => load(queryFn, ids, options), options)
  }
  return { load, loadPage, writeOutbox }
}

/** The place columns in the order every fact table declares them (district … estate), for BulkSource `columns`. */
export const ESTATE_PLACE_FACT_COLUMNS = ['district_id', 'district_name', 'street_id', 'street_name', 'community_id', 'community_name', 'estate_id', 'estate_name'] as const

/**
 * ESTATE_PLACE_FACT_COLUMNS selected over ESTATE_PLACE_JOINS (alias `e` = estates), for a BulkSource
 * select: the same values normalizeEstatePlace makes of ESTATE_PLACE_COLUMNS (a region without a
 * name is '', never NULL — a NULL would reach ClickHouse as \N).
 */
export const ESTATE_PLACE_BULK_SELECT = `e.district_id, coalesce(d.name, '') as district_name,
  e.street_id, coalesce(s.name, '') as street_name,
  e.community_id, coalesce(c.name, '') as community_name,
  e.id as estate_id, e.name as estate_name`

/**
 * `changed_at` (unix seconds) and `version` (the outbox id) of a rebuild as SQL literals, the last two
 * columns of every fact table, for a BulkSource select. Both are checked: they are interpolated.
 */
export function bulkVersionSelect(version: string, changedAt: number): string {
  if (!/^\d{1,20}$/.test(version)) throw new RangeError(`version must be a decimal UInt64, got ${JSON.stringify(version)}`)
  if (!Number.isSafeInteger(changedAt) || changedAt < 0 || changedAt > 4_294_967_295) throw new RangeError(`changedAt must be unix seconds (DateTime), got ${String(changedAt)}`)
  // ClickHouse 18.16 reads a DateTime in TabSeparated as unix seconds only when it has exactly 10 digits
  return `'${String(changedAt).padStart(10, '0')}' as changed_at, ${version} as version`
}

/** A record that no longer exists: its outbox event cancels the record's live fact row. */
export type Tombstone<Key extends string> = { [K in Key]: number } & { estate_id: number; deleted: true }

/**
 * The rows a writer found for `ids`, then a tombstone `{ <idKey>: id, estate_id, deleted: true }` for
 * each id it did not find (deleted in its transaction): `estateOf` gives the estate of each deleted
 * record, known to the writer before it deleted it.
 */
export function withTombstones<Row extends { estate_id: number }, Key extends string>(
  found: readonly Row[],
  ids: readonly number[],
  idKey: Key,
  estateOf: ReadonlyMap<number, number> | undefined,
  what: string
): Array<Row | Tombstone<Key>> {
  const present = new Set(found.map((row) => Number((row as Record<string, unknown>)[idKey])))
  const deleted: Tombstone<Key>[] = []
  for (const id of ids) {
    if (present.has(id)) continue
    const estateId = estateOf?.get(id)
    if (estateId === undefined) throw new Error(`${what} ${id} no longer exists and its estate was not given`)
    deleted.push({ [idKey]: id, estate_id: estateId, deleted: true } as Tombstone<Key>)
  }
  return [...found, ...deleted]
}
