import { Exception } from '@adonisjs/core/exceptions'
import db from '@adonisjs/lucid/services/db'

/**
 * Working days (工作日) on Shenzhen's calendar, from the editable 节假日日历 (`calendar_years`,
 * `calendar_days`, migration 0010) — never from a library at runtime.
 *
 * Rules: a weekday is a working day unless it is a `holiday`; a Saturday/Sunday is a day off unless
 * it is a `workday` (调休上班). Only years marked `published` may be used: touching any other year
 * throws `CalendarYearMissing` (422) instead of guessing Mon–Fri.
 *
 * Dates are plain `YYYY-MM-DD` strings (calendar dates in Asia/Shanghai); the arithmetic is done on
 * UTC day numbers, so neither the server's time zone nor DST can shift a date.
 *
 * Cache: each year's exceptions are loaded once per process and kept in memory. The edit API
 * (`calendar_controller`) calls `invalidateCalendar()` after every change, so the process that
 * serves the edit sees it at once; other processes (scheduler, a second API instance) see it
 * within `CACHE_TTL_MS` at the latest.
 */

export class CalendarYearMissing extends Exception {
  year: number
  constructor(year: number) {
    super(`${year}年的节假日安排尚未录入，无法按工作日计算，请联系市住建局管理员在「节假日日历」中录入`, {
      status: 422,
      code: 'E_CALENDAR_YEAR_MISSING',
    })
    this.year = year
  }
}

const CACHE_TTL_MS = 60_000
const DAY_MS = 86_400_000
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

interface YearCalendar {
  /** null = the year is missing or not published */
  days: { holidays: Set<string>; workdays: Set<string> } | null
  loadedAt: number
}

const cache = new Map<number, Promise<YearCalendar>>()

/** Forget cached years (all, or one) — called by every calendar edit. */
export function invalidateCalendar(year?: number) {
  if (year === undefined) cache.clear()
  else cache.delete(year)
}

/** `YYYY-MM-DD` → days since 1970-01-01; throws on anything that is not a real calendar date. */
export function dayNumber(date: string): number {
  const match = ISO_DATE.exec(date)
  if (match) {
    const [, y, m, d] = match.map(Number)
    const time = Date.UTC(y, m - 1, d)
    const back = new Date(time)
    if (back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d) return time / DAY_MS
  }
  throw new TypeError(`working_days: not a date (YYYY-MM-DD): ${String(date)}`)
}

/** days since 1970-01-01 → `YYYY-MM-DD` */
export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

/** true for Saturday and Sunday */
export function isWeekend(date: string): boolean {
  const weekday = new Date(dayNumber(date) * DAY_MS).getUTCDay()
  return weekday === 0 || weekday === 6
}

/** true for a real calendar date written `YYYY-MM-DD` */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false
  try {
    dayNumber(value)
    return true
  } catch {
    return false
  }
}

async function loadYear(year: number): Promise<YearCalendar> {
  const loadedAt = Date.now()
  const row = await db.from('calendar_years').where('year', year).select('published').first()
  if (!row?.published) return { days: null, loadedAt }
  const rows: { date: string; kind: string }[] = await db
    .from('calendar_days')
    .where('year', year)
    .select(db.raw(`to_char(date, 'YYYY-MM-DD') AS date`), 'kind')
  const holidays = new Set<string>()
  const workdays = new Set<string>()
  for (const day of rows) (day.kind === 'workday' ? workdays : holidays).add(day.date)
  return { days: { holidays, workdays }, loadedAt }
}

async function yearCalendar(year: number) {
  let pending = cache.get(year)
  if (pending) {
    const loaded = await pending.catch(() => null)
    if (!loaded || Date.now() - loaded.loadedAt > CACHE_TTL_MS) pending = undefined
  }
  if (!pending) {
    pending = loadYear(year)
    cache.set(year, pending)
    pending.catch(() => cache.get(year) === pending && cache.delete(year))
  }
  const { days } = await pending
  if (!days) throw new CalendarYearMissing(year)
  return days
}

async function isWorkingDayNumber(day: number): Promise<boolean> {
  const date = isoDate(day)
  const days = await yearCalendar(Number(date.slice(0, 4)))
  if (days.holidays.has(date)) return false
  if (days.workdays.has(date)) return true
  const weekday = new Date(day * DAY_MS).getUTCDay()
  return weekday !== 0 && weekday !== 6
}

/** Is `date` a working day? Throws CalendarYearMissing when its year is not published. */
export async function isWorkingDay(date: string): Promise<boolean> {
  return isWorkingDayNumber(dayNumber(date))
}

/**
 * The `days`-th working day after `from` (`from` itself never counts), e.g. a 2026-09-30 request
 * with 1 working day is due 2026-10-08 (国庆 10/1–10/7 off).
 * `days = 0` answers `from` itself when it is a working day, otherwise the next working day.
 * Throws CalendarYearMissing as soon as the walk enters a year that is not published.
 */
export async function addWorkingDays(from: string, days: number): Promise<string> {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`working_days: days must be an integer >= 0, got ${days}`)
  let day = dayNumber(from)
  if (days === 0) {
    while (!(await isWorkingDayNumber(day))) day++
    return isoDate(day)
  }
  let left = days
  while (left > 0) {
    day++
    if (await isWorkingDayNumber(day)) left--
  }
  return isoDate(day)
}

/**
 * Working days in (from, to]: 0 when equal; when `to` is before `from`, minus the working days in
 * (to, from]. E.g. from a Friday to the next Monday is 1. Every year of the counted days must be
 * published (the year of the excluded end alone is not needed).
 */
export async function workingDaysBetween(from: string, to: string): Promise<number> {
  const start = dayNumber(from)
  const end = dayNumber(to)
  if (start === end) return 0
  const [low, high, sign] = start < end ? [start, end, 1] : [end, start, -1]
  let count = 0
  for (let day = low + 1; day <= high; day++) if (await isWorkingDayNumber(day)) count++
  return sign * count
}
