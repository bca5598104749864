import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { drillDown, totals, childLevel } from '@szpm/warehouse'
import type { Warehouse } from '@szpm/warehouse'
import Region from '#models/region'
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

const EMPTY: FilingMetrics = {
  estates: 0, contractFiled: 0, contractExpired: 0, contractNotFiled: 0, contractRate: 0,
  assemblyFiled: 0, assemblyNotFiled: 0, assemblyRate: 0,
}

/**
 * Child regions come from PostgreSQL in their official order, with the warehouse's numbers
 * (zeros for a region without estates, which the fact table cannot know about).
 */
function inRegionOrder(children: Region[], facts: FilingStatsRow[], level: RegionLevel): FilingStatsRow[] {
  const byId = new Map(facts.map((row) => [row.id, row]))
  return children.map((child) => ({ ...EMPTY, ...byId.get(child.id), id: child.id, name: child.name, level }))
}

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
    const [rows, total, children] = await Promise.all([
      drillDown(warehouse, query as never),
      totals(warehouse, query as never),
      level === 'estate' ? null : Region.query().where('parent_id', region.id).orderBy('sort').orderBy('id'),
    ])
    const facts = (rows as unknown as FilingStatsRow[]).map((row) => ({ ...row, level }))
    return { level, rows: children ? inRegionOrder(children, facts, level) : facts, totals: total as unknown as FilingMetrics }
  }

  /** When the warehouse last applied a change (the ETL watermark's time). */
  async freshAt(): Promise<string | null> {
    const row = await db.from('etl_watermarks').where('name', 'outbox').select('updated_at').first()
    return row ? new Date(row.updated_at).toISOString() : null
  }
}
