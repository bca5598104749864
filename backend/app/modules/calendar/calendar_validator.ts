import vine from '@vinejs/vine'
import { integer } from '#validators/numbers'
import { labelled } from '#validators/messages'

/** 节假日日历: its fields read 年份 / 类型 / 名称 (not the defaults 年度 / 备案类型 / 姓名) */
const LABELS = { year: '年份', kind: '类型', name: '名称' }
const MESSAGES = { 'kind.enum': '类型必须是“放假”或“调休上班”' }

export const YEAR_RANGE: [number, number] = [2000, 2100]

const year = () => integer({ min: YEAR_RANGE[0], max: YEAR_RANGE[1], query: true })

/** ?year= of the day list and its export */
export const calendarYearQueryValidator = vine.create({ year: year() })
labelled(calendarYearQueryValidator, LABELS, MESSAGES)

/** PUT calendar/days/:date */
export const calendarDayValidator = vine.create({
  kind: vine.enum(['holiday', 'workday'] as const),
  name: vine.string().trim().minLength(1).maxLength(30),
})
labelled(calendarDayValidator, LABELS, MESSAGES)

/** PUT calendar/years/:year */
export const calendarYearValidator = vine.create({
  published: vine.boolean({ strict: true }),
})
labelled(calendarYearValidator, LABELS, MESSAGES)
