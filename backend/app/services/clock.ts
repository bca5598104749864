import { DateTime } from 'luxon'

/** Every date rule (evaluation windows, due dates, working days) is about Shenzhen's calendar. */
export const ZONE = 'Asia/Shanghai'

/**
 * The one source of "now" for business rules. Rules never call `new Date()` or `DateTime.now()`
 * themselves, so tests (and a demo) can move time: `clock.travelTo('2026-06-30T23:59:00+08:00')`.
 *
 * Outside production, `SZPM_CLOCK` (an ISO time) starts the app at that moment and lets time run on
 * from there — handy to demo a June window in November. Production ignores it.
 */
class Clock {
  /** offset in ms added to the real time; null = real time */
  #offset: number | null = null

  constructor() {
    const start = process.env.SZPM_CLOCK
    if (start && process.env.NODE_ENV !== 'production') this.travelTo(start)
  }

  /** the current moment, in Asia/Shanghai */
  now(): DateTime {
    const millis = Date.now() + (this.#offset ?? 0)
    return DateTime.fromMillis(millis, { zone: ZONE })
  }

  /** today's date in Shenzhen, YYYY-MM-DD */
  today(): string {
    return this.now().toISODate()!
  }

  /** moves "now" to `moment` (ISO time or YYYY-MM-DD, read in Asia/Shanghai); time keeps running from there */
  travelTo(moment: string | Date) {
    const target =
      moment instanceof Date ? moment.getTime() : DateTime.fromISO(moment, { zone: ZONE }).toMillis()
    if (!Number.isFinite(target)) throw new Error(`clock: not a time: ${String(moment)}`)
    this.#offset = target - Date.now()
  }

  /** back to real time */
  reset() {
    this.#offset = null
  }

  get isTravelling() {
    return this.#offset !== null
  }
}

const clock = new Clock()
export default clock
