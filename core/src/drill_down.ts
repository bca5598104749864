/**
 * The region drill-down, framework-free: where a statistics row or crumb leads and what the name
 * column is called. Both apps' `useRegionDrillDown` composables keep the reactive state (the asked
 * region from `?region=`, the loaded rows and meta) and build their router locations from these.
 */
import type { RegionLevel, RegionRef } from './api/types.ts'
import { LEVEL_NAMES } from './labels.ts'

/** what every statistics answer carries beside its rows */
export interface DrillDownMeta<Totals = unknown> {
  region: RegionRef
  childLevel: RegionLevel
  breadcrumb: RegionRef[]
  totals: Totals
  freshAt: string | null
}

/** a child row: a region one level down, or an estate at the last level */
export interface DrillDownRow {
  id: number
  level: RegionLevel
  name: string
}

/** Where a row, crumb or number leads: the same page for another region, or the shared estate page. */
export type DrillTarget =
  | { readonly kind: 'region'; readonly query: Record<string, string> }
  | { readonly kind: 'estate'; readonly id: string; readonly query: Record<string, string> }

/** The same statistics page for region `id`, keeping the page's own query (e.g. the period). */
export function regionTarget(id: number, linkQuery: Record<string, string | undefined> = {}): DrillTarget {
  const query = Object.fromEntries(Object.entries(linkQuery).filter((entry): entry is [string, string] => entry[1] !== undefined))
  return { kind: 'region', query: { ...query, region: String(id) } }
}

/** The estate page on one module's tab. */
export function estateTarget(id: number | string, tab?: string): DrillTarget {
  return { kind: 'estate', id: String(id), query: tab ? { tab } : {} }
}

/** A row drills one level down, or opens the estate page at the last level. */
export function rowTarget(row: DrillDownRow, linkQuery: Record<string, string | undefined> = {}, estateTab?: string): DrillTarget {
  return row.level === 'estate' ? estateTarget(row.id, estateTab) : regionTarget(row.id, linkQuery)
}

/** The name column's header: the level of the rows shown (街道, 社区 …). */
export function childLevelName(meta: Pick<DrillDownMeta, 'childLevel'> | null | undefined): string {
  return meta ? LEVEL_NAMES[meta.childLevel] : '名称'
}
