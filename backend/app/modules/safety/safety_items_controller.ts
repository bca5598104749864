import type { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { transformSafetyItem } from '#modules/safety/safety_transformer'
import { safetyItemListValidator, safetyItemStoreValidator, safetyItemUpdateValidator } from '#modules/safety/safety_validator'
import SafetyService, { currentSafetyYear } from '#modules/safety/safety_service'

/** an item with how many communities it has and how many of them are scored */
function itemRows() {
  return db
    .from('safety_items as i')
    .select('i.*')
    .select(
      db.raw('(SELECT count(*)::int FROM safety_assessments a WHERE a.item_id = i.id) AS communities'),
      db.raw('(SELECT count(*)::int FROM safety_assessments a WHERE a.item_id = i.id AND a.score IS NOT NULL) AS scored')
    )
}

/** 考核内容 (`safety_items.*`): a year's assessment items, and the city administrator's configuration of them. */
export default class SafetyItemsController {
  async index({ request }: HttpContext) {
    const { year = currentSafetyYear() } = await request.validateUsing(safetyItemListValidator, { data: request.qs() })
    const rows = await itemRows().where('i.year', year).orderBy('i.sort_order').orderBy('i.id')
    const years = await db.from('safety_items').distinct('year').orderBy('year', 'desc')
    const locked = rows.some((row) => Number(row.scored) > 0)
    return {
      data: rows.map(transformSafetyItem),
      meta: { year, currentYear: currentSafetyYear(), years: years.map((row) => Number(row.year)), locked },
    }
  }

  async store({ request, auth, response }: HttpContext) {
    const input = await request.validateUsing(safetyItemStoreValidator)
    const id = await (await app.container.make(SafetyService)).storeItem(auth.getUserOrFail(), input)
    response.status(201)
    return { data: transformSafetyItem(await itemRows().where('i.id', id).first()) }
  }

  async update({ request, params }: HttpContext) {
    const input = await request.validateUsing(safetyItemUpdateValidator)
    const id = await (await app.container.make(SafetyService)).updateItem(Number(params.id), input)
    return { data: transformSafetyItem(await itemRows().where('i.id', id).first()) }
  }
}
