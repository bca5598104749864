import vine from '@vinejs/vine'
import { labelled } from '#validators/messages'
import { idField, pageField, perPageField } from '#validators/numbers'
import { RISK_LEVELS, RISK_SIGNAL_KEYS } from '@szpm/core'

/** the Chinese labels of 风险预警设置's fields */
const LABELS = {
  signals: '预警信号',
  'signals.*': '预警信号',
  key: '信号',
  weight: '权重',
  threshold: '阈值',
  enabled: '是否启用',
  levels: '等级阈值',
  red: '红色等级下限',
  orange: '橙色等级下限',
  yellow: '黄色等级下限',
}

const score = () => vine.number({ strict: true }).min(0).max(100)

/** the whole settings form: every declared signal once, and the three level bounds */
export const riskSettingsValidator = labelled(
  vine.create({
    signals: vine
      .array(
        vine.object({
          key: vine.enum(RISK_SIGNAL_KEYS),
          weight: score(),
          threshold: vine.number({ strict: true }).min(0).max(100000),
          enabled: vine.boolean({ strict: true }),
        })
      )
      .minLength(1)
      .maxLength(RISK_SIGNAL_KEYS.length),
    levels: vine.object({
      red: score().min(0.1),
      orange: score().min(0.1),
      yellow: score().min(0.1),
    }),
  }),
  LABELS
)

/** 风险预警物业项目's query string (穿透 from the statistics, and the estate tab) */
export const riskEstateListValidator = labelled(
  vine.create({
    region_id: idField({ query: true }).optional(),
    estate_id: idField({ query: true }).optional(),
    level: vine.enum(Object.keys(RISK_LEVELS) as (keyof typeof RISK_LEVELS)[]).optional(),
    q: vine.string().trim().maxLength(50).optional(),
    page: pageField().optional(),
    per_page: perPageField().optional(),
  }),
  { level: '预警等级', q: '关键词' }
)
