import vine from '@vinejs/vine'
import { labelled } from '#validators/messages'
import { idField, integer, pageField, perPageField } from '#validators/numbers'
import { FREQUENCIES } from './export_schedule.ts'
import { TABLE_KINDS } from './exportable_tables.ts'

const moduleField = () => vine.string().trim().minLength(1).maxLength(40)

/** 导出记录 list */
export const exportRunListValidator = vine.create({
  page: pageField().optional(),
  per_page: perPageField().optional(),
})

/**
 * 立即导出: a module's statistics table of a region in the user's scope (default: their own), or its
 * records list with the list page's filters (`query`, as the list's query string; the list's own
 * validator checks them).
 */
export const exportRequestValidator = vine.create({
  module: moduleField(),
  kind: vine.enum(TABLE_KINDS).optional(),
  region_id: idField().optional(),
  query: vine
    .record(vine.string().trim().maxLength(200))
    .optional()
    .use(vine.createRule((value, _options, field) => {
      if (value && Object.keys(value as object).length > 20) field.report('筛选条件过多', 'query', field)
    })()),
})

/** 订阅定时导出: the table, the region and when (Shenzhen time) */
export const exportSubscriptionValidator = vine.create({
  module: moduleField(),
  region_id: idField().optional(),
  frequency: vine.enum(FREQUENCIES),
  time_of_day: vine.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  weekday: integer({ min: 1, max: 7 }).optional(),
  month_day: integer({ min: 1, max: 28 }).optional(),
})

const LABELS = {
  module: '统计表',
  kind: '导出类型',
  query: '筛选条件',
  'query.*': '筛选条件',
  frequency: '导出周期',
  time_of_day: '导出时间',
  weekday: '星期',
  month_day: '日期',
}
const MESSAGES = { 'time_of_day.regex': '导出时间须为 HH:mm 格式（北京时间），如 08:00' }
labelled(exportRunListValidator, LABELS)
labelled(exportRequestValidator, LABELS, MESSAGES)
labelled(exportSubscriptionValidator, LABELS, MESSAGES)
