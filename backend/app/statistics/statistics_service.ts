import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { drillDownWithTotals, childLevel } from '@szpm/warehouse'
import Region from '#models/region'
import type User from '#models/user'
import { breadcrumb, regionRef, userRegion } from '#services/region_scope'
import { fromWarehouse } from '#services/dependency_errors'
import type { ModuleDeclaration, RegionLevel, RegionRef, StatisticsDeclaration } from '@szpm/core'

/** The cube's own filters beyond the region (e.g. `{ year, half }`) and its declared params (e.g. `{ asOf }`). */
export interface StatisticsQuery {
  readonly filters?: Readonly<Record<string, number | string>>
  readonly params?: Readonly<Record<string, unknown>>
}

/** metric key → value; an average with nothing to average is null. Values are unrounded. */
export type MetricValues = Record<string, number | null>
export type StatisticsRow = MetricValues & { id: number; name: string; level: RegionLevel }

export interface StatisticsResult {
  /** the level of the rows (one below the asked region) */
  level: RegionLevel
  rows: StatisticsRow[]
  totals: MetricValues
  region: RegionRef
  breadcrumb: RegionRef[]
  /** when the warehouse last applied a change */
  freshAt: string | null
}

/** The module's statistics declaration; a module without one has no statistics routes. */
export function statisticsOf(module: ModuleDeclaration): StatisticsDeclaration {
  if (!module.statistics) throw new Error(`module ${module.slug} declares no statistics`)
  return module.statistics
}

/** When the warehouse last applied a change (the ETL watermark's time). */
export async function warehouseFreshAt(): Promise<string | null> {
  const row = await db.from('etl_watermarks').where('name', 'outbox').select('updated_at').first()
  return row ? new Date(row.updated_at).toISOString() : null
}

/**
 * One drill-down step of any statistics module, driven by its declaration: the declared metrics of
 * its cube for the children of `region` (already scoped to `user` by the caller), read from the
 * warehouse, plus the totals, the breadcrumb from the user's own region and the freshness.
 *
 * Child regions come from PostgreSQL in their official order, with zeros (null for averages) for a
 * region the fact table has no estates for; at the community level the rows are the estates the
 * warehouse knows. Nothing is rounded (see @szpm/core format.ts).
 */
export default class StatisticsService {
  async forRegion(user: User, region: Region, module: ModuleDeclaration, query: StatisticsQuery = {}): Promise<StatisticsResult> {
    const statistics = statisticsOf(module)
    const metrics = Object.keys(statistics.metrics)
    const warehouse = await app.container.make('warehouse')
    // the warehouse hierarchy starts at districts; the city's children are its districts. A module whose
    // levels end above the estate (平安建设: the community) shows a region of its last level as its one row
    const own = region.level === statistics.levels[statistics.levels.length - 1]
    const level = (own ? region.level : region.level === 'city' ? 'district' : childLevel(region.level as never)) as RegionLevel
    const request = {
      cube: statistics.cube,
      metrics,
      dimensions: [level] as never,
      filters: { ...query.filters, ...(region.level === 'city' ? {} : { [`${region.level}_id`]: region.id }) },
      params: query.params,
    }
    const [{ rows: facts, totals: total }, children, crumbs, freshAt] = await Promise.all([
      // one round trip for the rows and their totals; an unreachable ClickHouse is a 503 with a
      // Chinese message, never a 500 or a wrong number
      fromWarehouse(() => drillDownWithTotals(warehouse, request)),
      level === 'estate' ? null : own ? [region] : Region.query().where('parent_id', region.id).orderBy('sort').orderBy('id'),
      userRegion(user).then((root) => breadcrumb(region, root)),
      warehouseFreshAt(),
    ])
    // nothing to average is null, not 0
    const zero: MetricValues = Object.fromEntries(
      Object.entries(statistics.metrics).map(([key, metric]) => [key, metric.aggregation === 'average' ? null : 0])
    )
    const byId = new Map(facts.map((row) => [row.id, row]))
    const rows = (
      children
        ? children.map((child) => ({ ...zero, ...byId.get(child.id), id: child.id, name: child.name, level }))
        : facts.map((row) => ({ ...zero, ...row, level }))
    ) as StatisticsRow[]
    return { level, rows, totals: { ...zero, ...total }, region: regionRef(region), breadcrumb: crumbs, freshAt }
  }
}
