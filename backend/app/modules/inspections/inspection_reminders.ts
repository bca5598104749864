import db from '@adonisjs/lucid/services/db'
import clock from '#services/clock'
import { CalendarYearMissing, addWorkingDays, isWorkingDay } from '#services/working_days'
import { notify } from '#modules/messages/notifier'
import InspectionService, { remindReason } from '#modules/inspections/inspection_service'

/**
 * The automatic reminder (job `remind-inspections`): today is a working day and the next working day
 * is on or after a task's deadline (today itself before it) → the project managers of its 待填报
 * targets not reminded yet are notified, and those targets are marked (`auto_reminded_on`).
 */
export async function runInspectionReminders() {
  const today = clock.today()
  let nextWorkingDay: string
  try {
    if (!(await isWorkingDay(today))) return { tasks: 0, sent: 0 }
    nextWorkingDay = await addWorkingDays(today, 1)
  } catch (error) {
    if (error instanceof CalendarYearMissing) return { tasks: 0, sent: 0 }
    throw error
  }
  const tasks = await db
    .from('inspection_tasks as k')
    .where('k.deadline', '>', today)
    .where('k.deadline', '<=', nextWorkingDay)
    .whereExists((sub) => sub.from('inspection_targets as t').whereRaw('t.task_id = k.id').where('t.state', 'pending').whereNull('t.auto_reminded_on'))
    .select('k.id', 'k.title', db.raw(`to_char(k.deadline, 'YYYY-MM-DD') as deadline`))
  const service = new InspectionService()
  let sent = 0
  for (const task of tasks) {
    const rows = (await service.incompleteManagers(task.id, null))
    const targetIds = rows.map((row) => row.target_id)
    const recipientIds = [...new Set(rows.filter((row) => row.user_id).map((row) => Number(row.user_id)))]
    await db.transaction(async (trx) => {
      const marked = await trx.from('inspection_targets').whereIn('id', targetIds).whereNull('auto_reminded_on').update({ auto_reminded_on: today }).returning('id')
      if (marked.length === 0 || recipientIds.length === 0) return
      const result = await notify({
        reason: remindReason(task.id), kind: 'reminder', module: 'inspections', recipientIds,
        title: `【提醒】安全检查：${task.title}`,
        summary: `「${task.title}」将于 ${task.deadline} 截止，本物业项目尚未填报，请尽快完成。`,
        senderId: null,
      }, trx)
      sent += result.sent.length
    })
  }
  return { tasks: tasks.length, sent }
}
