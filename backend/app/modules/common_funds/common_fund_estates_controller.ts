import type { HttpContext } from '@adonisjs/core/http'
import type User from '#models/user'
import { commonFundEstateListValidator } from '#modules/common_funds/common_fund_validator'
import { commonFundEstateQuery } from '#modules/common_funds/common_fund_estate_query'
import { transformCommonFundEstate } from '#modules/common_funds/common_fund_transformer'
import { findRegionInScope } from '#services/region_scope'
import { inBatches, recordsFileName, streamExcel, type ExcelTable } from '#services/excel_export'
import clock from '#services/clock'
import commonFundsConfig from '#config/common_funds'
import { commonFunds, recordsExportColumns, type CommonFundEstateRow } from '@szpm/core'

export default class CommonFundEstatesController {
  /** The PostgreSQL records behind a 共有资金情况 number: the estates with their account, as of today. */
  async index({ request, auth }: HttpContext) {
    const { region_id, page = 1, per_page = 20, ...filters } = await request.validateUsing(commonFundEstateListValidator, { data: request.qs() })
    const region = await findRegionInScope(auth.getUserOrFail(), region_id)
    const query = commonFundEstateQuery(region, filters, clock.today(), commonFundsConfig.openDays)
    const [{ total }] = await query.clone().clearOrder().count('* as total')
    const rows = await query.limit(per_page).offset((page - 1) * per_page)
    return { data: rows.map(transformCommonFundEstate), meta: { total: Number(total), page, perPage: per_page } }
  }

  /** the records export as a sheet: the download, or a background run of 导出中心 */
  static async table(user: User, qs: Record<string, unknown>): Promise<ExcelTable<CommonFundEstateRow>> {
    const { region_id, page: _page, per_page: _perPage, ...filters } = await commonFundEstateListValidator.validate(qs)
    const region = await findRegionInScope(user, region_id)
    const fileName = await recordsFileName('共有资金账户', user, region, filters.estate_id)
    const today = clock.today()
    const build = () => commonFundEstateQuery(region, filters, today, commonFundsConfig.openDays)
    async function* rows() {
      for await (const row of inBatches<Record<string, any>>(build)) yield transformCommonFundEstate(row)
    }
    const total = async () => {
      const [{ total: count }] = await build().clearOrder().count('* as total')
      return Number(count)
    }
    return { fileName, sheetName: '共有资金账户', columns: recordsExportColumns(commonFunds.statistics!.records!), rows: rows(), total }
  }

  async export(ctx: HttpContext) {
    const sheet = await CommonFundEstatesController.table(ctx.auth.getUserOrFail(), ctx.request.qs())
    await streamExcel<CommonFundEstateRow>(ctx, sheet.fileName, sheet.sheetName, sheet.columns, sheet.rows)
  }
}
