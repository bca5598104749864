import db from '@adonisjs/lucid/services/db'
import { STAFF_STALE_DAYS, type EstateReminderResult } from '@szpm/core'
import type Region from '#models/region'
import type User from '#models/user'
import clock from '#services/clock'
import { remindEstateManagers } from '#modules/messages/estate_reminder'

/** the reason of every 提醒更新 message: once per project manager per day, whatever the region asked */
export const STAFF_REMIND_REASON = 'staff.remind'

/**
 * The estates of a region whose staff information is missing (no practitioner) or stale (last
 * confirmed more than STAFF_STALE_DAYS before `asOf`, or never) — the rule of the staff cube's
 * 未填报项目 and 信息过期项目.
 */
export async function estatesNeedingStaffUpdate(region: Region, asOf: string) {
  const query = db
    .from('estates as e')
    .leftJoin('estate_staff_confirmations as sc', 'sc.estate_id', 'e.id')
    .where((inner) =>
      inner
        .whereNotExists((sub) => sub.from('practitioners as p').whereRaw('p.estate_id = e.id'))
        .orWhereNull('sc.confirmed_at')
        .orWhereRaw(`(sc.confirmed_at AT TIME ZONE 'Asia/Shanghai')::date < ?::date - ?::int`, [asOf, STAFF_STALE_DAYS])
    )
    .select('e.id', 'e.name')
    .orderBy('e.id')
  if (region.level !== 'city') query.where(`e.${region.level}_id`, region.id)
  return (await query) as { id: number; name: string }[]
}

/**
 * 提醒更新: one reminder (reason `staff.remind`) to each project manager of the region's estates whose
 * staff information is missing or stale (the shared estate reminder: once per manager per day).
 */
export async function remindStaffUpdate(user: User, region: Region): Promise<EstateReminderResult> {
  const estates = await estatesNeedingStaffUpdate(region, clock.today())
  return remindEstateManagers(
    user,
    region,
    estates.map((estate) => Number(estate.id)),
    {
      reason: STAFF_REMIND_REASON,
      module: 'staff',
      topic: '从业人员信息',
      title: '【提醒更新】从业人员信息',
      summary: `${region.name}提醒您：请核对本物业项目的从业人员信息（人员、岗位、证书），补充缺失内容后点击“确认信息无误”。超过 ${STAFF_STALE_DAYS} 天未确认的信息视为过期。`,
      nothingToRemind: `${region.name}各物业项目的从业人员信息均已填报且在 ${STAFF_STALE_DAYS} 天内确认过，无需提醒`,
    }
  )
}
