import type { RiskMetric } from '@szpm/core'
import type { CubeDefinition } from './types.ts'

/** each estate's row of the latest day the daily job ran (estate_risk_daily, migration 0036) */
const LATEST = `SELECT estate_id, 1 AS risk_scored, score AS risk_score, level AS risk_level FROM estate_risk_daily FINAL
  WHERE day = (SELECT max(day) FROM estate_risk_daily)`

/**
 * 物业项目风险预警: estates by level and the mean score of the latest daily run, per region. The cube
 * starts from the estate dimension (estate_profile_facts, the current place) and joins one row per
 * estate; an estate without a score of that day counts in no level.
 */
export const cube: CubeDefinition<RiskMetric> = {
  name: 'risk',
  table: 'estate_profile_facts',
  final: true,
  join: `ANY LEFT JOIN (${LATEST}) AS risk USING estate_id`,
  metrics: {
    scoredEstates: { sql: 'countIf(risk_scored = 1)', kind: 'count', description: 'estates scored on the latest day' },
    redEstates: { sql: "countIf(risk_scored = 1 AND risk_level = 'red')", kind: 'count' },
    orangeEstates: { sql: "countIf(risk_scored = 1 AND risk_level = 'orange')", kind: 'count' },
    yellowEstates: { sql: "countIf(risk_scored = 1 AND risk_level = 'yellow')", kind: 'count' },
    greenEstates: { sql: "countIf(risk_scored = 1 AND risk_level = 'green')", kind: 'count' },
    meanScore: { sql: 'if(countIf(risk_scored = 1) = 0, NULL, sumIf(risk_score, risk_scored = 1) / countIf(risk_scored = 1))', kind: 'average' },
  },
}
