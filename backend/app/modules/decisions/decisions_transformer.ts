import { ART_278_ITEM_NAMES, DECISION_RESULTS, VOTING_MEETING_KINDS, type DecisionResult, type DecisionTopicRow, type VotingMeetingKind, type VotingMeetingStatus } from '@szpm/core'
import { estatePlaceFields } from '#services/estate_place'
import { ruleOf, type Art278Item } from '#modules/voting/tally'

/** 表决中 / 已结束 as the statistics name the two states a street sees */
const STATUS_NAMES: Record<string, string> = { published: '表决中', closed: '已结束' }
const RULE_NAMES = {
  ordinary: '双三分之二参与，参与面积和人数均过半数同意',
  special: '双三分之二参与，参与面积和人数均四分之三以上同意',
} as const

/** 0.01 m² (a bigint as text or number) → ㎡ */
const squareMetres = (centi: unknown) => Number(centi ?? 0) / 100
const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0)

export function transformDecisionTopic(row: Record<string, any>): DecisionTopicRow {
  const item = Number(row.art278_item) as Art278Item
  const result: DecisionResult = row.status === 'closed' ? (row.passed ? 'passed' : 'failed') : 'open'
  const totalCenti = Number(row.total_area ?? 0)
  const votedCenti = Number(row.voted_area ?? 0)
  const totalOwners = Number(row.total_owners ?? 0)
  const votedOwners = Number(row.voted_owners ?? 0)
  return {
    id: Number(row.id),
    ...estatePlaceFields(row),
    meetingId: Number(row.meeting_id),
    meetingTitle: row.meeting_title,
    kind: row.kind as VotingMeetingKind,
    kindName: VOTING_MEETING_KINDS[row.kind as VotingMeetingKind] ?? row.kind,
    status: row.status as VotingMeetingStatus,
    statusName: STATUS_NAMES[row.status] ?? row.status,
    closesAt: new Date(row.closes_at).toISOString(),
    seq: Number(row.seq),
    topicTitle: row.topic_title,
    item,
    itemName: `第${item}项 ${ART_278_ITEM_NAMES[item]}`,
    ruleName: RULE_NAMES[ruleOf(item)],
    ballots: Number(row.ballots ?? 0),
    totalArea: squareMetres(totalCenti),
    votedArea: squareMetres(votedCenti),
    areaTurnout: share(votedCenti, totalCenti),
    totalOwners,
    votedOwners,
    ownerTurnout: share(votedOwners, totalOwners),
    agreeArea: squareMetres(row.agree_area),
    agreeOwners: Number(row.agree_owners ?? 0),
    result,
    resultName: DECISION_RESULTS[result],
  }
}
