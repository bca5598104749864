import type { ParkingMetric } from '@szpm/core'
import { PARKING_TYPE_OF_DISPUTE } from '@szpm/core'
import type { CubeDefinition } from './types.ts'

const KINDS = ['owned', 'civil_defense', 'rented', 'temporary', 'charging', 'other'] as const
const DISPUTE_TYPES = ['occupation', 'fee', 'ownership', 'lease_sale', 'charging', 'other'] as const
/** the 纠纷化解台账 type (dispute_facts.dispute_type) of each parking dispute type */
const LEDGER_TYPE = Object.fromEntries(Object.entries(PARKING_TYPE_OF_DISPUTE).map(([ledger, parking]) => [parking, ledger])) as Record<(typeof DISPUTE_TYPES)[number], string>

/**
 * One row per estate with everything the parking figures need, each source keyed by estate_id and
 * joined one at a time (ClickHouse 18.16 has one JOIN per SELECT): the spaces by kind (the rollup
 * parking_estate_totals of the 2M-row parking_space_facts), the households of the house register
 * (house_estate_totals, as 项目管理 counts them), when the estate filled its parking information in
 * (parking_profile_facts; 0 = never) and its 住宅小区车位纠纷 by type: the real disputes of 纠纷化解台账
 * (dispute_facts, one row per dispute, grouped here) of the `parking_*` types, `parking_<type>` counting
 * as `<type>` (PARKING_TYPE_OF_DISPUTE). Missing rows read 0 (ANY LEFT JOIN's defaults).
 */
const SOURCES: readonly { columns: readonly string[]; sql: string }[] = [
  {
    columns: ['parking_spaces', ...KINDS.map((kind) => `spaces_${kind}`)],
    sql: `SELECT estate_id, spaces AS parking_spaces, ${KINDS.map((kind) => `${kind} AS spaces_${kind}`).join(', ')} FROM parking_estate_totals FINAL`,
  },
  { columns: ['parking_households'], sql: 'SELECT estate_id, households AS parking_households FROM house_estate_totals FINAL' },
  { columns: ['parking_filled_at'], sql: 'SELECT estate_id, filled_at AS parking_filled_at FROM parking_profile_facts FINAL' },
  {
    columns: ['parking_disputes', ...DISPUTE_TYPES.map((type) => `disputes_${type}`)],
    sql: `SELECT estate_id, count() AS parking_disputes, ${DISPUTE_TYPES.map((type) => `countIf(dispute_type = '${LEDGER_TYPE[type]}') AS disputes_${type}`).join(', ')} FROM dispute_facts FINAL WHERE dispute_type IN (${DISPUTE_TYPES.map((type) => `'${LEDGER_TYPE[type]}'`).join(', ')}) GROUP BY estate_id`,
  },
]

// (the select lists name every column: a `*` over a JOIN reads only the left side's on 18.16)
// (every joined subquery has an alias: current ClickHouse requires one)
const PER_ESTATE = SOURCES.reduce(
  ({ sql, columns }, next, i) => ({
    sql: `SELECT ${['estate_id', ...columns, ...next.columns].join(', ')} FROM (${sql}) AS joined_${i} ANY LEFT JOIN (${next.sql}) AS source_${i} USING estate_id`,
    columns: [...columns, ...next.columns],
  }),
  { sql: 'SELECT estate_id FROM estate_profile_facts FINAL', columns: [] as string[] }
).sql

const SPACES = 'sum(parking_spaces)'
const share = (kind: (typeof KINDS)[number]) => ({ sql: `if(${SPACES} = 0, 0, sum(spaces_${kind}) / ${SPACES})`, kind: 'rate' }) as const
const count = (kind: (typeof KINDS)[number]) => ({ sql: `sum(spaces_${kind})`, kind: 'count' }) as const
const disputes = (type: (typeof DISPUTE_TYPES)[number]) => ({ sql: `sum(disputes_${type})`, kind: 'count' }) as const

/**
 * 车位信息统计情况 and 住宅小区车位纠纷类型情况: every estate (estate_profile_facts, its current place)
 * with its spaces by kind, households, filled-in marker and parking disputes (PER_ESTATE). Facts are at
 * record grain (one row per space, per dispute — the disputes are 纠纷化解台账's, module 22); only the spaces' per-estate rollup is kept beside them, as
 * for houses — the city drill-down joins 5.6k estate rows instead of grouping 2M spaces per request.
 */
export const cube: CubeDefinition<ParkingMetric> = {
  name: 'parking',
  table: 'estate_profile_facts',
  final: true,
  join: `ANY LEFT JOIN (${PER_ESTATE}) AS parking USING estate_id`,
  metrics: {
    estates: { sql: 'count()', kind: 'count', description: 'estates' },
    estatesWithoutInfo: { sql: 'countIf(parking_filled_at = 0)', kind: 'count', description: 'estates that never filled their parking information in' },
    spaces: { sql: SPACES, kind: 'sum' },
    ownedSpaces: count('owned'),
    ownedShare: share('owned'),
    civilDefenseSpaces: count('civil_defense'),
    civilDefenseShare: share('civil_defense'),
    rentedSpaces: count('rented'),
    rentedShare: share('rented'),
    temporarySpaces: count('temporary'),
    temporaryShare: share('temporary'),
    chargingSpaces: count('charging'),
    chargingShare: share('charging'),
    otherSpaces: count('other'),
    otherShare: share('other'),
    households: { sql: 'sum(parking_households)', kind: 'sum' },
    spacesPerHousehold: { sql: `if(sum(parking_households) = 0, nan, ${SPACES} / sum(parking_households))`, kind: 'average', description: 'spaces per household; null without households' },
    disputes: { sql: 'sum(parking_disputes)', kind: 'count' },
    occupationDisputes: disputes('occupation'),
    feeDisputes: disputes('fee'),
    ownershipDisputes: disputes('ownership'),
    leaseSaleDisputes: disputes('lease_sale'),
    chargingDisputes: disputes('charging'),
    otherDisputes: disputes('other'),
  },
}
