import type Region from '#models/region'
import { regionStats } from '#statistics/region_stats'
import type { FilingMetrics } from '@szpm/core'

const METRICS = [
  'estates', 'contractFiled', 'contractExpired', 'contractNotFiled', 'contractRate',
  'assemblyFiled', 'assemblyNotFiled', 'assemblyRate',
] as const

/** 备案情况 statistics: always from the warehouse, grouped one level below the asked region. */
export default class FilingStatsService {
  forRegion(region: Region) {
    return regionStats<FilingMetrics & Record<string, number>>(region, { name: 'estate_filings', metrics: METRICS })
  }
}
