import type { HttpContext } from '@adonisjs/core/http'
import { recordsExportColumns, staff, type StaffRecordRow } from '@szpm/core'
import type User from '#models/user'
import clock from '#services/clock'
import { findRegionInScope } from '#services/region_scope'
import { inBatches, recordsFileName, streamExcel, type ExcelTable } from '#services/excel_export'
import { MASKED, personalData } from '#services/masking'
import { staffRecordListValidator } from '#modules/staff/staff_validator'
import { staffRecordQuery } from '#modules/staff/staff_records_query'
import { transformStaffRecord } from '#modules/staff/staff_transformer'

/** 从业人员名单 (`staff_records.*`): the PostgreSQL practitioners behind a 从业人员信息 number, paged, and its export. */
export default class StaffRecordsController {
  async index(ctx: HttpContext) {
    const { request, auth } = ctx
    const { region_id, page = 1, per_page = 20, ...filters } = await request.validateUsing(staffRecordListValidator, { data: request.qs() })
    const region = await findRegionInScope(auth.getUserOrFail(), region_id)
    const query = staffRecordQuery(region, filters, clock.today())
    const [{ total }] = await query.clone().clearSelect().clearOrder().count('* as total')
    const rows = await query.limit(per_page).offset((page - 1) * per_page)
    const view = await personalData(ctx, { target: '从业人员名单' })
    return { data: rows.map((row) => transformStaffRecord(row, view)), meta: { total: Number(total), page, perPage: per_page } }
  }

  /** the records export as a sheet (masked): the download, or a background run of 导出中心 */
  static async table(user: User, qs: Record<string, unknown>): Promise<ExcelTable<StaffRecordRow>> {
    const { region_id, page: _page, per_page: _perPage, ...filters } = await staffRecordListValidator.validate(qs)
    const region = await findRegionInScope(user, region_id)
    const fileName = await recordsFileName('从业人员名单', user, region, filters.estate_id)
    const today = clock.today()
    async function* rows() {
      for await (const row of inBatches<Record<string, any>>(() => staffRecordQuery(region, filters, today))) yield transformStaffRecord(row, MASKED)
    }
    const total = async () => {
      const [{ total: count }] = await staffRecordQuery(region, filters, today).clearSelect().clearOrder().count('* as total')
      return Number(count)
    }
    return { fileName, sheetName: '从业人员名单', columns: recordsExportColumns(staff.statistics!.records!), rows: rows(), total }
  }

  async export(ctx: HttpContext) {
    const sheet = await StaffRecordsController.table(ctx.auth.getUserOrFail(), ctx.request.qs())
    await streamExcel<StaffRecordRow>(ctx, sheet.fileName, sheet.sheetName, sheet.columns, sheet.rows)
  }
}
