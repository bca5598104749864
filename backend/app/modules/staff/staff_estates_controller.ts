import type { HttpContext } from '@adonisjs/core/http'
import { recordsExportColumns, recordsOfPage, staffStatistics, type StaffEstateRow } from '@szpm/core'
import type User from '#models/user'
import clock from '#services/clock'
import { findRegionInScope } from '#services/region_scope'
import { inBatches, recordsFileName, streamExcel, type ExcelTable } from '#services/excel_export'
import { staffEstateListValidator } from '#modules/staff/staff_validator'
import { staffEstateQuery, transformStaffEstate } from '#modules/staff/staff_estates_query'

const RECORDS = recordsOfPage(staffStatistics, 'staff-estates')!

/** 从业人员信息填报情况 (`staff_estates.*`): the PostgreSQL estates behind 从业人员信息's estate counts, paged, and their export. */
export default class StaffEstatesController {
  async index({ request, auth }: HttpContext) {
    const { region_id, page = 1, per_page = 20, ...filters } = await request.validateUsing(staffEstateListValidator, { data: request.qs() })
    const region = await findRegionInScope(auth.getUserOrFail(), region_id)
    const query = staffEstateQuery(region, filters, clock.today())
    const [{ total }] = await query.clone().clearSelect().clearOrder().count('* as total')
    const rows = await query.limit(per_page).offset((page - 1) * per_page)
    return { data: rows.map(transformStaffEstate), meta: { total: Number(total), page, perPage: per_page } }
  }

  /** the list as a sheet (scope checked before anything streams) */
  static async table(user: User, qs: Record<string, unknown>): Promise<ExcelTable<StaffEstateRow>> {
    const { region_id, page: _page, per_page: _perPage, ...filters } = await staffEstateListValidator.validate(qs)
    const region = await findRegionInScope(user, region_id)
    const fileName = await recordsFileName(RECORDS.title, user, region, filters.estate_id)
    const today = clock.today()
    async function* rows() {
      for await (const row of inBatches<Record<string, any>>(() => staffEstateQuery(region, filters, today))) yield transformStaffEstate(row)
    }
    const total = async () => {
      const [{ total: count }] = await staffEstateQuery(region, filters, today).clearSelect().clearOrder().count('* as total')
      return Number(count)
    }
    return { fileName, sheetName: RECORDS.title, columns: recordsExportColumns(RECORDS), rows: rows(), total }
  }

  async export(ctx: HttpContext) {
    const sheet = await StaffEstatesController.table(ctx.auth.getUserOrFail(), ctx.request.qs())
    await streamExcel<StaffEstateRow>(ctx, sheet.fileName, sheet.sheetName, sheet.columns, sheet.rows)
  }
}
