/**
 * Job: close every 表决会议 whose voting period has ended — tally each topic, store the result and
 * publish it (MeetingService.closeDue). Idempotent: a meeting already closed (by its convener's
 * 结束并计票 or an earlier run) is skipped, so running it twice, or every minute, changes nothing the
 * second time; it runs every minute and once when the worker starts. Ballots are refused from the
 * closing instant on (ballot_service.ts), so a meeting the job has not reached yet takes no ballot.
 * Declared in PLATFORM_JOBS (app/workflows/index.ts): 电子投票's meetings are no workflow process.
 */
import type { ScheduledJob } from '#workflows/process'

export const CLOSE_DUE_MEETINGS = 'close-due-voting-meetings'
export const CLOSE_DUE_MEETINGS_EVERY_MS = 60_000

export async function closeDueMeetings(): Promise<{ closed: number[] }> {
  const { default: MeetingService } = await import('#modules/voting/meeting_service')
  return { closed: await new MeetingService().closeDue() }
}

export const closeDueMeetingsJob: ScheduledJob<{ closed: number[] }> = {
  name: CLOSE_DUE_MEETINGS,
  everyMs: CLOSE_DUE_MEETINGS_EVERY_MS,
  runAtStart: true,
  run: closeDueMeetings,
  describe: ({ closed }) => (closed.length ? `closed and tallied ${closed.length} meeting(s): ${closed.join(', ')}` : null),
}
