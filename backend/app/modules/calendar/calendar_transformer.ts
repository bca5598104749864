import type { CalendarDay, CalendarDayKind, CalendarYear } from '@szpm/core'

export const CALENDAR_KIND_NAMES: Record<CalendarDayKind, string> = { holiday: '放假', workday: '调休上班' }

/** a calendar_days row (date selected as `to_char(date, 'YYYY-MM-DD')`) */
export function transformCalendarDay(row: { date: string; kind: string; name: string }): CalendarDay {
  const kind = row.kind as CalendarDayKind
  return { date: row.date, kind, kindName: CALENDAR_KIND_NAMES[kind] ?? kind, name: row.name }
}

/** a calendar_years row with its day counts */
export function transformCalendarYear(row: {
  year: number
  published: boolean
  source: string
  updated_at: Date | string
  holidays: number | string
  workdays: number | string
}): CalendarYear {
  return {
    year: Number(row.year),
    published: Boolean(row.published),
    holidays: Number(row.holidays),
    workdays: Number(row.workdays),
    source: row.source,
    updatedAt: row.updated_at instanceof Date ? row.updated_at.toISOString() : String(row.updated_at),
  }
}
