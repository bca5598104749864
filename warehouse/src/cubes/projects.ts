import type { projects } from '@szpm/core'
import type { CubeDefinition, DeclaredMetric } from './types.ts'

/**
 * 项目管理: estates by type, companies and owners' committees (estate_profile_facts, one row per
 * estate), with the houses, households (houses with an owner) and area of the house register
 * (house_facts, one row per house) through its per-estate rollup house_estate_totals — a city-level
 * drill-down over the 3M raw house rows costs ~55 ms, through the rollup a join of two 5,598-row
 * tables (docs/benchmarks.md). An estate reads its place from its profile, so a moved estate's houses
 * count where it is now.
 */
export const cube: CubeDefinition<DeclaredMetric<typeof projects>> = {
  name: 'estate_profiles',
  table: 'estate_profile_facts',
  final: true,
  join: 'ANY LEFT JOIN (SELECT estate_id, houses AS house_count, households AS household_count, building_area AS house_area FROM house_estate_totals FINAL) AS house_totals USING estate_id',
  metrics: {
    estates: { sql: 'count()', kind: 'count', description: 'estates' },
    residentialEstates: { sql: "countIf(estate_type = '住宅')", kind: 'count' },
    commercialEstates: { sql: "countIf(estate_type = '商业')", kind: 'count' },
    officeEstates: { sql: "countIf(estate_type = '办公')", kind: 'count' },
    mixedEstates: { sql: "countIf(estate_type = '混合')", kind: 'count' },
    houses: { sql: 'sum(house_count)', kind: 'sum' },
    households: { sql: 'sum(household_count)', kind: 'sum' },
    buildingArea: { sql: 'sum(house_area)', kind: 'sum' },
    companies: { sql: "uniqExactIf(company_name, company_name != '')", kind: 'count', description: 'distinct property service companies' },
    withCommittee: { sql: 'countIf(has_committee = 1)', kind: 'count' },
    withoutCommittee: { sql: 'countIf(has_committee = 0)', kind: 'count' },
  },
}
