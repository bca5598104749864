import type { evaluations } from '@szpm/core'
import type { CubeDefinition, DeclaredMetric } from './types.ts'

/**
 * 街道社区评价 (module 13) per estate × half-year (table estate_evaluation_facts), as of a date.
 *
 * The stored state may lag: the window-close job auto-scores unreviewed halves some time after the
 * window ends. So every metric is computed "as of" `asOf` (today, Asia/Shanghai), with the rule of
 * backend/app/services/evaluation_periods.ts:
 *
 *  - closed  = closes_on < asOf (the window's last day counts as open);
 *  - reviewed / auto_scored rows score final_score;
 *  - pending / submitted rows score 100 once closed (counted as autoScored), else unknown and
 *    counted as pending / submitted.
 *
 * So pending + submitted + reviewed + autoScored = estates, always. The score buckets are over the
 * rows whose effective score is known: below60 < 60 ≤ from60to69 < 70 ≤ … ≤ from90to100.
 */
const CLOSED = 'closes_on < asOf'
const STILL_OPEN = 'closes_on >= asOf'
const FINAL_STATE = "state IN ('reviewed', 'auto_scored')"
const OPEN_STATE = "state IN ('pending', 'submitted')"
/** the effective score is known */
const KNOWN = `(${FINAL_STATE} OR ${CLOSED})`
/** the effective score (meaningful where KNOWN) */
const SCORE = `if(${FINAL_STATE}, final_score, 100)`
const bucket = (condition: string) => `countIf(${KNOWN} AND ${condition})`

export const cube: CubeDefinition<DeclaredMetric<typeof evaluations>> = {
  name: 'estate_evaluations',
  table: 'estate_evaluation_facts',
  final: true,
  filters: {
    year: { column: 'year', type: 'UInt16', description: 'evaluation year' },
    half: { column: 'half', type: 'UInt8', description: '1 = first half, 2 = second half' },
  },
  params: {
    asOf: { type: 'Date', description: 'today (Asia/Shanghai): windows that closed before it count as auto-scored' },
  },
  metrics: {
    estates: { sql: 'count()', kind: 'count', description: 'estates with an evaluation for the half' },
    evaluated: { sql: 'countIf(was_submitted = 1)', kind: 'count', description: 'community staff submitted scores' },
    pending: { sql: `countIf(state = 'pending' AND ${STILL_OPEN})`, kind: 'count', description: 'still open, not submitted' },
    submitted: { sql: `countIf(state = 'submitted' AND ${STILL_OPEN})`, kind: 'count', description: 'still open, waiting for review' },
    reviewed: { sql: "countIf(state = 'reviewed')", kind: 'count' },
    autoScored: { sql: `countIf(state = 'auto_scored' OR (${OPEN_STATE} AND ${CLOSED}))`, kind: 'count' },
    averageScore: { sql: `if(countIf(${KNOWN}) = 0, NULL, avgIf(${SCORE}, ${KNOWN}))`, kind: 'average' },
    below60: { sql: bucket(`${SCORE} < 60`), kind: 'count' },
    from60to69: { sql: bucket(`${SCORE} >= 60 AND ${SCORE} < 70`), kind: 'count' },
    from70to79: { sql: bucket(`${SCORE} >= 70 AND ${SCORE} < 80`), kind: 'count' },
    from80to89: { sql: bucket(`${SCORE} >= 80 AND ${SCORE} < 90`), kind: 'count' },
    from90to100: { sql: bucket(`${SCORE} >= 90`), kind: 'count' },
  },
}
