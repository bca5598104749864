/**
 * 街道社区评价 windows (manual, module 13): the first half is scored and reviewed 6月1日–6月30日,
 * the second half 12月1日–12月30日, both ends inclusive, in Shenzhen time. Pure functions of a date
 * (YYYY-MM-DD), so the rules are tested without a clock.
 */
import type { EvaluationHalf, EvaluationPeriod } from '@szpm/core'

export const WINDOWS: Record<EvaluationHalf, { opens: string; closes: string; name: string }> = {
  1: { opens: '06-01', closes: '06-30', name: '上半年' },
  2: { opens: '12-01', closes: '12-30', name: '下半年' },
}

/** the score a half gets when its review was not completed inside the window */
export const AUTO_SCORE = 100

/** the first year the platform evaluates (periods before it never existed) */
export const FIRST_YEAR = 2020

export interface PeriodKey {
  year: number
  half: EvaluationHalf
}

export function periodLabel({ year, half }: PeriodKey) {
  return `${year}年${WINDOWS[half].name}`
}

export function windowOf({ year, half }: PeriodKey) {
  return { opensOn: `${year}-${WINDOWS[half].opens}`, closesOn: `${year}-${WINDOWS[half].closes}` }
}

/** inside the window, both ends inclusive (ISO dates compare as strings) */
export function isWithinWindow(period: PeriodKey, today: string) {
  const { opensOn, closesOn } = windowOf(period)
  return today >= opensOn && today <= closesOn
}

/** the window has ended: an unreviewed half now scores AUTO_SCORE */
export function hasClosed(period: PeriodKey, today: string) {
  return today > windowOf(period).closesOn
}

export function hasOpened(period: PeriodKey, today: string) {
  return today >= windowOf(period).opensOn
}

/** the period whose window contains `today`, or null */
export function periodAt(today: string): PeriodKey | null {
  const year = Number(today.slice(0, 4))
  for (const half of [1, 2] as const) if (isWithinWindow({ year, half }, today)) return { year, half }
  return null
}

/** the half-year a page asks for; what it leaves out comes from the latest period started by `today` */
export function resolvePeriod(input: { year?: number; half?: number }, today: string): PeriodKey {
  const fallback = latestStartedPeriod(today)
  return { year: input.year ?? fallback.year, half: (input.half ?? fallback.half) as EvaluationHalf }
}

/** the newest period whose window has opened by `today` */
export function latestStartedPeriod(today: string): PeriodKey {
  const year = Number(today.slice(0, 4))
  if (hasOpened({ year, half: 2 }, today)) return { year, half: 2 }
  if (hasOpened({ year, half: 1 }, today)) return { year, half: 1 }
  return { year: year - 1, half: 2 }
}

/** periods that have started by `today`, newest first, back to FIRST_YEAR (at most `limit`) */
export function startedPeriods(today: string, limit = 8): PeriodKey[] {
  const list: PeriodKey[] = []
  let cursor: PeriodKey | null = latestStartedPeriod(today)
  while (cursor && cursor.year >= FIRST_YEAR && list.length < limit) {
    list.push(cursor)
    cursor = cursor.half === 2 ? { year: cursor.year, half: 1 } : { year: cursor.year - 1, half: 2 }
  }
  return list
}

export function describePeriod(period: PeriodKey, today: string, finalised = false): EvaluationPeriod {
  const { opensOn, closesOn } = windowOf(period)
  return {
    year: period.year,
    half: period.half,
    label: periodLabel(period),
    opensOn,
    closesOn,
    isOpen: isWithinWindow(period, today),
    isClosed: hasClosed(period, today),
    finalised,
  }
}

/** 不在评价时间内 message for a refused action */
export function outsideWindowReason(period: PeriodKey, today: string) {
  const { opensOn, closesOn } = windowOf(period)
  const range = `${Number(opensOn.slice(5, 7))}月${Number(opensOn.slice(8))}日至${Number(closesOn.slice(5, 7))}月${Number(closesOn.slice(8))}日`
  if (today < opensOn) return `${periodLabel(period)}评价尚未开始（评价时间为${range}）`
  return `${periodLabel(period)}评价已于${Number(closesOn.slice(5, 7))}月${Number(closesOn.slice(8))}日结束，未审核的物业项目按100分计`
}

/**
 * The score a half takes effect with (manual rules 1 and 2): the reviewed score; 100 once the
 * window has closed without a completed review; otherwise not yet known. Correct whether or not
 * the close job has already run.
 */
export function effectiveScore(
  row: { state: string; finalScore: number | null },
  period: PeriodKey,
  today: string
): number | null {
  if (row.state === 'reviewed' || row.state === 'auto_scored') return row.finalScore
  return hasClosed(period, today) ? AUTO_SCORE : null
}

/** manual rule 3: the mean of the two halves, once both are known */
export function annualScore(first: number | null, second: number | null): number | null {
  if (first === null || second === null) return null
  return Math.round(((first + second) / 2) * 100) / 100
}
