import type { HttpContext } from '@adonisjs/core/http'
import { parkingStatistics, recordsExportColumns, type ParkingSpaceRow } from '@szpm/core'
import type User from '#models/user'
import { findRegionInScope } from '#services/region_scope'
import { inBatches, recordsFileName, streamExcel, type ExcelTable } from '#services/excel_export'
import { parkingSpaceListValidator } from '#modules/parking/parking_validator'
import { parkingSpaceQuery } from '#modules/parking/parking_space_query'
import { transformParkingSpace } from '#modules/parking/parking_transformer'

/** 车位信息列表 (`parking_spaces.*`): the PostgreSQL parking spaces behind a 车位信息统计情况 number, paged, and its export. */
export default class ParkingSpacesController {
  async index({ request, auth }: HttpContext) {
    const { region_id, page = 1, per_page = 20, ...filters } = await request.validateUsing(parkingSpaceListValidator, { data: request.qs() })
    const region = await findRegionInScope(auth.getUserOrFail(), region_id)
    const query = parkingSpaceQuery(region, filters)
    const [{ total }] = await query.clone().clearSelect().clearOrder().count('* as total')
    const rows = await query.limit(per_page).offset((page - 1) * per_page)
    return { data: rows.map(transformParkingSpace), meta: { total: Number(total), page, perPage: per_page } }
  }

  /** the records export as a sheet: the download, or a background run of 导出中心 */
  static async table(user: User, qs: Record<string, unknown>): Promise<ExcelTable<ParkingSpaceRow>> {
    const { region_id, page: _page, per_page: _perPage, ...filters } = await parkingSpaceListValidator.validate(qs)
    const region = await findRegionInScope(user, region_id)
    const fileName = await recordsFileName('车位信息', user, region, filters.estate_id)
    async function* rows() {
      for await (const row of inBatches<Record<string, any>>(() => parkingSpaceQuery(region, filters))) yield transformParkingSpace(row)
    }
    const total = async () => {
      const [{ total: count }] = await parkingSpaceQuery(region, filters).clearSelect().clearOrder().count('* as total')
      return Number(count)
    }
    return { fileName, sheetName: '车位信息', columns: recordsExportColumns(parkingStatistics.records!), rows: rows(), total }
  }

  async export(ctx: HttpContext) {
    const sheet = await ParkingSpacesController.table(ctx.auth.getUserOrFail(), ctx.request.qs())
    await streamExcel<ParkingSpaceRow>(ctx, sheet.fileName, sheet.sheetName, sheet.columns, sheet.rows)
  }
}
