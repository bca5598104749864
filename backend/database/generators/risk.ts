import { DateTime } from 'luxon'
import { RISK_DEFAULT_SETTINGS, RISK_SIGNAL_KEYS, riskScore, type RiskSettings, type RiskSignalKey } from '@szpm/core'
import commonFundsConfig from '#config/common_funds'
import { ZONE } from '#services/clock'
import { RISK_INPUTS_SQL_PG, riskInputRows } from '#modules/risk/risk_inputs'
import type { CopyValue } from './copy.ts'
import type { DataGenerator } from './types.ts'

/**
 * 物业项目风险预警: today's score of every estate, as the daily job would compute it from the generated
 * records (the same set-based inputs query and the pure scoring, with the settings in the database), and
 * today's run row. No to-dos or reminders: the generated platform starts with its first run done. The
 * warehouse gets the rows from the rebuild (fact source `estate_risk`).
 */
export const risk: DataGenerator = {
  name: 'risk',
  description: '物业项目风险预警: today\'s risk score of every estate',
  tables: ['estate_risk_scores', 'risk_runs'],
  async run(ctx) {
    const { client } = ctx
    const day = DateTime.fromJSDate(ctx.now, { zone: ZONE }).toISODate()!
    const settings: RiskSettings = structuredClone(RISK_DEFAULT_SETTINGS)
    for (const row of (await client.query('SELECT signal, weight, threshold, enabled FROM risk_signal_settings')).rows) {
      if (RISK_SIGNAL_KEYS.includes(row.signal)) settings.signals[row.signal as RiskSignalKey] = { weight: Number(row.weight), threshold: Number(row.threshold), enabled: Boolean(row.enabled) }
    }
    const levels = (await client.query('SELECT red, orange, yellow FROM risk_level_settings WHERE id = 1')).rows[0]
    if (levels) settings.levels = { red: Number(levels.red), orange: Number(levels.orange), yellow: Number(levels.yellow) }

    const estates = riskInputRows((await client.query(RISK_INPUTS_SQL_PG, [day, commonFundsConfig.openDays])).rows)
    const bar = ctx.progress.start('risk scores', estates.length, 'estates')
    let red = 0
    const rows = estates.map((estate): CopyValue[] => {
      const result = riskScore(estate.inputs, settings)
      if (result.level === 'red') red++
      bar.increment()
      const signals = result.signals.map((signal) => ({ ...signal, input: estate.inputs[signal.key] ?? null }))
      return [day, estate.estateId, result.score, result.level, JSON.stringify(signals), ctx.now]
    })
    const scores = await ctx.copy('estate_risk_scores', ['day', 'estate_id', 'score', 'level', 'signals', 'computed_at'], rows)
    bar.stop()
    await client.query(
      `INSERT INTO risk_runs (day, settings, estates, red, new_red, finished_at) VALUES ($1, $2, $3, $4, 0, $5)
       ON CONFLICT (day) DO UPDATE SET settings = EXCLUDED.settings, estates = EXCLUDED.estates, red = EXCLUDED.red, finished_at = EXCLUDED.finished_at`,
      [day, JSON.stringify(settings), estates.length, red, ctx.now]
    )
    return { estate_risk_scores: scores, risk_runs: 1 }
  },
}
