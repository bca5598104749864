import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { drillDown, totals, childLevel } from '@szpm/warehouse'
import type { Warehouse } from '@szpm/warehouse'
import type Region from '#models/region'
import type { FilingMetrics, FilingStatsRow, RegionLevel } from '../../client/types.ts'

const METRICS = [
  'estates',
  'contractFiled',
  'contractExpired',
  'contractNotFiled',
  'contractRate',
  'assemblyFiled',
  'assemblyNotFiled',
  'assemblyRate',
] as const

/** The warehouse filter that pins a region's subtree. */
function regionFilter(region: Region): Record<string, number> {
  if (region.level === 'city') return {}
  return { [`${region.level}_id`]: region.id }
}

/**
 * 备案情况 statistics: always from the warehouse, grouped one level below the asked region.
 */
export default class FilingStatsService {
  async forRegion(region: Region) {
    const warehouse = await app.container.make('warehouse') as Warehouse
    // the warehouse hierarchy starts at districts; the city's children are its districts
    const level = (region.level === 'city' ? 'district' : childLevel(region.level as never)) as RegionLevel
    const query = { cube: 'estate_filings', metrics: [...METRICS], dimensions: [level], filters: regionFilter(region) }
    const [rows, total] = await Promise.all([drillDown(warehouse, query as never), totals(warehouse, query as never)])
    return {
      level,
      rows: (rows as unknown as Record<string, unknown>[]).map((row) => ({ ...row, level }) as unknown as FilingStatsRow),
      totals: total as unknown as FilingMetrics,
    }
  }

  /** When the warehouse last applied a change (the ETL watermark's time). */
  async freshAt(): Promise<string | null> {
    const row = await db.from('etl_watermarks').where('name', 'outbox').select('updated_at').first()
    return row ? new Date(row.updated_at).toISOString() : null
  }
}
