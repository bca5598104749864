import { createRequire } from 'node:module'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/**
 * The seed of 节假日日历 (`calendar_years` / `calendar_days`, migration 0010): the official holiday
 * arrangements published by the State Council, as packaged by the npm `chinese-days` package.
 *
 * The package is read HERE ONLY (migration seed, test resets). Never call it at runtime: it has data
 * up to its last release (2026 in 1.5.7) and silently treats any later year as plain Mon–Fri, which
 * is exactly the guess the working-day rules must refuse (`app/services/working_days.ts`).
 *
 * What is stored (the same convention as the package):
 * - `holiday`: every date of an official holiday period, weekend days inside it included
 *   (e.g. 2026-10-01 … 2026-10-07);
 * - `workday`: every make-up working day (调休上班), always a Saturday or Sunday.
 * A weekday is a working day unless it is a holiday; a weekend day is a day off unless it is a workday.
 */
export const SEED_SOURCE = 'chinese-days'
export const SEED_FROM_YEAR = 2020

export interface SeedDay {
  date: string
  kind: 'holiday' | 'workday'
  name: string
  year: number
}

/** the package's short names → the names used on official notices */
const NAMES: Record<string, string> = { 清明: '清明节', 端午: '端午节', 中秋: '中秋节' }

interface ChineseDaysJson {
  holidays: Record<string, string>
  workdays: Record<string, string>
}

function loadPackageData(): ChineseDaysJson {
  const require = createRequire(import.meta.url)
  return require('chinese-days/dist/chinese-days.json') as ChineseDaysJson
}

/** "National Day,国庆节,3" → 国庆节 */
function chineseName(value: string) {
  const name = value.split(',')[1]?.trim() || value
  return NAMES[name] ?? name
}

/** Every year the package covers from `fromYear` on, with its days sorted by date. */
export function chineseDaysCalendar(fromYear = SEED_FROM_YEAR): { years: number[]; days: SeedDay[] } {
  const data = loadPackageData()
  const days: SeedDay[] = []
  for (const [kind, entries] of [['holiday', data.holidays], ['workday', data.workdays]] as const) {
    for (const [date, value] of Object.entries(entries)) {
      const year = Number(date.slice(0, 4))
      if (year >= fromYear) days.push({ date, kind, name: chineseName(value), year })
    }
  }
  days.sort((a, b) => a.date.localeCompare(b.date))
  const years = [...new Set(days.map((day) => day.year))].sort((a, b) => a - b)
  return { years, days }
}

/**
 * Writes the package's years into the tables: each covered year is replaced (its days deleted and
 * re-inserted, the year marked published, source chinese-days). Years the package does not cover are
 * left alone. Used by migration 0010 and by tests that must restore the seeded calendar.
 */
export async function seedCalendar(client: Pick<QueryClientContract, 'rawQuery'>, fromYear = SEED_FROM_YEAR) {
  const { years, days } = chineseDaysCalendar(fromYear)
  if (years.length === 0) return { years, days: 0 }
  await client.rawQuery(
    `INSERT INTO calendar_years (year, published, source, updated_at, updated_by)
     SELECT y, true, ?, now(), NULL FROM unnest(?::smallint[]) AS t(y)
     ON CONFLICT (year) DO UPDATE SET published = true, source = EXCLUDED.source, updated_at = now(), updated_by = NULL`,
    [SEED_SOURCE, years]
  )
  await client.rawQuery(`DELETE FROM calendar_days WHERE year = ANY(?::smallint[])`, [years])
  await client.rawQuery(
    `INSERT INTO calendar_days (date, kind, name, year, updated_at, updated_by)
     SELECT d, k, n, y, now(), NULL
     FROM unnest(?::date[], ?::text[], ?::text[], ?::smallint[]) AS t(d, k, n, y)`,
    [days.map((d) => d.date), days.map((d) => d.kind), days.map((d) => d.name), days.map((d) => d.year)]
  )
  return { years, days: days.length }
}
