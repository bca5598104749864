/**
 * Job: the reviewer holding a filing (待初审: the street's handlers; 待终审: its heads) is reminded
 * once per review round at the end of the round's working day 4 (domain-rules.md §3) — through the
 * one notification service (app/modules/messages/notifier.ts). A round whose count touches a year the
 * holiday calendar does not know raises one to-do for the city admin per filing (节假日日历缺失)
 * instead of guessing; it closes by itself once the year is published and the job runs again.
 * Idempotent (`reminded_round`, the open to-do's unique key), so the scheduler runs it every 10 minutes.
 */
import type { ScheduledJob } from '#workflows/process'

export const REMIND_TENDERS = 'remind-tenders'
/** working day whose end triggers the reminder, and the hour (Asia/Shanghai) a working day ends */
export const REMIND_ON_WORKING_DAY = 4
export const WORKING_DAY_ENDS_AT_HOUR = 17

export async function remindTenders() {
  // imported when run: the service imports the process that declares this job
  const { default: TenderReminderService } = await import('#modules/tenders/tender_reminder_service')
  return new TenderReminderService().run()
}

export const remindTendersJob: ScheduledJob<Awaited<ReturnType<typeof remindTenders>>> = {
  name: REMIND_TENDERS,
  everyMs: 10 * 60_000,
  runAtStart: true,
  run: remindTenders,
  describe: ({ reminded, calendarTodos }) =>
    reminded || calendarTodos ? `reminded the reviewers of ${reminded} tender filing(s); ${calendarTodos} calendar to-do(s) opened` : null,
}
