import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { drillDown, totals, childLevel, cubes } from '@szpm/warehouse'
import Region from '#models/region'
import type User from '#models/user'
import type { HttpContext } from '@adonisjs/core/http'
import { breadcrumb, findRegionInScope, regionRef, userRegion } from '#services/region_scope'
import { regionStatsValidator } from '#statistics/stats_validator'
import type { RegionLevel } from '@szpm/core'

/**
 * One drill-down step for any statistics module: the numbers of `cube` for the children of a
 * region, read from the warehouse, plus the totals. Child regions come from PostgreSQL in their
 * official order, with zeros (null for averages) for a region the fact table has no estates for.
 *
 * `filters` are the cube's own filters beyond the region (e.g. `{ year, half }`), `params` its
 * declared parameters (e.g. `{ asOf }`); both are validated and bound by the warehouse query layer.
 */
export async function regionStats<Metrics extends Record<string, number | null>>(
  region: Region,
  cube: {
    name: string
    metrics: readonly (keyof Metrics & string)[]
    filters?: Record<string, number | string>
    params?: Record<string, unknown>
  }
) {
  const warehouse = await app.container.make('warehouse')
  // the warehouse hierarchy starts at districts; the city's children are its districts
  const level = (region.level === 'city' ? 'district' : childLevel(region.level as never)) as RegionLevel
  const query = {
    cube: cube.name,
    metrics: [...cube.metrics],
    dimensions: [level] as never,
    filters: { ...cube.filters, ...(region.level === 'city' ? {} : { [`${region.level}_id`]: region.id }) },
    params: cube.params,
  }
  const [facts, total, children] = await Promise.all([
    drillDown(warehouse, query),
    totals(warehouse, query),
    level === 'estate' ? null : Region.query().where('parent_id', region.id).orderBy('sort').orderBy('id'),
  ])
  // nothing to average is null, not 0
  const empty = (metric: string) => (cubes[cube.name]?.metrics[metric]?.kind === 'average' ? null : 0)
  const zero = Object.fromEntries(cube.metrics.map((metric) => [metric, empty(metric)])) as Metrics
  type Row = Metrics & { id: number; name: string; level: RegionLevel }
  const rows: Row[] = children
    ? (() => {
        const byId = new Map(facts.map((row) => [row.id, row]))
        return children.map((child) => ({ ...zero, ...byId.get(child.id), id: child.id, name: child.name, level }) as Row)
      })()
    : facts.map((row) => ({ ...row, level }) as unknown as Row)
  return { level, rows, totals: { ...zero, ...total } as Metrics }
}

/** When the warehouse last applied a change (the ETL watermark's time). */
export async function warehouseFreshAt(): Promise<string | null> {
  const row = await db.from('etl_watermarks').where('name', 'outbox').select('updated_at').first()
  return row ? new Date(row.updated_at).toISOString() : null
}

/** The `{ data, meta }` answer of a statistics drill-down step, with breadcrumb and freshness. */
export async function statsEnvelope<Row, Metrics>(
  user: User,
  region: Region,
  result: { level: RegionLevel; rows: Row[]; totals: Metrics }
) {
  const [crumbs, freshAt] = await Promise.all([userRegion(user).then((root) => breadcrumb(region, root)), warehouseFreshAt()])
  return {
    data: result.rows,
    meta: { region: regionRef(region), childLevel: result.level, breadcrumb: crumbs, totals: result.totals, freshAt },
  }
}

type Compute<Row, Metrics> = (region: Region) => Promise<{ level: RegionLevel; rows: Row[]; totals: Metrics }>

/** The shared first steps of a statistics action: validate `region_id`, scope it, compute. */
export async function regionStatsFor<Row, Metrics>({ request, auth }: HttpContext, compute: Compute<Row, Metrics>) {
  const { region_id } = await request.validateUsing(regionStatsValidator, { data: request.qs() })
  const user = auth.getUserOrFail()
  const region = await findRegionInScope(user, region_id)
  return { user, region, result: await compute(region) }
}

/** The `index` action of every statistics controller: validate, scope, compute, answer. */
export async function regionStatsIndex<Row, Metrics>(ctx: HttpContext, compute: Compute<Row, Metrics>) {
  const { user, region, result } = await regionStatsFor(ctx, compute)
  return statsEnvelope(user, region, result)
}
