import db from '@adonisjs/lucid/services/db'
import type { EstateReminderResult } from '@szpm/core'
import type User from '#models/user'
import { findRegionInScope } from '#services/region_scope'
import { remindEstateManagers } from '#modules/messages/estate_reminder'

export const PARKING_REMIND_REASON = 'parking.remind'

/**
 * 提醒更新 (车位信息): reminds the project managers of the region's estates that never filled their
 * parking information in (no `estate_parking_profiles` row, domain-rules §7) — the shared estate
 * reminder: once per manager per day; a second request the same day sends nothing and says when the
 * last reminder went.
 */
export default class ParkingRemindService {
  async remind(user: User, regionId: number | undefined): Promise<EstateReminderResult> {
    const region = await findRegionInScope(user, regionId)
    const estates = db
      .from('estates as e')
      .whereNotExists((inner) => inner.from('estate_parking_profiles as p').whereRaw('p.estate_id = e.id'))
    if (region.level !== 'city') estates.where(`e.${region.level}_id`, region.id)
    const missing = (await estates.select('e.id').orderBy('e.id')).map((row: { id: number }) => Number(row.id))
    return remindEstateManagers(user, region, missing, {
      reason: PARKING_REMIND_REASON,
      module: 'parking',
      topic: '车位信息',
      title: '【提醒更新】请填报车位信息',
      summary: `您负责的物业项目尚未填报车位信息（车位类型、数量、位置等），请尽快登录平台填报。（${region.name}）`,
      nothingToRemind: `${region.name}所有物业项目均已填报车位信息，无需提醒`,
    })
  }
}
