/**
 * 办理时长 of a review round (domain-rules.md §2–3): elapsed working days from the round's
 * (re)submission to its final decision — or to today while it is open — counted on the editable
 * holiday calendar (#services/working_days): the working days after the start's calendar day up to
 * and including the end's (started on a non-working day → the next working day is day 1).
 * ≤ 5 正常办理, 6–9 已超期, ≥ 10 严重超期; a year the calendar does not know gives 未知, never a guess.
 */
import { DateTime } from 'luxon'
import clock, { ZONE } from '#services/clock'
import { CalendarYearMissing, workingDaysBetween } from '#services/working_days'
import { TENDER_SLA_BUCKETS, type TenderSla, type TenderSlaBucket } from '@szpm/core'

export const SLA_NORMAL_MAX = 5
export const SLA_SEVERE_MIN = 10

/** the Shenzhen calendar date of an instant */
export function shenzhenDate(at: Date | string): string {
  const instant = typeof at === 'string' ? DateTime.fromISO(at) : DateTime.fromJSDate(at)
  return instant.setZone(ZONE).toISODate()!
}

export function slaBucket(workingDays: number | null): TenderSlaBucket {
  if (workingDays === null) return 'unknown'
  if (workingDays <= SLA_NORMAL_MAX) return 'normal'
  if (workingDays < SLA_SEVERE_MIN) return 'overdue'
  return 'severe'
}

/** the SLA of a round that started at `startedAt` and was decided at `decidedAt` (null: still open, measured to today) */
export async function roundSla(startedAt: Date, decidedAt: Date | null): Promise<TenderSla> {
  const end = decidedAt ? shenzhenDate(decidedAt) : clock.today()
  try {
    const workingDays = Math.max(0, await workingDaysBetween(shenzhenDate(startedAt), end))
    const bucket = slaBucket(workingDays)
    return { workingDays, bucket, bucketName: TENDER_SLA_BUCKETS[bucket], missingYear: null }
  } catch (error) {
    if (!(error instanceof CalendarYearMissing)) throw error
    return { workingDays: null, bucket: 'unknown', bucketName: TENDER_SLA_BUCKETS.unknown, missingYear: error.year }
  }
}
