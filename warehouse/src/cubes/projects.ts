import type { projects } from '@szpm/core'
import type { CubeDefinition, DeclaredMetric } from './types.ts'

/** 项目管理: estates by type, houses, households, area, companies and owners' committees (table estate_profile_facts). */
export const cube: CubeDefinition<DeclaredMetric<typeof projects>> = {
  name: 'estate_profiles',
  table: 'estate_profile_facts',
  final: true,
  metrics: {
    estates: { sql: 'count()', kind: 'count', description: 'estates' },
    residentialEstates: { sql: "countIf(estate_type = '住宅')", kind: 'count' },
    commercialEstates: { sql: "countIf(estate_type = '商业')", kind: 'count' },
    officeEstates: { sql: "countIf(estate_type = '办公')", kind: 'count' },
    mixedEstates: { sql: "countIf(estate_type = '混合')", kind: 'count' },
    houses: { sql: 'sum(house_count)', kind: 'sum' },
    households: { sql: 'sum(household_count)', kind: 'sum' },
    buildingArea: { sql: 'sum(building_area)', kind: 'sum' },
    companies: { sql: "uniqExactIf(company_name, company_name != '')", kind: 'count', description: 'distinct property service companies' },
    withCommittee: { sql: 'countIf(has_committee = 1)', kind: 'count' },
    withoutCommittee: { sql: 'countIf(has_committee = 0)', kind: 'count' },
  },
}
