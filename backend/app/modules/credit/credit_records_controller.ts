import type { HttpContext } from '@adonisjs/core/http'
import { creditStatistics, recordsExportColumns, type CreditRecordRow } from '@szpm/core'
import type User from '#models/user'
import clock from '#services/clock'
import { MASKED, personalData } from '#services/masking'
import { findRegionInScope } from '#services/region_scope'
import { inBatches, recordsFileName, streamExcel, type ExcelTable } from '#services/excel_export'
import { creditRecordListValidator } from '#modules/credit/credit_validator'
import { creditRecordQuery } from '#modules/credit/credit_record_query'
import { transformCreditRecord } from '#modules/credit/credit_transformer'

/** 信用记录 (`credit_records.*`): the PostgreSQL credit records behind a 信用信息统计 number, paged, and its export. */
export default class CreditRecordsController {
  async index(ctx: HttpContext) {
    const { request, auth } = ctx
    const { region_id, page = 1, per_page = 20, ...filters } = await request.validateUsing(creditRecordListValidator, { data: request.qs() })
    const region = await findRegionInScope(auth.getUserOrFail(), region_id)
    const asOf = clock.today()
    const query = creditRecordQuery(region, filters, asOf)
    const [{ total }] = await query.clone().clearSelect().clearOrder().count('* as total')
    const rows = await query.limit(per_page).offset((page - 1) * per_page)
    const personal = await personalData(ctx, { target: '信用记录' })
    return { data: rows.map((row) => transformCreditRecord(row, asOf, personal)), meta: { total: Number(total), page, perPage: per_page } }
  }

  /** the records export as a sheet: the download, or a background run of 导出中心 (ID numbers masked) */
  static async table(user: User, qs: Record<string, unknown>): Promise<ExcelTable<CreditRecordRow>> {
    const { region_id, page: _page, per_page: _perPage, ...filters } = await creditRecordListValidator.validate(qs)
    const region = await findRegionInScope(user, region_id)
    const asOf = clock.today()
    const fileName = await recordsFileName('信用记录', user, region, filters.estate_id)
    async function* rows() {
      for await (const row of inBatches<Record<string, any>>(() => creditRecordQuery(region, filters, asOf))) yield transformCreditRecord(row, asOf, MASKED)
    }
    const total = async () => {
      const [{ total: count }] = await creditRecordQuery(region, filters, asOf).clearSelect().clearOrder().count('* as total')
      return Number(count)
    }
    return { fileName, sheetName: '信用记录', columns: recordsExportColumns(creditStatistics.records!), rows: rows(), total }
  }

  async export(ctx: HttpContext) {
    const sheet = await CreditRecordsController.table(ctx.auth.getUserOrFail(), ctx.request.qs())
    await streamExcel<CreditRecordRow>(ctx, sheet.fileName, sheet.sheetName, sheet.columns, sheet.rows)
  }
}
