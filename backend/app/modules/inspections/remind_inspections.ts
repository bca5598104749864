/**
 * Job: the working day before a task's deadline (the last working day before it, Shanghai calendar),
 * the project managers of its targets still 待填报 get one reminder each through the one notification
 * service (reason `inspections.remind:<task>`: a hand 催办 the same day counts). A target is reminded
 * once (`auto_reminded_on`), so the scheduler runs it every 30 minutes. A year the holiday calendar
 * lacks is skipped (nothing is guessed) until it is published.
 */
import type { ScheduledJob } from '#workflows/process'

export const REMIND_INSPECTIONS = 'remind-inspections'

export async function remindInspections() {
  // imported when run: the service imports the process that declares this job
  const { runInspectionReminders } = await import('#modules/inspections/inspection_reminders')
  return runInspectionReminders()
}

export const remindInspectionsJob: ScheduledJob<Awaited<ReturnType<typeof remindInspections>>> = {
  name: REMIND_INSPECTIONS,
  everyMs: 30 * 60_000,
  runAtStart: true,
  run: remindInspections,
  describe: ({ tasks, sent }) => (tasks ? `reminded ${sent} project manager(s) of ${tasks} inspection task(s) due the next working day` : null),
}
