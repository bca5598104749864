import vine, { SimpleMessagesProvider } from '@vinejs/vine'

/**
 * 节假日日历. The global messages (start/validator.ts) translate `kind` and `name` as 备案类型 / 姓名,
 * so these validators carry their own Chinese messages.
 */
const messages = new SimpleMessagesProvider(
  {
    'required': '{{ field }}不能为空',
    'string': '{{ field }}必须是文本',
    'number': '{{ field }}必须是数字',
    'boolean': '{{ field }}必须是是/否',
    'minLength': '{{ field }}至少 {{ min }} 个字符',
    'maxLength': '{{ field }}不能超过 {{ max }} 个字符',
    'range': '{{ field }}必须在 {{ min }} 到 {{ max }} 之间',
    'withoutDecimals': '{{ field }}必须是整数',
    'enum': '{{ field }}的取值无效',
    'kind.enum': '类型必须是“放假”或“调休上班”',
    'regex': '{{ field }}格式不正确',
  },
  { year: '年份', kind: '类型', name: '名称', published: '发布状态' }
)

export const YEAR_RANGE: [number, number] = [2000, 2100]

const year = () => vine.number().withoutDecimals().range(YEAR_RANGE)

/** ?year= of the day list and its export */
export const calendarYearQueryValidator = vine.create({ year: year() })
calendarYearQueryValidator.messagesProvider = messages

/** PUT calendar/days/:date */
export const calendarDayValidator = vine.create({
  kind: vine.enum(['holiday', 'workday'] as const),
  name: vine.string().trim().minLength(1).maxLength(30),
})
calendarDayValidator.messagesProvider = messages

/** PUT calendar/years/:year */
export const calendarYearValidator = vine.create({
  published: vine.boolean({ strict: true }),
})
calendarYearValidator.messagesProvider = messages
