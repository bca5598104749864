/** 节假日日历 (city admin): holidays and make-up workdays per year, 发布. */
import type { Http } from './http.ts'
import type { CalendarDay, CalendarDayKind, CalendarYear } from './types.ts'

export function calendarApi(http: Http) {
  return {
    years: () => http.call<CalendarYear[]>('calendar.years'),
    /** meta.year is null for a year not entered yet */
    days: (year: number) => http.call<CalendarDay[], { year: CalendarYear | null }>('calendar.days', { query: { year } }),
    daysExportUrl: (year: number) => http.url('calendar.days.export', { query: { year } }),
    /** add or change a day (YYYY-MM-DD); the year is created unpublished on its first day */
    upsertDay: (date: string, input: { kind: CalendarDayKind; name: string }) =>
      http.call<CalendarDay, { year: CalendarYear | null }>('calendar.days_upsert', { params: { date }, body: input }),
    deleteDay: (date: string) => http.call<null, { year: CalendarYear | null }>('calendar.days_destroy', { params: { date } }),
    /** 发布 / 取消发布 */
    updateYear: (year: number, published: boolean) => http.call<CalendarYear>('calendar.years_update', { params: { year }, body: { published } }),
  }
}
