/**
 * 项目管理's house register at the grain of the record: one `house_facts` row per house (房屋) with its
 * estate's place, use, area and owner, and the per-estate rollup `house_estate_totals` kept beside it
 * (warehouse/migrations/0006_house_facts.sql says why each exists and why the engine collapses).
 *
 * Used by the house writers (backend, inside the transaction that changed houses — including a moved
 * estate, whose houses all change place), the rebuild (bulk COPY), the reconciliation and the drain.
 * A deleted house is published as a tombstone `{ house_id, estate_id, deleted: true }`: the drain
 * cancels its live row.
 */
import type { EstatePlace } from '@szpm/warehouse'
import type { BulkSource, FactSource, Rollup } from '../fact_sources.ts'
import type { QueryFn } from '../pg.ts'
import { appendOutboxEvents } from '../outbox.ts'
import { PayloadError, payloadObject, requireId, toUnixSeconds } from '../payload.ts'
import type { TopicTransformer } from '../payload.ts'
import { bulkVersionSelect, ESTATE_PLACE_BULK_SELECT, ESTATE_PLACE_COLUMNS, ESTATE_PLACE_FACT_COLUMNS, ESTATE_PLACE_JOINS, normalizeEstatePlace, withTombstones, type ParamStyle } from './source_rows.ts'

export const HOUSE_TOPIC = 'house'
export const HOUSE_FACTS_TABLE = 'house_facts'
export const HOUSE_ESTATE_TOTALS_TABLE = 'house_estate_totals'

export type House = EstatePlace & {
  house_id: number
  /** 住宅 / 商业 / 办公 / 车库 / 其他 */
  house_use: string
  /** 0 when the house has no owner on record */
  owner_id: number
  building_area: number
}

/** A house that no longer exists (its live fact row is cancelled). */
export type DeletedHouse = { house_id: number; estate_id: number; deleted: true }

function idsParam(ids: readonly number[]): string {
  for (const id of ids) {
    if (!Number.isSafeInteger(id) || id <= 0) throw new TypeError(`invalid id ${String(id)}`)
  }
  return `{${ids.join(',')}}`
}

/**
 * The house rows. `by`: 'houses' (ids of houses), 'estates' (every house of the given estates) or
 * 'page' (keyset by house id: afterId, limit). Parameters follow `paramStyle`.
 */
export function houseSql(by: 'houses' | 'estates' | 'page' | 'all', paramStyle: ParamStyle = 'pg'): string {
  let n = 0
  const param = () => (paramStyle === 'knex' ? '?' : `$${++n}`)
  const where = {
    houses: () => `where h.id = any(${param()}::bigint[])`,
    estates: () => `where h.estate_id = any(${param()}::int[])`,
    page: () => `where h.id > ${param()}`,
    all: () => '',
  }[by]()
  return `select
  ${ESTATE_PLACE_COLUMNS},
  h.id as house_id, h.house_use, coalesce(h.owner_id, 0) as owner_id, h.building_area::float8 as building_area
from houses h
join estates e on e.id = h.estate_id
${ESTATE_PLACE_JOINS}
${where}
order by h.id${by === 'page' ? `\nlimit ${param()}` : ''}`
}

export function normalizeHouse(row: Record<string, unknown>): House {
  return {
    ...normalizeEstatePlace(row),
    house_id: Number(row.house_id),
    house_use: String(row.house_use),
    owner_id: Number(row.owner_id ?? 0),
    building_area: Math.round(Number(row.building_area) * 100) / 100,
  }
}

export async function loadHousePage(queryFn: QueryFn, afterId: number, limit: number): Promise<House[]> {
  return (await queryFn<Record<string, unknown>>(houseSql('page'), [afterId, limit])).map(normalizeHouse)
}

/**
 * For writers of houses, INSIDE their transaction, after the change: one `house` event per house id —
 * its current row, or a tombstone when it no longer exists (`estateOf` gives the estate of a deleted
 * house, known to the writer before it deleted it).
 */
export async function writeHouseOutbox(
  queryFn: QueryFn,
  houseIds: readonly number[],
  options: { paramStyle?: ParamStyle; estateOf?: ReadonlyMap<number, number> } = {}
): Promise<Array<House | DeletedHouse>> {
  if (houseIds.length === 0) return []
  return appendOutboxEvents<House | DeletedHouse>(
    queryFn,
    HOUSE_TOPIC,
    async () => {
      const found = (await queryFn<Record<string, unknown>>(houseSql('houses', options.paramStyle), [idsParam(houseIds)])).map(normalizeHouse)
      return withTombstones(found, houseIds, 'house_id', options.estateOf, 'house')
    },
    options
  )
}

/** For writers that change a whole estate (moved, renamed): one `house` event per house of the estates. */
export async function writeEstateHousesOutbox(queryFn: QueryFn, estateIds: readonly number[], options: { paramStyle?: ParamStyle } = {}): Promise<House[]> {
  if (estateIds.length === 0) return []
  return appendOutboxEvents(queryFn, HOUSE_TOPIC, async () => (await queryFn<Record<string, unknown>>(houseSql('estates', options.paramStyle), [idsParam(estateIds)])).map(normalizeHouse), options)
}

/** House row + version/changed_at → a live house_facts row (sign 1). */
export function houseFactRow(house: House, version: string | bigint | number, changedAt: Date | string): Record<string, unknown> {
  return {
    district_id: house.district_id,
    district_name: house.district_name,
    street_id: house.street_id,
    street_name: house.street_name,
    community_id: house.community_id,
    community_name: house.community_name,
    estate_id: house.estate_id,
    estate_name: house.estate_name,
    house_id: house.house_id,
    house_use: house.house_use,
    owner_id: house.owner_id,
    building_area: house.building_area,
    changed_at: toUnixSeconds(changedAt),
    version: String(version),
    sign: 1,
  }
}

/** Validates a `house` payload: a house row or a tombstone. */
export function parseHouse(payload: unknown, event = 'house'): House | DeletedHouse {
  const p = payloadObject(payload, event)
  if (!Number.isSafeInteger(Number(p.house_id)) || Number(p.house_id) <= 0) throw new PayloadError(`${event}: house_id must be a positive integer`)
  if (p.deleted === true) return { house_id: Number(p.house_id), estate_id: requireId(p, 'estate_id', event), deleted: true }
  for (const key of ['estate_id', 'district_id', 'street_id', 'community_id']) requireId(p, key, event)
  if (!Number.isSafeInteger(Number(p.owner_id)) || Number(p.owner_id) < 0) throw new PayloadError(`${event}: owner_id must be a non-negative integer`)
  for (const key of ['estate_name', 'district_name', 'street_name', 'community_name', 'house_use']) {
    if (typeof p[key] !== 'string') throw new PayloadError(`${event}: ${key} must be a string`)
  }
  if (!Number.isFinite(Number(p.building_area))) throw new PayloadError(`${event}: building_area must be a number`)
  return normalizeHouse(p)
}

/**
 * `house` events → house_facts rows: the new state (sign 1), or for a tombstone the identity with
 * sign -1 — the drain replaces it by a copy of the live row (see FactSource.collapsing).
 */
const transformer: TopicTransformer = {
  table: HOUSE_FACTS_TABLE,
  toRows(event) {
    const house = parseHouse(event.payload, `outbox event ${event.id} (${event.topic})`)
    if ('deleted' in house) return [{ estate_id: house.estate_id, house_id: house.house_id, sign: -1 }]
    return [houseFactRow(house, event.id, event.created_at)]
  },
}

const COLUMNS = [
  ...ESTATE_PLACE_FACT_COLUMNS,
  'house_id', 'house_use', 'owner_id', 'building_area', 'changed_at', 'version', 'sign',
] as const

/** The rebuild's COPY: every house in the fact table's column order (sign 1). */
const bulk: BulkSource = {
  columns: COLUMNS,
  select(version, changedAt) {
    return `select ${ESTATE_PLACE_BULK_SELECT},
  h.id as house_id, h.house_use, coalesce(h.owner_id, 0) as owner_id, round(h.building_area, 2)::float8 as building_area,
  ${bulkVersionSelect(version, changedAt)}, 1 as sign
from houses h
join estates e on e.id = h.estate_id
${ESTATE_PLACE_JOINS}`
  },
}

/** houses, households (houses with an owner) and area per estate, from the facts' live rows */
export const houseEstateTotals: Rollup = {
  table: HOUSE_ESTATE_TOTALS_TABLE,
  select(factsTable, version, estateIds) {
    if (!/^\d+$/.test(version)) throw new TypeError(`invalid version ${version}`)
    if (!/^[a-z_][a-z0-9_]*$/.test(factsTable)) throw new TypeError(`invalid table ${factsTable}`)
    const totals = (where: string) =>
      `SELECT estate_id, sum(sign) AS houses, sum(if(owner_id != 0, sign, 0)) AS households, sum(building_area * sign) AS building_area FROM ${factsTable}${where} GROUP BY estate_id`
    if (!estateIds) return `SELECT estate_id, houses, households, building_area, ${version} AS version FROM (${totals('')})`
    for (const id of estateIds) if (!Number.isSafeInteger(id) || id <= 0) throw new TypeError(`invalid estate id ${id}`)
    // every given estate gets a row, 0 when it has no house left
    return `SELECT estate_id, houses, households, building_area, ${version} AS version
FROM (SELECT arrayJoin([${estateIds.map((id) => `toUInt32(${id})`).join(', ')}]) AS estate_id)
ANY LEFT JOIN (${totals(` WHERE estate_id IN (${estateIds.join(', ')})`)}) USING estate_id`
  },
}

export const houseFactSource: FactSource<House> = {
  table: HOUSE_FACTS_TABLE,
  topic: HOUSE_TOPIC,
  transformer,
  bulk,
  collapsing: { identity: ['estate_id', 'house_id'] },
  rollups: [houseEstateTotals],
  loadPage: loadHousePage,
  cursor: (row) => row.house_id,
  key: ['house_id'],
  countSql: 'select count(*) from houses',
  toFactRow: houseFactRow,
  fields: ['estate_id', 'district_id', 'district_name', 'street_id', 'street_name', 'community_id', 'community_name', 'estate_name', 'house_use', 'owner_id', 'building_area'],
}
