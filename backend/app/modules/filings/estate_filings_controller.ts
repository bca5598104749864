import type { HttpContext } from '@adonisjs/core/http'
import type User from '#models/user'
import { estateFilingListValidator } from '#modules/filings/filing_validator'
import { findRegionInScope } from '#services/region_scope'
import { estateFilingQuery } from '#modules/filings/estate_filing_query'
import { transformEstateFiling } from '#modules/filings/estate_filing_transformer'
import { inBatches, recordsFileName, streamExcel, type ExcelTable } from '#services/excel_export'
import clock from '#services/clock'
import { filings, recordsExportColumns, type EstateFilingRow } from '@szpm/core'

export default class EstateFilingsController {
  /** The PostgreSQL records behind a 备案情况 number, with the same region and status filters. */
  async index({ request, auth }: HttpContext) {
    const { region_id, page = 1, per_page = 20, ...filters } = await request.validateUsing(estateFilingListValidator, { data: request.qs() })
    const region = await findRegionInScope(auth.getUserOrFail(), region_id)
    const query = estateFilingQuery(region, filters, clock.today())
    const [{ total }] = await query.clone().clearOrder().count('* as total')
    const rows = await query.limit(per_page).offset((page - 1) * per_page)
    return { data: rows.map(transformEstateFiling), meta: { total: Number(total), page, perPage: per_page } }
  }

  /** the records export as a sheet: the download, or a background run of 导出中心 */
  static async table(user: User, qs: Record<string, unknown>): Promise<ExcelTable<EstateFilingRow>> {
    const { region_id, page: _page, per_page: _perPage, ...filters } = await estateFilingListValidator.validate(qs)
    const region = await findRegionInScope(user, region_id)
    const fileName = await recordsFileName('备案记录', user, region, filters.estate_id)
    const today = clock.today()
    async function* rows() {
      for await (const row of inBatches<Record<string, any>>(() => estateFilingQuery(region, filters, today))) yield transformEstateFiling(row)
    }
    const total = async () => {
      const [{ total: count }] = await estateFilingQuery(region, filters, today).clearOrder().count('* as total')
      return Number(count)
    }
    return { fileName, sheetName: '备案记录', columns: recordsExportColumns(filings.statistics!.records!), rows: rows(), total }
  }

  async export(ctx: HttpContext) {
    const sheet = await EstateFilingsController.table(ctx.auth.getUserOrFail(), ctx.request.qs())
    await streamExcel<EstateFilingRow>(ctx, sheet.fileName, sheet.sheetName, sheet.columns, sheet.rows)
  }
}
