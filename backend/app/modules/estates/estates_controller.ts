import type { HttpContext } from '@adonisjs/core/http'
import { findEstateInScope, findRegionInScope } from '#services/region_scope'
import { transformEstate, transformEstateListRow } from '#modules/estates/estate_transformer'
import { estateListValidator } from '#modules/projects/estate_validator'
import { estateListQuery } from '#modules/projects/estate_list_query'
import { inBatches, recordsFileName, streamExcel } from '#services/excel_export'
import { personalData } from '#services/masking'
import type { EstateListRow } from '@szpm/core'

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

  async export(ctx: HttpContext) {
    const { region_id, page: _page, per_page: _perPage, ...filters } = await ctx.request.validateUsing(estateListValidator, { data: ctx.request.qs() })
    const user = ctx.auth.getUserOrFail()
    const region = await findRegionInScope(user, region_id)
    const fileName = await recordsFileName('物业项目', user, region, filters.estate_id)
    async function* rows() {
      for await (const row of inBatches<Record<string, any>>(() => estateListQuery(region, filters))) yield transformEstateListRow(row)
    }
    await streamExcel<EstateListRow>(ctx, fileName, '物业项目', [
      { header: '物业项目', width: 28, value: (r) => r.name },
      { header: '类型', value: (r) => r.type },
      { header: '所属区', value: (r) => r.districtName },
      { header: '所属街道', value: (r) => r.streetName },
      { header: '所属社区', value: (r) => r.communityName },
      { header: '地址', width: 36, value: (r) => r.address },
      { header: '建筑面积(㎡)', width: 16, value: (r) => r.buildingArea },
      { header: '房屋数', value: (r) => r.houseCount },
      { header: '户数', value: (r) => r.householdCount },
      { header: '物业服务企业', width: 32, value: (r) => r.companyName },
      { header: '项目经理', value: (r) => r.managerName },
      { header: '业委会', value: (r) => (r.hasCommittee ? '已成立' : '未成立') },
    ], rows())
  }

  async show(ctx: HttpContext) {
    const estate = await findEstateInScope(ctx.auth.getUserOrFail(), Number(ctx.params.id))
    await estate.load((loader) => loader.load('community').load('street').load('district'))
    const personal = await personalData(ctx, { target: `estates/${estate.id} 项目经理电话` })
    return { data: transformEstate(estate, personal), meta: {} }
  }
}
