import type { TendersMetric } from '@szpm/core'
import type { CubeDefinition } from './types.ts'

/**
 * Per estate, its filings (counted on each filing's last round: is_last = 1) by current state, method and
 * tenderer kind, its rounds by decision, and every round's SLA inputs as parallel arrays — the decision
 * day (1970-01-02 while open), the days it reaches working day 6 and 10 (1970-01-02: past the calendar)
 * and the last day the calendar knows — so the metrics bucket each round as of its decision day, or as
 * of `asOf` (today) while open, at read time (tender_round_facts, warehouse migration 0025).
 */
export const TENDERS_PER_ESTATE =
  'SELECT estate_id, countIf(is_last = 1) AS t_filings, ' +
  "countIf(is_last = 1 AND state = 'first_review') AS t_first, countIf(is_last = 1 AND state = 'final_review') AS t_final, " +
  "countIf(is_last = 1 AND state = 'rejected') AS t_rejected, countIf(is_last = 1 AND state = 'approved') AS t_approved, " +
  "countIf(is_last = 1 AND tender_method = 'public') AS t_public, countIf(is_last = 1 AND tender_method = 'invited') AS t_invited, " +
  "countIf(is_last = 1 AND tenderer_kind = 'committee') AS t_committee, countIf(is_last = 1 AND tenderer_kind = 'developer') AS t_developer, " +
  "count() AS t_rounds, countIf(decision = 'approved') AS t_round_approved, countIf(decision = 'rejected') AS t_round_rejected, countIf(decision = '') AS t_round_open, " +
  'groupArray(decided_on) AS t_decided, groupArray(overdue_from) AS t_overdue, groupArray(severe_from) AS t_severe, groupArray(known_until) AS t_known ' +
  'FROM tender_round_facts FINAL GROUP BY estate_id'

const NONE = "toDate('1970-01-02')"
/** a round's 办理时长 bucket (1 正常办理, 2 已超期, 3 严重超期, 4 未知) as of its decision day or, open, as of asOf */
const BUCKET = `multiIf(if(d > ${NONE}, d, asOf) > k, 4, s > ${NONE} AND if(d > ${NONE}, d, asOf) >= s, 3, o > ${NONE} AND if(d > ${NONE}, d, asOf) >= o, 2, 1)`
const bucket = (code: number) => ({ sql: `sum(arrayCount((d, o, s, k) -> ${BUCKET} = ${code}, t_decided, t_overdue, t_severe, t_known))`, kind: 'count' }) as const

/**
 * 招标投标统计 (module 21): every estate (estate_profile_facts, its current place) with its filings and
 * rounds. The 办理情况 buckets follow app/modules/tenders/tender_sla.ts (≤ 5 / 6–9 / ≥ 10 working days,
 * 未知 when the calendar lacks a counted year), open rounds measured to `asOf`.
 */
export const cube: CubeDefinition<TendersMetric> = {
  name: 'tenders',
  table: 'estate_profile_facts',
  final: true,
  join: `ANY LEFT JOIN (${TENDERS_PER_ESTATE}) AS tenders USING estate_id`,
  params: {
    asOf: { type: 'Date', description: 'today (Asia/Shanghai): open rounds are measured up to it' },
  },
  metrics: {
    estates: { sql: 'count()', kind: 'count', description: 'estates' },
    usingEstates: { sql: 'countIf(t_filings > 0)', kind: 'count', description: 'estates with a filing' },
    filings: { sql: 'sum(t_filings)', kind: 'count' },
    firstReviewFilings: { sql: 'sum(t_first)', kind: 'count' },
    finalReviewFilings: { sql: 'sum(t_final)', kind: 'count' },
    rejectedFilings: { sql: 'sum(t_rejected)', kind: 'count' },
    approvedFilings: { sql: 'sum(t_approved)', kind: 'count' },
    publicFilings: { sql: 'sum(t_public)', kind: 'count' },
    invitedFilings: { sql: 'sum(t_invited)', kind: 'count' },
    committeeFilings: { sql: 'sum(t_committee)', kind: 'count' },
    developerFilings: { sql: 'sum(t_developer)', kind: 'count' },
    rounds: { sql: 'sum(t_rounds)', kind: 'count' },
    approvedRounds: { sql: 'sum(t_round_approved)', kind: 'count' },
    rejectedRounds: { sql: 'sum(t_round_rejected)', kind: 'count' },
    openRounds: { sql: 'sum(t_round_open)', kind: 'count' },
    normalRounds: bucket(1),
    overdueRounds: bucket(2),
    severeRounds: bucket(3),
    unknownRounds: bucket(4),
  },
}
