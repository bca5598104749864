import type { HttpContext } from '@adonisjs/core/http'
import type { AreaEstateRow } from '@szpm/core'
import type User from '#models/user'
import Region from '#models/region'
import { findRegionInScope, userScope, type DataScope } from '#services/region_scope'
import { recordsFileName, streamExcel } from '#services/excel_export'
import { allAreaEstates, areaEstatePage } from '#modules/areas/area_estate_service'
import { AREA_ESTATE_EXPORT_COLUMNS, transformAreaEstate } from '#modules/areas/area_estate_transformer'
import { areaEstateListValidator } from '#modules/areas/area_validator'
import { parseMapShape } from '#modules/areas/spatial'

async function listScope(user: User, regionId: number | undefined): Promise<DataScope> {
  return regionId === undefined ? userScope(user) : findRegionInScope(user, regionId)
}

/** 物业区域 (`area_estates.*`): the estates of the scope by name, filters and a map query; its export. */
export default class AreaEstatesController {
  async index({ request, auth }: HttpContext) {
    const { region_id, page = 1, per_page = 20, bbox, polygon, point, ...filters } = await request.validateUsing(areaEstateListValidator, { data: request.qs() })
    const shape = parseMapShape({ bbox, polygon, point })
    const scope = await listScope(auth.getUserOrFail(), region_id)
    const { rows, total } = await areaEstatePage(scope, filters, shape, page, per_page)
    return { data: rows.map(transformAreaEstate), meta: { total, page, perPage: per_page } }
  }

  async export(ctx: HttpContext) {
    const { region_id, page: _page, per_page: _perPage, bbox, polygon, point, ...filters } = await ctx.request.validateUsing(areaEstateListValidator, { data: ctx.request.qs() })
    const shape = parseMapShape({ bbox, polygon, point })
    const user = ctx.auth.getUserOrFail()
    const scope = await listScope(user, region_id)
    const fileName = scope instanceof Region ? await recordsFileName('物业区域', user, scope) : '物业区域'
    async function* rows() {
      for await (const row of allAreaEstates(scope, filters, shape)) yield transformAreaEstate(row)
    }
    await streamExcel<AreaEstateRow>(ctx, fileName, '物业区域', AREA_ESTATE_EXPORT_COLUMNS, rows())
  }
}
