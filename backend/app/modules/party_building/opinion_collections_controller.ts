import type { HttpContext } from '@adonisjs/core/http'
import clock from '#services/clock'
import { findRegionInScope } from '#services/region_scope'
import OpinionService from '#modules/party_building/opinion_service'
import { opinionCollectionListValidator, opinionStatsValidator } from '#modules/party_building/party_building_validator'

const service = new OpinionService()

/** 民意征集 (`opinion_collections.*`): the street's collections, one with its answers, and the numbers per region. */
export default class OpinionCollectionsController {
  async index({ request, auth }: HttpContext) {
    const { region_id, page = 1, per_page = 20, ...filters } = await request.validateUsing(opinionCollectionListValidator, { data: request.qs() })
    const region = await findRegionInScope(auth.getUserOrFail(), region_id)
    const { rows, total } = await service.list(region, filters, page, per_page, clock.today())
    return { data: rows, meta: { total, page, perPage: per_page } }
  }

  async show({ params, auth }: HttpContext) {
    return { data: await service.show(auth.getUserOrFail(), params.id, clock.today()), meta: {} }
  }

  async stats({ request, auth }: HttpContext) {
    const { region_id } = await request.validateUsing(opinionStatsValidator, { data: request.qs() })
    const region = await findRegionInScope(auth.getUserOrFail(), region_id)
    const { rows, totals, childLevel } = await service.stats(auth.getUserOrFail(), region)
    return { data: rows, meta: { totals, childLevel, region: { id: region.id, name: region.name, level: region.level } } }
  }
}
