/*
| Chinese validation messages, in one place: the message of every VineJS rule the API uses and the
| Chinese label of every field a validator takes. start/validator.ts installs `messagesProvider` for
| every validator; a validator whose field means something else than the default label (a template's
| `name` is 模板名称, not 姓名) gets its own provider from `labelled(validator, { name: '模板名称' })`.
|
| A label is looked up by the field's wildcard path (`items.*.name`), then its path (`items.0.name`),
| then its name; a field with no label reads 该项 (never its English name) — the test
| tests/functional/validation_messages.spec.ts fails on any message that does.
*/
import type { FieldContext, MessagesProviderContact } from '@vinejs/vine/types'

export const RULE_MESSAGES: Record<string, string> = {
  'required': '{{ field }}不能为空',
  'string': '{{ field }}必须是文本',
  'number': '{{ field }}必须是数字',
  'boolean': '{{ field }}必须是是/否',
  'date': '{{ field }}不是有效日期（格式 YYYY-MM-DD）',
  'date.afterOrSameAs': '{{ field }}不能早于{{ otherField }}',
  'date.afterField': '{{ field }}必须晚于{{ otherField }}',
  'date.afterOrEqualToField': '{{ field }}不能早于{{ otherField }}',
  'minLength': '{{ field }}至少 {{ min }} 个字符',
  'maxLength': '{{ field }}不能超过 {{ max }} 个字符',
  'min': '{{ field }}不能小于 {{ min }}',
  'max': '{{ field }}不能大于 {{ max }}',
  'range': '{{ field }}必须在 {{ min }} 到 {{ max }} 之间',
  'withoutDecimals': '{{ field }}必须是整数',
  'positive': '{{ field }}必须是正数',
  'enum': '{{ field }}的取值无效',
  'object': '{{ field }}格式不正确',
  'record': '{{ field }}格式不正确',
  'array': '{{ field }}必须是列表',
  'array.minLength': '{{ field }}至少需要 {{ min }} 项',
  'array.maxLength': '{{ field }}最多 {{ max }} 项',
  'distinct': '{{ field }}不能重复',
  'regex': '{{ field }}格式不正确',
  'mobile': '{{ field }}不是有效的手机号码',
  'in': '{{ field }}的取值无效',
  'passwordPolicy': '密码至少 8 位，且须包含大写字母、小写字母、数字、符号中的至少 3 类',
}

/** any other rule (a framework default message is English) */
const FALLBACK_MESSAGE = '{{ field }}格式不正确'
/** a field without a label */
export const UNLABELLED_FIELD = '该项'

/** the default Chinese label of every field name the API's validators take */
export const FIELD_LABELS: Record<string, string> = {
  // sessions, identity, account
  phone: '手机号',
  password: '密码',
  code: '验证码',
  captcha: '图形验证码',
  captcha_id: '图形验证码',
  name: '姓名',
  redirect: '跳转地址',
  identity_type: '身份类型',
  // accounts
  role: '角色',
  features: '功能权限',
  'features.*': '功能权限',
  // regions, estates, filings
  region_id: '区域',
  estate_id: '物业项目',
  estate_type: '项目类型',
  has_committee: '是否成立业主委员会',
  kind: '备案类型',
  status: '状态',
  document_no: '备案编号',
  filed_on: '备案日期',
  expires_on: '到期日期',
  version: '版本号',
  remark: '备注',
  contract_status: '合同备案状态',
  assembly_status: '业主大会备案状态',
  // lists
  q: '关键词',
  page: '页码',
  per_page: '每页条数',
  tab: '分类',
  process: '事项类型',
  // audit log
  from: '开始日期',
  to: '结束日期',
  user: '用户',
  action: '操作类型',
  outcome: '结果',
  // evaluations
  year: '年度',
  half: '半年度',
  state: '状态',
  scores: '评分',
  'scores.*': '评分',
  opinion: '审核意见',
  items: '评分项',
  'items.*': '评分项',
  'items.*.key': '评分项编码',
  'items.*.name': '评分项名称',
  'items.*.description': '评分项说明',
  'items.*.maxScore': '满分',
  'items.*.weight': '权重',
  key: '评分项编码',
  description: '说明',
  maxScore: '满分',
  weight: '权重',
  // calendar
  published: '发布状态',
}

function interpolate(template: string, data: Record<string, unknown>) {
  return template.replace(/{{\s*([\w.]+)\s*}}/g, (_m, key: string) => String(data[key] ?? ''))
}

/** Chinese messages with Chinese field labels (never a field's English name) */
export class ChineseMessagesProvider implements MessagesProviderContact {
  readonly #messages: Record<string, string>
  readonly #labels: Record<string, string>

  constructor(labels: Record<string, string> = {}, messages: Record<string, string> = {}) {
    this.#labels = { ...FIELD_LABELS, ...labels }
    this.#messages = { ...RULE_MESSAGES, ...messages }
  }

  label(field: { wildCardPath?: string; getFieldPath?: () => string; name: string | number } | string): string {
    if (typeof field === 'string') return this.#labels[field] ?? UNLABELLED_FIELD
    const path = field.getFieldPath?.()
    return (
      (field.wildCardPath && this.#labels[field.wildCardPath]) ||
      (path && this.#labels[path]) ||
      this.#labels[String(field.name)] ||
      UNLABELLED_FIELD
    )
  }

  getMessage(_defaultMessage: string, rule: string, field: FieldContext, args: Record<string, any> = {}) {
    const template =
      this.#messages[`${field.getFieldPath()}.${rule}`] ??
      this.#messages[`${field.wildCardPath}.${rule}`] ??
      this.#messages[rule] ??
      FALLBACK_MESSAGE
    const data: Record<string, unknown> = { ...args, field: this.label(field) }
    if (typeof args.otherField === 'string') data.otherField = this.label(args.otherField)
    return interpolate(template, data)
  }
}

/** the provider start/validator.ts installs for every validator */
export const messagesProvider = new ChineseMessagesProvider()

/** gives one validator its own labels (and rule messages) on top of the defaults */
export function labelled<V extends { messagesProvider?: MessagesProviderContact }>(
  validator: V,
  labels: Record<string, string>,
  messages: Record<string, string> = {}
): V {
  validator.messagesProvider = new ChineseMessagesProvider(labels, messages)
  return validator
}
