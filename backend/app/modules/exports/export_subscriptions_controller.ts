import type { HttpContext } from '@adonisjs/core/http'
import { subscribe, subscriptionsOf, unsubscribe } from './export_service.ts'
import { transformExportSubscription } from './export_transformer.ts'
import { exportSubscriptionValidator } from './export_validator.ts'

/** 定时导出: the user's own subscriptions (another's answers 404). */
export default class ExportSubscriptionsController {
  async index({ auth }: HttpContext) {
    const rows = await subscriptionsOf(auth.getUserOrFail())
    return { data: rows.map(transformExportSubscription), meta: {} }
  }

  async store({ request, auth, response }: HttpContext) {
    const input = await request.validateUsing(exportSubscriptionValidator)
    const user = auth.getUserOrFail()
    const row = await subscribe(user, input)
    const [withRegion] = (await subscriptionsOf(user)).filter((candidate: { id: number }) => candidate.id === row.id)
    response.status(201)
    return { data: transformExportSubscription(withRegion), meta: {} }
  }

  async destroy({ params, auth }: HttpContext) {
    await unsubscribe(auth.getUserOrFail(), Number(params.id))
    return { data: null, meta: {} }
  }
}
