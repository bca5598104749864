/**
 * 风险预警设置: one row per declared signal (weight, threshold, enabled) and the level bounds, read by
 * the daily job at the start of every run (so a change applies on the next run) and edited by the city
 * administrator; the change is described on the request's audit row (who, which fields, before → after).
 */
import db from '@adonisjs/lucid/services/db'
import { errors as vineErrors } from '@vinejs/vine'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { RISK_DEFAULT_SETTINGS, RISK_SIGNAL_KEYS, type RiskSettings, type RiskSignalKey } from '@szpm/core'

export async function loadRiskSettings(client: QueryClientContract = db.connection()): Promise<RiskSettings> {
  const settings: RiskSettings = structuredClone(RISK_DEFAULT_SETTINGS)
  const rows = await client.from('risk_signal_settings').select('signal', 'weight', 'threshold', 'enabled')
  for (const row of rows) {
    if (!RISK_SIGNAL_KEYS.includes(row.signal)) continue
    settings.signals[row.signal as RiskSignalKey] = { weight: Number(row.weight), threshold: Number(row.threshold), enabled: Boolean(row.enabled) }
  }
  const levels = await client.from('risk_level_settings').where('id', 1).first()
  if (levels) settings.levels = { red: Number(levels.red), orange: Number(levels.orange), yellow: Number(levels.yellow) }
  return settings
}

export interface RiskSettingsInput {
  signals: { key: RiskSignalKey; weight: number; threshold: number; enabled: boolean }[]
  levels: { red: number; orange: number; yellow: number }
}

function fieldError(field: string, message: string, rule = 'risk'): never {
  throw new vineErrors.E_VALIDATION_ERROR([{ field, message, rule }])
}

/** the fields that changed, before → after (the audit row's detail) */
export type RiskSettingsChange = { field: string; before: number | boolean; after: number | boolean }

/** saves the settings in one transaction; 422 (nothing written) when a signal repeats or the levels are out of order */
export async function saveRiskSettings(input: RiskSettingsInput): Promise<RiskSettingsChange[]> {
  const seen = new Set<string>()
  input.signals.forEach((signal, index) => {
    if (seen.has(signal.key)) fieldError(`signals.${index}.key`, '预警信号重复')
    seen.add(signal.key)
  })
  const { red, orange, yellow } = input.levels
  if (!(orange < red)) fieldError('levels.orange', '橙色等级下限须低于红色等级下限')
  if (!(yellow < orange)) fieldError('levels.yellow', '黄色等级下限须低于橙色等级下限')
  return db.transaction(async (trx) => {
    const before = await loadRiskSettings(trx)
    const changes: RiskSettingsChange[] = []
    for (const signal of input.signals) {
      const old = before.signals[signal.key]
      for (const field of ['weight', 'threshold', 'enabled'] as const) {
        if (old[field] !== signal[field]) changes.push({ field: `${signal.key}.${field}`, before: old[field], after: signal[field] })
      }
      await trx.rawQuery(
        `INSERT INTO risk_signal_settings (signal, weight, threshold, enabled, updated_at) VALUES (?, ?, ?, ?, now())
         ON CONFLICT (signal) DO UPDATE SET weight = EXCLUDED.weight, threshold = EXCLUDED.threshold, enabled = EXCLUDED.enabled, updated_at = now()`,
        [signal.key, signal.weight, signal.threshold, signal.enabled]
      )
    }
    for (const field of ['red', 'orange', 'yellow'] as const) {
      if (before.levels[field] !== input.levels[field]) changes.push({ field: `levels.${field}`, before: before.levels[field], after: input.levels[field] })
    }
    await trx.rawQuery(
      `INSERT INTO risk_level_settings (id, red, orange, yellow, updated_at) VALUES (1, ?, ?, ?, now())
       ON CONFLICT (id) DO UPDATE SET red = EXCLUDED.red, orange = EXCLUDED.orange, yellow = EXCLUDED.yellow, updated_at = now()`,
      [red, orange, yellow]
    )
    return changes
  })
}
