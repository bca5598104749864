import vine from '@vinejs/vine'
import { idField, pageField, perPageField } from '#validators/numbers'
import { labelled } from '#validators/messages'

const queryId = () => idField({ query: true })
const id = () => idField()
const dateField = () => vine.date({ formats: ['YYYY-MM-DD'] })
const monthField = () => vine.string().trim().regex(/^\d{4}-(0[1-9]|1[0-2])$/)

/** the Chinese labels of this module's query fields (the shared ones — region, page … — are the defaults) */
const LABELS = {
  should_open: '应开共有资金账户',
  open_state: '开户情况',
  account_kind: '账户类型',
  account_status: '账户状态',
  abnormal: '异常账户',
  enforcement: '逾期未开户',
  q: '物业项目名称',
  from: '开始月份',
  to: '结束月份',
}

/** the records behind a 共有资金情况 number (穿透), with the filters the metrics use */
export const commonFundEstateListValidator = labelled(
  vine.create({
    region_id: queryId().optional(),
    estate_id: queryId().optional(),
    should_open: vine.enum(['0', '1']).optional(),
    open_state: vine.enum(['opened', 'not_opened']).optional(),
    account_kind: vine.enum(['basic', 'co_managed']).optional(),
    account_status: vine.enum(['normal', 'closed']).optional(),
    abnormal: vine.enum(['0', '1']).optional(),
    enforcement: vine.enum(['rectification', 'penalty']).optional(),
    q: vine.string().trim().maxLength(50).optional(),
    page: pageField().optional(),
    per_page: perPageField().optional(),
  }),
  LABELS
)

/** an account's 账户流水, optionally between two days */
export const commonFundTransactionListValidator = labelled(
  vine.create({
    from: dateField().optional(),
    to: dateField().afterOrSameAs('from').optional(),
    page: pageField().optional(),
    per_page: perPageField().optional(),
  }),
  { from: '开始日期', to: '结束日期' }
)

/** 共享银行统计: the region and the months (YYYY-MM, default the last 12) */
export const commonFundBankValidator = labelled(
  vine.create({
    region_id: queryId().optional(),
    from: monthField().optional(),
    to: monthField().optional(),
  }),
  LABELS
)

/** 责令整改 (a street) or 行政处罚 (a district) of an estate overdue in opening its account */
export const createEnforcementValidator = labelled(
  vine.create({
    estate_id: id(),
    kind: vine.enum(['rectification', 'penalty']),
    decided_on: dateField(),
    document_no: vine.string().trim().minLength(1).maxLength(64),
  }),
  { kind: '处理类型', decided_on: '决定日期', document_no: '文书号' }
)
