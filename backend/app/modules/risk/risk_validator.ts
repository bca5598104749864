import vine from '@vinejs/vine'
import { labelled } from '#validators/messages'
import { RISK_SIGNAL_KEYS } from '@szpm/core'

/** the Chinese labels of 风险预警设置's fields */
const LABELS = {
  signals: '预警信号',
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
