import type { DecisionsMetric } from '@szpm/core'
import type { CubeDefinition } from './types.ts'

/**
 * Per estate: its meetings by kind and state and its topics' results (voting_topic_facts, one row per
 * 表决议题, drafts left out: they are their convener's) with the topics' denominators (total area and
 * owners), and its standing ballots with the participating area and owners (decision_estate_totals,
 * the per-estate rollup of the ≈ 5M-row ballot_facts). One UNION ALL of the two, grouped by estate:
 * each branch fills its own columns and zeros the others.
 */
const zeros = (n: number) => Array.from({ length: n }, () => 'toInt64(0)').join(', ')
const PER_ESTATE =
  'SELECT estate_id, sum(assembly) AS assembly_meetings, sum(committee) AS committee_meetings, sum(open) AS open_meetings, sum(closed) AS closed_meetings, ' +
  'sum(voted) AS topics_voted, sum(passed) AS topics_passed, sum(total_area) AS total_area_centi, sum(total_owners) AS total_owners, ' +
  'sum(ballots) AS ballots, sum(voted_area) AS voted_area_centi, sum(voted_owners) AS voted_owners ' +
  'FROM (' +
  "SELECT estate_id, toInt64(uniqExactIf(meeting_id, meeting_kind = 'owners_assembly')) AS assembly, toInt64(uniqExactIf(meeting_id, meeting_kind = 'committee')) AS committee, " +
  "toInt64(uniqExactIf(meeting_id, meeting_status = 'published')) AS open, toInt64(uniqExactIf(meeting_id, meeting_status = 'closed')) AS closed, " +
  "toInt64(countIf(meeting_status = 'closed')) AS voted, toInt64(countIf(meeting_status = 'closed' AND is_passed = 1)) AS passed, " +
  'toInt64(sum(total_area_centi)) AS total_area, toInt64(sum(total_owners)) AS total_owners, ' +
  'toInt64(0) AS ballots, toInt64(0) AS voted_area, toInt64(0) AS voted_owners ' +
  "FROM voting_topic_facts FINAL WHERE meeting_status != 'draft' GROUP BY estate_id " +
  'UNION ALL ' +
  `SELECT estate_id, ${zeros(8)}, ballots, voted_area_centi, voted_owners FROM decision_estate_totals FINAL` +
  ') GROUP BY estate_id'

const ratio = (part: string, whole: string) => `if(sum(${whole}) = 0, 0, sum(${part}) / sum(${whole}))`
const MEETINGS = '(assembly_meetings + committee_meetings)'

/**
 * 业主决策情况 (module 8): every estate (estate_profile_facts, its current place) with PER_ESTATE. The
 * participation rates are sums over the region's topics (of published and closed meetings): the
 * participating area over the topics' total area, the participating owners (per topic the distinct
 * owner keys, as the tally counts them) over their owner counts.
 */
export const cube: CubeDefinition<DecisionsMetric> = {
  name: 'decisions',
  table: 'estate_profile_facts',
  final: true,
  join: `ANY LEFT JOIN (${PER_ESTATE}) AS decisions USING estate_id`,
  metrics: {
    estates: { sql: 'count()', kind: 'count', description: 'estates' },
    usingEstates: { sql: `countIf(${MEETINGS} > 0)`, kind: 'count', description: 'estates with a published meeting' },
    usingRate: { sql: `if(count() = 0, 0, countIf(${MEETINGS} > 0) / count())`, kind: 'rate' },
    assemblyMeetings: { sql: 'sum(assembly_meetings)', kind: 'count' },
    committeeMeetings: { sql: 'sum(committee_meetings)', kind: 'count' },
    openMeetings: { sql: 'sum(open_meetings)', kind: 'count' },
    closedMeetings: { sql: 'sum(closed_meetings)', kind: 'count' },
    topicsVoted: { sql: 'sum(topics_voted)', kind: 'count' },
    topicsPassed: { sql: 'sum(topics_passed)', kind: 'count' },
    topicsFailed: { sql: 'sum(topics_voted) - sum(topics_passed)', kind: 'count' },
    passRate: { sql: ratio('topics_passed', 'topics_voted'), kind: 'rate' },
    ballots: { sql: 'sum(ballots)', kind: 'count' },
    areaTurnout: { sql: ratio('voted_area_centi', 'total_area_centi'), kind: 'rate' },
    ownerTurnout: { sql: ratio('voted_owners', 'total_owners'), kind: 'rate' },
  },
}
