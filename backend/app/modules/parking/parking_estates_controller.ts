import type { HttpContext } from '@adonisjs/core/http'
import { recordsExportColumns, recordsOfPage, parkingStatistics, type ParkingEstateRow } from '@szpm/core'
import type User from '#models/user'
import { findRegionInScope } from '#services/region_scope'
import { inBatches, recordsFileName, streamExcel, type ExcelTable } from '#services/excel_export'
import { parkingEstateListValidator } from '#modules/parking/parking_validator'
import { parkingEstateQuery, transformParkingEstate } from '#modules/parking/parking_estates_query'

const RECORDS = recordsOfPage(parkingStatistics, 'parking-estates')!

/** 车位信息填报情况 (`parking_estates.*`): the PostgreSQL estates behind 车位信息's estate counts, paged, and their export. */
export default class ParkingEstatesController {
  async index({ request, auth }: HttpContext) {
    const { region_id, page = 1, per_page = 20, ...filters } = await request.validateUsing(parkingEstateListValidator, { data: request.qs() })
    const region = await findRegionInScope(auth.getUserOrFail(), region_id)
    const query = parkingEstateQuery(region, filters)
    const [{ total }] = await query.clone().clearSelect().clearOrder().count('* as total')
    const rows = await query.limit(per_page).offset((page - 1) * per_page)
    return { data: rows.map(transformParkingEstate), meta: { total: Number(total), page, perPage: per_page } }
  }

  /** the list as a sheet (scope checked before anything streams) */
  static async table(user: User, qs: Record<string, unknown>): Promise<ExcelTable<ParkingEstateRow>> {
    const { region_id, page: _page, per_page: _perPage, ...filters } = await parkingEstateListValidator.validate(qs)
    const region = await findRegionInScope(user, region_id)
    const fileName = await recordsFileName(RECORDS.title, user, region, filters.estate_id)
    async function* rows() {
      for await (const row of inBatches<Record<string, any>>(() => parkingEstateQuery(region, filters))) yield transformParkingEstate(row)
    }
    const total = async () => {
      const [{ total: count }] = await parkingEstateQuery(region, filters).clearSelect().clearOrder().count('* as total')
      return Number(count)
    }
    return { fileName, sheetName: RECORDS.title, columns: recordsExportColumns(RECORDS), rows: rows(), total }
  }

  async export(ctx: HttpContext) {
    const sheet = await ParkingEstatesController.table(ctx.auth.getUserOrFail(), ctx.request.qs())
    await streamExcel<ParkingEstateRow>(ctx, sheet.fileName, sheet.sheetName, sheet.columns, sheet.rows)
  }
}
