import type Region from '#models/region'
import { regionStats } from '#statistics/region_stats'
import type { ProjectMetrics } from '@szpm/core'

const METRICS = [
  'estates', 'residentialEstates', 'commercialEstates', 'officeEstates', 'mixedEstates',
  'houses', 'households', 'buildingArea', 'companies', 'withCommittee', 'withoutCommittee',
] as const

/** 项目管理 statistics: estate profiles from the warehouse, grouped one level below the asked region. */
export default class ProjectStatsService {
  forRegion(region: Region) {
    return regionStats<ProjectMetrics & Record<string, number>>(region, { name: 'estate_profiles', metrics: METRICS })
  }
}
