import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { Exception } from '@adonisjs/core/exceptions'
import { calendarDayValidator, calendarYearQueryValidator, calendarYearValidator, YEAR_RANGE } from '#modules/calendar/calendar_validator'
import { CALENDAR_KIND_NAMES, transformCalendarDay, transformCalendarYear } from '#modules/calendar/calendar_transformer'
import { invalidateCalendar, isIsoDate, isWeekend } from '#services/working_days'
import { streamExcel } from '#services/excel_export'
import type { CalendarDay } from '@szpm/core'

/** a broken rule on one field, answered like a validation error (422 { errors: [{ message, field }] }) */
class CalendarFieldError extends Exception {
  field: string
  constructor(field: string, message: string) {
    super(message, { status: 422, code: 'E_CALENDAR_INPUT' })
    this.field = field
  }
}

const MANUAL_SOURCE = '手工录入'
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六']

function yearsQuery() {
  return db
    .from('calendar_years as y')
    .select('y.year', 'y.published', 'y.source', 'y.updated_at')
    .select(db.raw(`(SELECT count(*) FROM calendar_days d WHERE d.year = y.year AND d.kind = 'holiday') AS holidays`))
    .select(db.raw(`(SELECT count(*) FROM calendar_days d WHERE d.year = y.year AND d.kind = 'workday') AS workdays`))
}

function daysQuery(year: number) {
  return db
    .from('calendar_days')
    .where('year', year)
    .select(db.raw(`to_char(date, 'YYYY-MM-DD') AS date`), 'kind', 'name')
    .orderBy('calendar_days.date')
}

async function yearSummary(year: number) {
  const row = await yearsQuery().where('y.year', year).first()
  return row ? transformCalendarYear(row) : null
}

function checkYear(year: number, field = 'year') {
  if (!Number.isInteger(year) || year < YEAR_RANGE[0] || year > YEAR_RANGE[1]) {
    throw new CalendarFieldError(field, `年份必须在 ${YEAR_RANGE[0]} 到 ${YEAR_RANGE[1]} 之间`)
  }
}

/** the :date route param: a real date in 2000..2100 */
function dateParam(ctx: HttpContext) {
  const date = String(ctx.params.date)
  if (!isIsoDate(date)) throw new CalendarFieldError('date', `日期无效：${date}（格式 YYYY-MM-DD）`)
  const year = Number(date.slice(0, 4))
  checkYear(year, 'date')
  return { date, year }
}

async function answerFieldErrors<T>(ctx: HttpContext, work: () => Promise<T>) {
  try {
    return await work()
  } catch (error) {
    if (error instanceof CalendarFieldError) {
      return ctx.response.unprocessableEntity({ errors: [{ message: error.message, field: error.field, rule: 'business' }] })
    }
    throw error
  }
}

function weekdayName(date: string) {
  return `星期${WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]}`
}

/**
 * 节假日日历 (feature calendar.manage, city admin): the years entered, each year's holidays and
 * make-up workdays, edits and 发布. Every edit is one transaction (audited by the audit middleware)
 * and clears the working-day cache of this process.
 */
export default class CalendarController {
  /** every year entered, newest first, with its counts */
  async years() {
    const rows = await yearsQuery().orderBy('y.year', 'desc')
    return { data: rows.map(transformCalendarYear), meta: {} }
  }

  /** one year's holidays and make-up workdays by date; meta.year is null for a year not entered */
  async days({ request }: HttpContext) {
    const { year } = await request.validateUsing(calendarYearQueryValidator, { data: request.qs() })
    const rows = await daysQuery(year)
    return { data: rows.map(transformCalendarDay), meta: { year: await yearSummary(year) } }
  }

  async daysExport(ctx: HttpContext) {
    const { year } = await ctx.request.validateUsing(calendarYearQueryValidator, { data: ctx.request.qs() })
    const rows = (await daysQuery(year)).map(transformCalendarDay)
    await streamExcel<CalendarDay>(ctx, `节假日日历-${year}`, `${year}年`, [
      { header: '日期', width: 14, value: (r) => r.date },
      { header: '星期', width: 10, value: (r) => weekdayName(r.date) },
      { header: '类型', width: 12, value: (r) => r.kindName },
      { header: '名称', width: 24, value: (r) => r.name },
    ], rows)
  }

  /** add or change one day (the year is created, unpublished, on its first day) */
  async upsertDay(ctx: HttpContext) {
    return answerFieldErrors(ctx, async () => {
      const { date, year } = dateParam(ctx)
      const { kind, name } = await ctx.request.validateUsing(calendarDayValidator)
      if (kind === 'workday' && !isWeekend(date)) {
        throw new CalendarFieldError('kind', `${date}是${weekdayName(date)}，本来就是工作日；${CALENDAR_KIND_NAMES.workday}只能设在周六或周日`)
      }
      const userId = ctx.auth.getUserOrFail().id
      await db.transaction(async (trx) => {
        await trx.rawQuery(
          `INSERT INTO calendar_years (year, published, source, updated_at, updated_by) VALUES (?, false, ?, now(), ?)
           ON CONFLICT (year) DO UPDATE SET updated_at = now(), updated_by = EXCLUDED.updated_by`,
          [year, MANUAL_SOURCE, userId]
        )
        await trx.rawQuery(
          `INSERT INTO calendar_days (date, kind, name, year, updated_at, updated_by) VALUES (?::date, ?, ?, ?, now(), ?)
           ON CONFLICT (date) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name, updated_at = now(), updated_by = EXCLUDED.updated_by`,
          [date, kind, name, year, userId]
        )
      })
      invalidateCalendar(year)
      return { data: transformCalendarDay({ date, kind, name }), meta: { year: await yearSummary(year) } }
    })
  }

  /** remove one day: it becomes an ordinary day again (weekday = working day, weekend = day off) */
  async destroyDay(ctx: HttpContext) {
    return answerFieldErrors(ctx, async () => {
      const { date, year } = dateParam(ctx)
      const userId = ctx.auth.getUserOrFail().id
      const deleted = await db.transaction(async (trx) => {
        const result = await trx.rawQuery(`DELETE FROM calendar_days WHERE date = ?::date RETURNING kind`, [date])
        if (result.rows.length === 0) return false
        await trx.rawQuery(`UPDATE calendar_years SET updated_at = now(), updated_by = ? WHERE year = ?`, [userId, year])
        return true
      })
      if (!deleted) throw new Exception(`${date}不在节假日日历中`, { status: 404, code: 'E_NOT_FOUND' })
      invalidateCalendar(year)
      return { data: null, meta: { year: await yearSummary(year) } }
    })
  }

  /**
   * 发布 / 取消发布 a year. Only a published year may be used for working-day arithmetic; a year
   * with no holiday entered cannot be published (every year has official holidays).
   */
  async updateYear(ctx: HttpContext) {
    return answerFieldErrors(ctx, async () => {
      const year = Number(ctx.params.year)
      checkYear(year)
      const { published } = await ctx.request.validateUsing(calendarYearValidator)
      const userId = ctx.auth.getUserOrFail().id
      await db.transaction(async (trx) => {
        const found = await trx.rawQuery(
          `SELECT y.year, (SELECT count(*) FROM calendar_days d WHERE d.year = y.year AND d.kind = 'holiday') AS holidays
           FROM calendar_years y WHERE y.year = ? FOR UPDATE`,
          [year]
        )
        const row = found.rows[0]
        if (!row) throw new CalendarFieldError('published', `${year}年的节假日安排尚未录入`)
        if (published && Number(row.holidays) === 0) {
          throw new CalendarFieldError('published', `${year}年尚未录入任何放假日期，不能发布；请先按国务院办公厅的通知录入放假和调休安排`)
        }
        await trx.rawQuery(`UPDATE calendar_years SET published = ?, updated_at = now(), updated_by = ? WHERE year = ?`, [
          published,
          userId,
          year,
        ])
      })
      invalidateCalendar(year)
      return { data: (await yearSummary(year))!, meta: {} }
    })
  }
}
