import type { HttpContext } from '@adonisjs/core/http'
import type { EquipmentRow } from '@szpm/core'
import type User from '#models/user'
import Region from '#models/region'
import { findRegionInScope, userScope, type DataScope } from '#services/region_scope'
import { inBatches, recordsFileName, streamExcel } from '#services/excel_export'
import EquipmentService from '#modules/areas/equipment_service'
import { equipmentQuery } from '#modules/areas/equipment_query'
import { EQUIPMENT_EXPORT_COLUMNS, transformEquipment } from '#modules/areas/equipment_transformer'
import { createEquipmentValidator, destroyEquipmentValidator, equipmentListValidator, updateEquipmentValidator } from '#modules/areas/equipment_validator'

/** the list's scope: the region asked for (inside the user's; 404 otherwise), else the user's own scope */
async function listScope(user: User, regionId: number | undefined): Promise<DataScope> {
  return regionId === undefined ? userScope(user) : findRegionInScope(user, regionId)
}

/** 设施设备 (`equipment.*`): the list with its filters, its export, add / edit (version) / delete. */
export default class EquipmentController {
  #service = new EquipmentService()

  async index({ request, auth }: HttpContext) {
    const { region_id, page = 1, per_page = 20, ...filters } = await request.validateUsing(equipmentListValidator, { data: request.qs() })
    const query = equipmentQuery(await listScope(auth.getUserOrFail(), region_id), filters)
    const [{ total }] = await query.clone().clearSelect().clearOrder().count('* as total')
    const rows = await query.limit(per_page).offset((page - 1) * per_page)
    return { data: rows.map(transformEquipment), meta: { total: Number(total), page, perPage: per_page } }
  }

  async export(ctx: HttpContext) {
    const { region_id, page: _page, per_page: _perPage, ...filters } = await ctx.request.validateUsing(equipmentListValidator, { data: ctx.request.qs() })
    const user = ctx.auth.getUserOrFail()
    // scope (and the estate filter's scope) is checked before the download starts
    const scope = await listScope(user, region_id)
    const fileName = scope instanceof Region ? await recordsFileName('设施设备', user, scope, filters.estate_id) : '设施设备'
    async function* rows() {
      for await (const row of inBatches<Record<string, any>>(() => equipmentQuery(scope, filters))) yield transformEquipment(row)
    }
    await streamExcel<EquipmentRow>(ctx, fileName, '设施设备', EQUIPMENT_EXPORT_COLUMNS, rows())
  }

  async store({ request, auth, response }: HttpContext) {
    const { estate_id, ...input } = await request.validateUsing(createEquipmentValidator)
    const user = auth.getUserOrFail()
    const id = await this.#service.create(user, estate_id, input)
    return response.created({ data: await this.#row(user, id), meta: {} })
  }

  async update({ request, params, auth }: HttpContext) {
    const input = await request.validateUsing(updateEquipmentValidator)
    const user = auth.getUserOrFail()
    const id = await this.#service.update(user, Number(params.id), input)
    return { data: await this.#row(user, id), meta: {} }
  }

  async destroy({ request, params, auth }: HttpContext) {
    const { version } = await request.validateUsing(destroyEquipmentValidator)
    await this.#service.destroy(auth.getUserOrFail(), Number(params.id), version)
    return { data: { id: Number(params.id) }, meta: {} }
  }

  async #row(user: User, id: number) {
    const row = await equipmentQuery(await userScope(user), {}).where('q.id', id).first()
    return transformEquipment(row)
  }
}
