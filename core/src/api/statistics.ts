/**
 * Generic calls of any declared statistics module: its per-region statistics, their export, and the
 * records list (穿透) behind the numbers with its export. Paths come from the module's route
 * declarations (`routeByName`), so a new statistics module needs no method of its own here.
 *
 * Convention: a statistics module declares `GET stats/<slug>` and `GET stats/<slug>/export`;
 * its records list and export are the routes named in `statistics.records`.
 */
import { moduleBySlug, recordsOfPage, routeByName } from '../modules/index.ts'
import type { ModuleDeclaration, RecordsDeclaration, RouteDeclaration, StatisticsDeclaration } from '../modules/types.ts'
import type { PageMeta, RegionLevel, RegionRef } from './types.ts'
import { routePath, withQuery, type Http, type Query } from './http.ts'

/** one child row of a statistics table: a region one level down, or an estate at the last level */
export type StatsRow = { id: number; level: RegionLevel; name: string } & Record<string, number | null>

/** what every statistics route answers beside its rows */
export interface StatsMeta {
  region: RegionRef
  childLevel: RegionLevel
  breadcrumb: RegionRef[]
  totals: Record<string, number | null>
  /** ISO time of the newest change the warehouse has applied, or null */
  freshAt: string | null
  /** module-specific context (e.g. the evaluation period the numbers are for) */
  [key: string]: unknown
}

/** one record of a records list; the declared columns say which fields are shown */
export type RecordRow = Record<string, unknown>

export type RecordsMeta = PageMeta & Record<string, unknown>

/** the module of a slug and its statistics, or an error naming what is missing */
export function statisticsOf(slug: string): { module: ModuleDeclaration; statistics: StatisticsDeclaration } {
  const module = moduleBySlug(slug)
  if (!module?.statistics) throw new Error(`module "${slug}" declares no statistics`)
  return { module, statistics: module.statistics }
}

/** its records list (`page`: one of its `moreRecords`; absent = the main list), or an error */
export function recordsOf(slug: string, page?: string): RecordsDeclaration {
  const records = recordsOfPage(statisticsOf(slug).statistics, page)
  if (!records) throw new Error(`module "${slug}" declares no records list${page ? ` on page "${page}"` : ''}`)
  return records
}

/** the statistics route of a module and of its export (by the `stats/<slug>` convention) */
export function statisticsRoutes(slug: string): { index: RouteDeclaration; export: RouteDeclaration } {
  const { module } = statisticsOf(slug)
  const find = (path: string) => {
    const route = (module.routes ?? []).find((candidate) => candidate.method === 'GET' && candidate.path === path)
    if (!route) throw new Error(`module "${slug}" declares no route GET ${path}`)
    return route
  }
  return { index: find(`stats/${slug}`), export: find(`stats/${slug}/export`) }
}

/** does the route read this query key (declared in its `query`)? */
export function routeReads(name: string, key: string): boolean {
  return routeByName(name)?.query?.includes(key) ?? false
}

/** The statistics and records calls of any module, bound to one client (or its fetch core). */
export function statisticsApi(client: Pick<Http, 'request' | 'downloadUrl'>) {
  const get = <T, M>(name: string, query: Query) => client.request<T, M>('GET', withQuery(routePath(name), query))
  return {
    /** the child rows of a region (absent = the user's own) and the totals, breadcrumb and freshness */
    stats: (slug: string, query: Query = {}) => get<StatsRow[], StatsMeta>(statisticsRoutes(slug).index.name, query),
    statsExportUrl: (slug: string, query: Query = {}) => client.downloadUrl(routePath(statisticsRoutes(slug).export.name), query),
    /** one page of the records behind the numbers (`page`: a list of `moreRecords`; absent = the main list) */
    records: (slug: string, query: Query = {}, page?: string) => get<RecordRow[], RecordsMeta>(recordsOf(slug, page).list, query),
    recordsExportUrl: (slug: string, query: Query = {}, page?: string) => client.downloadUrl(routePath(recordsOf(slug, page).export), query),
  }
}

export type StatisticsApi = ReturnType<typeof statisticsApi>
