import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { chineseDaysCalendar } from '#database/calendar_seed'
import {
  CalendarYearMissing,
  addWorkingDays,
  invalidateCalendar,
  isWorkingDay,
  workingDaysBetween,
} from '#services/working_days'
import { resetCalendar } from '#tests/support/calendar'

/**
 * Working days against the real PostgreSQL calendar seeded from chinese-days 1.5.7. The 2026 dates
 * below are the State Council's arrangement as that package ships it:
 *   元旦 1/1–1/3 off, Sun 1/4 worked; 春节 2/15–2/23 off, Sat 2/14 and Sat 2/28 worked;
 *   国庆·中秋 10/1–10/7 off, Sun 9/20 and Sat 10/10 worked.
 */
test.group('Working days · 节假日日历', (group) => {
  group.each.setup(() => resetCalendar())
  group.teardown(() => resetCalendar())

  test('the seed covers 2020 … 2026 from chinese-days, published', async ({ assert }) => {
    const years = await db.from('calendar_years').orderBy('year').select('year', 'published', 'source')
    assert.deepEqual(years.map((y) => y.year), chineseDaysCalendar().years)
    assert.includeMembers(years.map((y) => y.year), [2020, 2024, 2025, 2026])
    assert.isTrue(years.every((y) => y.published && y.source === 'chinese-days'))
    const national = await db.from('calendar_days').whereBetween('date', ['2026-09-15', '2026-10-15'])
      .select(db.raw(`to_char(date, 'YYYY-MM-DD') AS date`), 'kind', 'name').orderBy('date')
    assert.deepEqual(national.filter((d) => d.kind === 'workday').map((d) => d.date), ['2026-09-20', '2026-10-10'])
    assert.deepEqual(national.filter((d) => d.name === '国庆节' && d.kind === 'holiday').map((d) => d.date),
      ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'])
  })

  test('isWorkingDay: holidays off, 调休 weekends worked, plain weekends off', async ({ assert }) => {
    assert.isTrue(await isWorkingDay('2026-09-30')) // Wednesday
    assert.isFalse(await isWorkingDay('2026-10-01')) // 国庆节, Thursday
    assert.isFalse(await isWorkingDay('2026-10-03')) // Saturday inside the holiday
    assert.isTrue(await isWorkingDay('2026-10-08'))
    assert.isTrue(await isWorkingDay('2026-10-10')) // Saturday, 调休上班
    assert.isTrue(await isWorkingDay('2026-09-20')) // Sunday, 调休上班
    assert.isFalse(await isWorkingDay('2026-10-11')) // ordinary Sunday
    assert.isFalse(await isWorkingDay('2026-09-19')) // ordinary Saturday
  })

  test('addWorkingDays across 国庆节 2026', async ({ assert }) => {
    assert.equal(await addWorkingDays('2026-09-30', 1), '2026-10-08')
    assert.equal(await addWorkingDays('2026-09-30', 2), '2026-10-09')
    assert.equal(await addWorkingDays('2026-09-30', 3), '2026-10-10') // the 调休 Saturday counts
    assert.equal(await addWorkingDays('2026-09-30', 4), '2026-10-12')
    assert.equal(await addWorkingDays('2026-10-03', 1), '2026-10-08')
    assert.equal(await addWorkingDays('2026-09-18', 1), '2026-09-20') // Fri → the 调休 Sunday
  })

  test('addWorkingDays: 0 is the day itself when working, else the next working day', async ({ assert }) => {
    assert.equal(await addWorkingDays('2026-09-30', 0), '2026-09-30')
    assert.equal(await addWorkingDays('2026-10-01', 0), '2026-10-08')
    assert.equal(await addWorkingDays('2026-10-10', 0), '2026-10-10')
    await assert.rejects(() => addWorkingDays('2026-09-30', -1))
    await assert.rejects(() => addWorkingDays('2026-09-30', 1.5))
    await assert.rejects(() => addWorkingDays('2026-02-30', 1))
  })

  test('春节 2026 and the year boundary', async ({ assert }) => {
    assert.equal(await addWorkingDays('2026-02-13', 1), '2026-02-14') // Saturday 调休
    assert.equal(await addWorkingDays('2026-02-13', 2), '2026-02-24') // 2/15–2/23 off
    assert.equal(await addWorkingDays('2025-12-31', 1), '2026-01-04') // 元旦 1/1–1/3 off, Sunday 1/4 worked
    assert.equal(await workingDaysBetween('2025-12-31', '2026-01-05'), 2)
  })

  test('workingDaysBetween counts (from, to], negative backwards', async ({ assert }) => {
    assert.equal(await workingDaysBetween('2026-09-30', '2026-09-30'), 0)
    assert.equal(await workingDaysBetween('2026-09-30', '2026-10-07'), 0)
    assert.equal(await workingDaysBetween('2026-09-30', '2026-10-10'), 3)
    assert.equal(await workingDaysBetween('2026-10-10', '2026-09-30'), -3)
    assert.equal(await workingDaysBetween('2026-10-09', '2026-10-12'), 2) // Sat 10/10 (调休) + Mon 10/12
    // a plain week
    assert.equal(await workingDaysBetween('2026-11-06', '2026-11-13'), 5)
  })

  test('a year without data is refused with the Chinese message, never guessed', async ({ assert }) => {
    const error = await isWorkingDay('2099-03-04').catch((e) => e)
    assert.instanceOf(error, CalendarYearMissing)
    assert.equal(error.status, 422)
    assert.equal(error.code, 'E_CALENDAR_YEAR_MISSING')
    assert.equal(error.message, '2099年的节假日安排尚未录入，无法按工作日计算，请联系市住建局管理员在「节假日日历」中录入')
    // walking out of 2026 into the (missing) 2027 is refused too
    const crossing = await addWorkingDays('2026-12-30', 5).catch((e) => e)
    assert.instanceOf(crossing, CalendarYearMissing)
    assert.include(crossing.message, '2027年')
    await assert.rejects(() => workingDaysBetween('2026-12-01', '2027-01-10'), /2027年的节假日安排尚未录入/)
    await assert.rejects(() => workingDaysBetween('2099-01-10', '2026-12-01'), /20\d\d年的节假日安排尚未录入/)
  })

  test('an unpublished year is refused until published; edits show after invalidation', async ({ assert }) => {
    await db.table('calendar_years').insert({ year: 2027, published: false, source: '手工录入', updated_at: new Date() })
    await db.table('calendar_days').insert({ date: '2027-01-01', kind: 'holiday', name: '元旦', year: 2027, updated_at: new Date() })
    invalidateCalendar()
    await assert.rejects(() => isWorkingDay('2027-01-01'), /2027年的节假日安排尚未录入/)
    await db.from('calendar_years').where('year', 2027).update({ published: true })
    invalidateCalendar(2027)
    assert.isFalse(await isWorkingDay('2027-01-01'))
    assert.equal(await addWorkingDays('2026-12-31', 1), '2027-01-04') // Fri 1/1 off, weekend, Mon 1/4
    await db.from('calendar_days').where('date', '2027-01-01').delete()
    invalidateCalendar(2027)
    assert.isTrue(await isWorkingDay('2027-01-01'))
  })

  test('dates do not shift with the process time zone', async ({ assert }) => {
    const zone = process.env.TZ
    try {
      for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC', 'Asia/Shanghai']) {
        process.env.TZ = tz
        assert.equal(await addWorkingDays('2026-09-30', 1), '2026-10-08', tz)
        assert.isTrue(await isWorkingDay('2026-10-10'), tz)
      }
    } finally {
      if (zone === undefined) delete process.env.TZ
      else process.env.TZ = zone
    }
  })
})
