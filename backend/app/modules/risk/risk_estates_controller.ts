import type { HttpContext } from '@adonisjs/core/http'
import { recordsExportColumns, riskStatistics, type RiskEstateRow } from '@szpm/core'
import type User from '#models/user'
import { findEstateInScope, findRegionInScope } from '#services/region_scope'
import { inBatches, recordsFileName, streamExcel, type ExcelTable } from '#services/excel_export'
import { riskEstateListValidator } from '#modules/risk/risk_validator'
import { riskEstateQuery } from '#modules/risk/risk_estate_query'
import { transformRiskEstate } from '#modules/risk/risk_transformer'

/** 风险预警物业项目 (`risk_estates.*`): the estates of the latest run behind a 风险预警统计 number, paged, and its export. */
export default class RiskEstatesController {
  async index({ request, auth }: HttpContext) {
    const { region_id, page = 1, per_page = 20, ...filters } = await request.validateUsing(riskEstateListValidator, { data: request.qs() })
    const user = auth.getUserOrFail()
    const region = await findRegionInScope(user, region_id)
    // an estate outside the user's region is a 404, like a missing one
    if (filters.estate_id) await findEstateInScope(user, filters.estate_id)
    const query = riskEstateQuery(region, filters)
    const [{ total }] = await query.clone().clearSelect().clearOrder().count('* as total')
    const rows = await query.limit(per_page).offset((page - 1) * per_page)
    return { data: rows.map(transformRiskEstate), meta: { total: Number(total), page, perPage: per_page } }
  }

  /** the list as a sheet: the download, or a background run of 导出中心 */
  static async table(user: User, qs: Record<string, unknown>): Promise<ExcelTable<RiskEstateRow>> {
    const { region_id, page: _page, per_page: _perPage, ...filters } = await riskEstateListValidator.validate(qs)
    const region = await findRegionInScope(user, region_id)
    if (filters.estate_id) await findEstateInScope(user, filters.estate_id)
    const fileName = await recordsFileName('风险预警物业项目', user, region, filters.estate_id)
    async function* rows() {
      for await (const row of inBatches<Record<string, any>>(() => riskEstateQuery(region, filters))) yield transformRiskEstate(row)
    }
    const total = async () => {
      const [{ total: count }] = await riskEstateQuery(region, filters).clearSelect().clearOrder().count('* as total')
      return Number(count)
    }
    return { fileName, sheetName: '风险预警物业项目', columns: recordsExportColumns(riskStatistics.records!), rows: rows(), total }
  }

  async export(ctx: HttpContext) {
    const sheet = await RiskEstatesController.table(ctx.auth.getUserOrFail(), ctx.request.qs())
    await streamExcel<RiskEstateRow>(ctx, sheet.fileName, sheet.sheetName, sheet.columns, sheet.rows)
  }
}
