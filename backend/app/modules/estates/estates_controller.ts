import type { HttpContext } from '@adonisjs/core/http'
import type User from '#models/user'
import { findEstateInScope, findRegionInScope } from '#services/region_scope'
import { ESTATE_EXPORT_COLUMNS } from '#modules/estates/estate_export_columns'
import { transformEstate, transformEstateListRow } from '#modules/estates/estate_transformer'
import { estateListValidator } from '#modules/projects/estate_validator'
import { estateListQuery } from '#modules/projects/estate_list_query'
import { inBatches, recordsFileName, streamExcel, type ExcelTable } from '#services/excel_export'
import { personalData } from '#services/masking'

export default class EstatesController {
  /** 项目管理's estate list: basic information of the region's estates, filtered and paginated. */
  async index({ request, auth }: HttpContext) {
    const { region_id, page = 1, per_page = 20, ...filters } = await request.validateUsing(estateListValidator, { data: request.qs() })
    const region = await findRegionInScope(auth.getUserOrFail(), region_id)
    const query = estateListQuery(region, filters)
    const [{ total }] = await query.clone().clearSelect().clearOrder().count('* as total')
    const rows = await query.limit(per_page).offset((page - 1) * per_page)
    return { data: rows.map(transformEstateListRow), meta: { total: Number(total), page, perPage: per_page } }
  }

  /** the estate list export as a sheet: the download, or a background run of 导出中心 */
  static async table(user: User, qs: Record<string, unknown>): Promise<ExcelTable<ReturnType<typeof transformEstateListRow>>> {
    const { region_id, page: _page, per_page: _perPage, ...filters } = await estateListValidator.validate(qs)
    const region = await findRegionInScope(user, region_id)
    const fileName = await recordsFileName('物业项目', user, region, filters.estate_id)
    async function* rows() {
      for await (const row of inBatches<Record<string, any>>(() => estateListQuery(region, filters))) yield transformEstateListRow(row)
    }
    const total = async () => {
      const [{ total: count }] = await estateListQuery(region, filters).clearSelect().clearOrder().count('* as total')
      return Number(count)
    }
    return { fileName, sheetName: '物业项目', columns: ESTATE_EXPORT_COLUMNS, rows: rows(), total }
  }

  async export(ctx: HttpContext) {
    const sheet = await EstatesController.table(ctx.auth.getUserOrFail(), ctx.request.qs())
    await streamExcel(ctx, sheet.fileName, sheet.sheetName, sheet.columns, sheet.rows)
  }

  async show(ctx: HttpContext) {
    const estate = await findEstateInScope(ctx.auth.getUserOrFail(), Number(ctx.params.id))
    await estate.load((loader) => loader.load('community').load('street').load('district'))
    const personal = await personalData(ctx, { target: `estates/${estate.id} 项目经理电话` })
    return { data: transformEstate(estate, personal), meta: {} }
  }
}
