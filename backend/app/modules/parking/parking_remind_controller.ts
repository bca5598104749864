import type { HttpContext } from '@adonisjs/core/http'
import { parkingRemindValidator } from '#modules/parking/parking_validator'
import ParkingRemindService from '#modules/parking/parking_remind_service'

/** 提醒更新 (`parking.remind`): validate → scope and notify (the service) → what was sent, and what was not because it already went today. */
export default class ParkingRemindController {
  #service = new ParkingRemindService()

  async remind({ request, auth }: HttpContext) {
    const { region_id } = await request.validateUsing(parkingRemindValidator)
    return { data: await this.#service.remind(auth.getUserOrFail(), region_id), meta: {} }
  }
}
