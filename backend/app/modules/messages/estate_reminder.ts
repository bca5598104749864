import { Exception } from '@adonisjs/core/exceptions'
import db from '@adonisjs/lucid/services/db'
import type { DateTime } from 'luxon'
import type { EstateReminderResult } from '@szpm/core'
import type Region from '#models/region'
import type User from '#models/user'
import clock from '#services/clock'
import { alreadySentText, notify } from '#modules/messages/notifier'

/** nothing to remind, nobody to remind (422), or everyone reminded today already (409) */
export class ReminderRefused extends Exception {
  constructor(message: string, status = 422) {
    super(message, { status, code: 'E_REMINDER_REFUSED' })
  }
}

export interface EstateReminder {
  /** the reason of every message: once per project manager per day (`staff.remind`) */
  readonly reason: string
  /** slug of the sending module */
  readonly module: string
  /** what is to be updated, for the answer (从业人员信息) */
  readonly topic: string
  readonly title: string
  readonly summary: string
  /** the answer when no estate of the region needs the reminder */
  readonly nothingToRemind: string
}

/** the active project managers (user_estates) of the estates, by estate */
async function projectManagersOf(estateIds: readonly number[]) {
  if (estateIds.length === 0) return []
  return (await db
    .from('user_estates as ue')
    .join('users as u', 'u.id', 'ue.user_id')
    .where('ue.relation', 'project_manager')
    .where('u.status', 'active')
    .whereRaw('ue.estate_id = ANY(?::int[])', [estateIds as number[]] as never[])
    .select('ue.user_id', 'ue.estate_id')) as { user_id: number; estate_id: number }[]
}

/**
 * 提醒更新 of a module: one in-app reminder (kind `reminder`; WeChat where bound) to each project
 * manager of the given estates of `region`, through the one notification service — at most once per
 * manager per reason per day (domain-rules §7). Managers reminded today already are skipped; when all
 * are, ReminderRefused 409 names when the last went.
 */
export async function remindEstateManagers(user: User, region: Region, estateIds: readonly number[], reminder: EstateReminder): Promise<EstateReminderResult> {
  if (estateIds.length === 0) throw new ReminderRefused(reminder.nothingToRemind)
  const managers = await projectManagersOf(estateIds)
  const recipientIds = [...new Set(managers.map((row) => Number(row.user_id)))].sort((a, b) => a - b)
  const estatesWithoutManager = estateIds.length - new Set(managers.map((row) => Number(row.estate_id))).size
  if (recipientIds.length === 0) {
    throw new ReminderRefused(`${region.name}需更新${reminder.topic}的 ${estateIds.length} 个物业项目均未设置项目经理账号，无法提醒`)
  }
  const result = await db.transaction((trx) =>
    notify({ reason: reminder.reason, kind: 'reminder', module: reminder.module, recipientIds, title: reminder.title, summary: reminder.summary, senderId: user.id }, trx)
  )
  const lastSentAt = result.skipped.reduce<DateTime | null>((latest, row) => (!latest || row.lastSentAt > latest ? row.lastSentAt : latest), null)
  if (result.sent.length === 0) throw new ReminderRefused(alreadySentText(lastSentAt ?? clock.now()), 409)
  const notes = [
    result.skipped.length > 0 ? `${result.skipped.length} 人今天已提醒过，本次未重复发送` : '',
    estatesWithoutManager > 0 ? `${estatesWithoutManager} 个物业项目未设置项目经理账号` : '',
  ].filter(Boolean)
  return {
    estates: estateIds.length,
    estatesWithoutManager,
    sent: result.sent.length,
    skipped: result.skipped.length,
    lastSentAt: lastSentAt ? lastSentAt.toUTC().toISO() : null,
    message: `已提醒 ${result.sent.length} 位项目经理更新 ${estateIds.length} 个物业项目的${reminder.topic}${notes.map((note) => `；${note}`).join('')}`,
  }
}
