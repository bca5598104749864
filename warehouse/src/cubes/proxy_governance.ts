import type { proxyGovernance } from '@szpm/core'
import type { CubeDefinition, DeclaredMetric } from './types.ts'

/** Per estate, its 居代业 by state and outcome (proxy_governance_facts, one row per 居代业, FINAL). */
export const PROXY_GOVERNANCE_PER_ESTATE =
  "SELECT estate_id, count() AS n_cases, countIf(state = 'collecting') AS n_collecting, countIf(state = 'acting') AS n_acting, " +
  "countIf(state = 'ended') AS n_ended, countIf(state = 'ended' AND outcome = 'declined') AS n_declined, countIf(state = 'ended' AND outcome = 'terminated') AS n_terminated " +
  'FROM proxy_governance_facts FINAL GROUP BY estate_id'

/**
 * 居代业统计 (module 23): every estate (estate_profile_facts: its current place and whether it has a
 * working owners' committee) with PROXY_GOVERNANCE_PER_ESTATE.
 */
export const cube: CubeDefinition<DeclaredMetric<typeof proxyGovernance>> = {
  name: 'proxy_governance',
  table: 'estate_profile_facts',
  final: true,
  join: `ANY LEFT JOIN (${PROXY_GOVERNANCE_PER_ESTATE}) AS proxy_estates USING estate_id`,
  metrics: {
    estates: { sql: 'count()', kind: 'count' },
    estatesWithoutCommittee: { sql: 'countIf(has_committee = 0)', kind: 'count' },
    estatesUnderProxy: { sql: 'countIf(n_acting > 0)', kind: 'count', description: 'estates with a 居代业 代行中' },
    cases: { sql: 'sum(n_cases)', kind: 'count' },
    collecting: { sql: 'sum(n_collecting)', kind: 'count' },
    acting: { sql: 'sum(n_acting)', kind: 'count' },
    ended: { sql: 'sum(n_ended)', kind: 'count' },
    declined: { sql: 'sum(n_declined)', kind: 'count' },
    terminated: { sql: 'sum(n_terminated)', kind: 'count' },
  },
}
