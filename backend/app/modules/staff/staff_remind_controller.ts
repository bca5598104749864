import type { HttpContext } from '@adonisjs/core/http'
import { findRegionInScope } from '#services/region_scope'
import { staffRemindValidator } from '#modules/staff/staff_validator'
import { remindStaffUpdate } from '#modules/staff/staff_remind_service'

/** 提醒更新 (`staff.remind`): reminds the project managers of the region's estates with missing or stale staff information. */
export default class StaffRemindController {
  async store({ request, auth }: HttpContext) {
    const { region_id } = await request.validateUsing(staffRemindValidator)
    const user = auth.getUserOrFail()
    const region = await findRegionInScope(user, region_id)
    return { data: await remindStaffUpdate(user, region) }
  }
}
