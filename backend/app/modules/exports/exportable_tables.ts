/**
 * What 导出中心 can export: every declared statistics table (a live module with statistics and a
 * `stats/<…>/export` route) and every declared records list (穿透, `statistics.records.export`),
 * produced by that route's own controller (its static `table`), so a background file equals the
 * download of the page, column for column, under the same scope and filters.
 */
import { STATISTICS_MODULES, routeFeatures, type ModuleDeclaration, type RouteDeclaration } from '@szpm/core'
import type User from '#models/user'
import type { ExcelTable } from '#services/excel_export'
import { userFeatures } from '#services/roles'
import { loadRouteHandlers } from '#start/route_handlers'

/** a module's statistics table (per region, subscribable) or its records list (filters, on demand) */
export type TableKind = 'statistics' | 'records'
export const TABLE_KINDS: readonly TableKind[] = ['statistics', 'records']

export interface ExportableTable {
  module: ModuleDeclaration
  kind: TableKind
  /** the export route (`filing_stats.export`, `estate_filings.export`) */
  route: RouteDeclaration
  /** 备案情况统计 / 备案记录 */
  title: string
}

type TableProducer = (user: User, qs: Record<string, unknown>) => Promise<ExcelTable<any>>

const STATS_EXPORT_PATH = /^stats\/[^/]+\/export$/

/** every exportable table, manual order */
export function exportableTables(): ExportableTable[] {
  return STATISTICS_MODULES.flatMap((module): ExportableTable[] => {
    const statistics = (module.routes ?? []).find((candidate) => candidate.method === 'GET' && STATS_EXPORT_PATH.test(candidate.path))
    const records = module.statistics?.records
    const recordsRoute = records ? (module.routes ?? []).find((candidate) => candidate.name === records.export) : undefined
    return [
      ...(statistics ? [{ module, kind: 'statistics' as const, route: statistics, title: module.statistics!.title }] : []),
      ...(records && recordsRoute ? [{ module, kind: 'records' as const, route: recordsRoute, title: records.title }] : []),
    ]
  })
}

export function exportableTable(slug: string, kind: TableKind = 'statistics'): ExportableTable | undefined {
  return exportableTables().find((table) => table.module.slug === slug && table.kind === kind)
}

/** may `user` export it (any feature of the route's access)? */
export function mayExport(user: User, table: ExportableTable): boolean {
  const held = new Set(userFeatures(user))
  return routeFeatures(table.route).some((feature) => held.has(feature))
}

/** the tables `user` may export (of one kind) */
export function tablesFor(user: User, kind?: TableKind): ExportableTable[] {
  return exportableTables().filter((table) => (!kind || table.kind === kind) && mayExport(user, table))
}

let handlers: ReturnType<typeof loadRouteHandlers> | undefined

/** the sheet producer of a table: its export route's controller, which scopes to the user like the download */
export async function tableProducer(table: ExportableTable): Promise<TableProducer> {
  handlers ??= loadRouteHandlers()
  const handler = (await handlers).get(table.route.name)
  if (!handler) throw new Error(`no handler for ${table.route.name}`)
  const controller = (await handler[0]()).default as { table?: TableProducer }
  if (typeof controller.table !== 'function') throw new Error(`${table.route.name}: its controller has no static table()`)
  return controller.table
}
