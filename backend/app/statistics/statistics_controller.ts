import type { HttpContext } from '@adonisjs/core/http'
import type { ModuleDeclaration } from '@szpm/core'
import type User from '#models/user'
import { findRegionInScope } from '#services/region_scope'
import { streamExcel, type ExcelTable } from '#services/excel_export'
import { regionStatsValidator } from '#statistics/stats_validator'
import StatisticsService, { statisticsOf, type StatisticsQuery, type StatisticsResult } from '#statistics/statistics_service'
import { statisticsColumns, statisticsExportRows } from '#statistics/statistics_export'

/** What a statistics request asks for, read from its query string by the module's `statsParams`. */
export interface StatisticsParams extends StatisticsQuery {
  /** the asked region (absent = the user's own) */
  region_id?: number
  /** module-specific meta of the answer (e.g. the evaluation period), computed after scoping */
  meta?: () => Promise<Record<string, unknown>>
  /** appended to the export's file name (e.g. 2026年上半年) */
  fileSuffix?: string
}

/**
 * Validates a statistics request's query string (422 with the field named on a bad value). It takes
 * the query string, not the request: a scheduled export (导出中心) runs the same query later.
 */
export type StatsParams = (qs: Record<string, unknown>) => Promise<StatisticsParams>

/** The default: only `region_id`. A module with more filters or cube params passes its own. */
export const regionOnly: StatsParams = async (qs) => {
  const { region_id } = await regionStatsValidator.validate(qs)
  return { region_id }
}

/** The `{ data, meta }` answer of a statistics drill-down step. */
export function statisticsEnvelope(result: StatisticsResult, extra: Record<string, unknown> = {}) {
  return {
    data: result.rows,
    meta: { region: result.region, childLevel: result.level, breadcrumb: result.breadcrumb, totals: result.totals, freshAt: result.freshAt, ...extra },
  }
}

/**
 * The controller of a statistics module's two routes (`<module>_stats.index` and `.export`):
 * validate (the module's `statsParams`) → scope (`findRegionInScope`: a foreign region is a 404) →
 * StatisticsService → envelope / Excel. Everything else comes from the module's declaration.
 */
export function statisticsController(module: ModuleDeclaration, statsParams: StatsParams = regionOnly) {
  statisticsOf(module)
  const service = new StatisticsService()

  async function run(user: User, qs: Record<string, unknown>) {
    const params = await statsParams(qs)
    const region = await findRegionInScope(user, params.region_id)
    const result = await service.forRegion(user, region, module, { filters: params.filters, params: params.params })
    return { params, result }
  }

  /** the Excel sheet of the table for `user` (the download, a scheduled or background export) */
  async function table(user: User, qs: Record<string, unknown>): Promise<ExcelTable<ReturnType<typeof statisticsExportRows>[number]>> {
    const { params, result } = await run(user, qs)
    return {
      fileName: [module.name, result.region.name, params.fileSuffix].filter(Boolean).join('-'),
      sheetName: module.name,
      columns: statisticsColumns(module, result.level),
      rows: statisticsExportRows(result),
    }
  }

  return class StatisticsController {
    /** the module's statistics table as a sheet, for 导出中心 (scheduled and background exports) */
    static table = table

    /** the declared metrics per child region of the asked region (default: the user's own), with totals */
    async index({ request, auth }: HttpContext) {
      const { params, result } = await run(auth.getUserOrFail(), request.qs())
      return statisticsEnvelope(result, params.meta ? await params.meta() : {})
    }

    /** the same table as an .xlsx, declared columns, ending with the 合计 row */
    async export(ctx: HttpContext) {
      const sheet = await table(ctx.auth.getUserOrFail(), ctx.request.qs())
      await streamExcel(ctx, sheet.fileName, sheet.sheetName, sheet.columns, sheet.rows)
    }
  }
}
