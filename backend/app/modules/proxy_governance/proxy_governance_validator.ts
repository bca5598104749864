import vine from '@vinejs/vine'
import { PROXY_GOVERNANCE_OUTCOMES, PROXY_GOVERNANCE_STATES, type ProxyGovernanceOutcome, type ProxyGovernanceState } from '@szpm/core'
import { labelled } from '#validators/messages'
import { idField, pageField, perPageField, versionField } from '#validators/numbers'

const LABELS = {
  region_id: '区域', estate_id: '物业项目', state: '状态', outcome: '结束方式', q: '关键字', version: '版本',
  reason: '发起原因', content: '公告内容', remark: '办理说明', agent: '代行主体',
}
/** rich text as sent (sanitised by 信息公开's template check) */
const CONTENT_MAX = 20_000
/** text PostgreSQL can store: no NUL character */
const NO_NUL = /^[^\u0000]*$/

export const proxyListValidator = labelled(
  vine.create({
    region_id: idField({ query: true }).optional(),
    estate_id: idField({ query: true }).optional(),
    state: vine.enum(Object.keys(PROXY_GOVERNANCE_STATES) as ProxyGovernanceState[]).optional(),
    outcome: vine.enum(Object.keys(PROXY_GOVERNANCE_OUTCOMES) as ProxyGovernanceOutcome[]).optional(),
    q: vine.string().trim().maxLength(50).optional(),
    page: pageField().optional(),
    per_page: perPageField().optional(),
  }),
  LABELS
)

export const proxyEstatesValidator = labelled(vine.create({ q: vine.string().trim().maxLength(50).optional() }), LABELS)

/** required-ness is the process's (`requires`): the engine answers a blank field with 请填写… */
export const startProxyValidator = labelled(
  vine.create({
    estate_id: idField(),
    reason: vine.string().trim().maxLength(500).regex(NO_NUL).optional(),
    content: vine.string().maxLength(CONTENT_MAX).regex(NO_NUL).optional(),
  }),
  LABELS
)

export const proxyStepValidator = labelled(
  vine.create({
    version: versionField(),
    remark: vine.string().trim().maxLength(500).regex(NO_NUL).optional(),
    content: vine.string().maxLength(CONTENT_MAX).regex(NO_NUL).optional(),
    agent: vine.string().trim().maxLength(100).regex(NO_NUL).optional(),
  }),
  LABELS
)
