/**
 * When a subscription (导出中心 · 定时导出) is due: daily, weekly or monthly at a time of day, always
 * on Shenzhen's clock (Asia/Shanghai), whatever the server's zone. Pure functions (unit tested).
 */
import { DateTime } from 'luxon'
import { ZONE } from '#services/clock'

export const FREQUENCIES = ['daily', 'weekly', 'monthly'] as const
export type Frequency = (typeof FREQUENCIES)[number]

export const FREQUENCY_LABELS: Record<Frequency, string> = { daily: '每天', weekly: '每周', monthly: '每月' }
export const WEEKDAY_LABELS = ['', '一', '二', '三', '四', '五', '六', '日']

export interface Schedule {
  frequency: Frequency
  /** HH:mm */
  timeOfDay: string
  /** weekly: 1 = Monday … 7 = Sunday */
  weekday?: number | null
  /** monthly: 1 … 28 (every month has it) */
  monthDay?: number | null
}

/** The first due time strictly after `after`, in Asia/Shanghai. */
export function nextRunAt(schedule: Schedule, after: DateTime): DateTime {
  const [hour, minute] = schedule.timeOfDay.split(':').map(Number)
  const local = after.setZone(ZONE)
  let candidate = local.set({ hour, minute, second: 0, millisecond: 0 })
  if (schedule.frequency === 'daily') {
    return candidate > local ? candidate : candidate.plus({ days: 1 })
  }
  if (schedule.frequency === 'weekly') {
    const weekday = schedule.weekday ?? 1
    candidate = candidate.plus({ days: (weekday - candidate.weekday + 7) % 7 })
    return candidate > local ? candidate : candidate.plus({ weeks: 1 })
  }
  const day = schedule.monthDay ?? 1
  candidate = candidate.set({ day })
  return candidate > local ? candidate : candidate.plus({ months: 1 }).set({ day })
}

/** 每天 08:00 / 每周一 08:00 / 每月 1 日 08:00 */
export function describeSchedule(schedule: Schedule): string {
  if (schedule.frequency === 'daily') return `每天 ${schedule.timeOfDay}`
  if (schedule.frequency === 'weekly') return `每周${WEEKDAY_LABELS[schedule.weekday ?? 1]} ${schedule.timeOfDay}`
  return `每月 ${schedule.monthDay ?? 1} 日 ${schedule.timeOfDay}`
}
