import type { HttpContext } from '@adonisjs/core/http'
import { estateFilingListValidator } from '#modules/filings/filing_validator'
import { findRegionInScope } from '#services/region_scope'
import { estateFilingQuery } from '#modules/filings/estate_filing_query'
import { transformEstateFiling } from '#modules/filings/estate_filing_transformer'
import { inBatches, recordsFileName, streamExcel } from '#services/excel_export'
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

  async export(ctx: HttpContext) {
    const { region_id, page: _page, per_page: _perPage, ...filters } = await ctx.request.validateUsing(estateFilingListValidator, { data: ctx.request.qs() })
    const user = ctx.auth.getUserOrFail()
    const region = await findRegionInScope(user, region_id)
    const fileName = await recordsFileName('备案记录', user, region, filters.estate_id)
    const today = clock.today()
    async function* rows() {
      for await (const row of inBatches<Record<string, any>>(() => estateFilingQuery(region, filters, today))) yield transformEstateFiling(row)
    }
    await streamExcel<EstateFilingRow>(ctx, fileName, '备案记录', recordsExportColumns(filings.statistics!.records!), rows())
  }
}
