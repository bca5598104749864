/** 业主决策情况 (module 8): wire types of the topics list (穿透) and of a topic's turnout. */
import type { DecisionResult } from '../../modules/decisions.ts'
import type { VotingMeetingKind, VotingMeetingStatus } from '../../modules/voting.ts'
import type { EstatePlaceRow } from './common.ts'

/** one 表决议题 of a published or closed meeting with the tally's numbers (areas in ㎡) */
export interface DecisionTopicRow extends EstatePlaceRow {
  id: number
  meetingId: number
  meetingTitle: string
  kind: VotingMeetingKind
  kindName: string
  status: VotingMeetingStatus
  statusName: string
  /** ISO instant */
  closesAt: string
  seq: number
  topicTitle: string
  item: number
  itemName: string
  ruleName: string
  ballots: number
  totalArea: number
  votedArea: number
  /** 0..1 */
  areaTurnout: number
  totalOwners: number
  votedOwners: number
  /** 0..1 */
  ownerTurnout: number
  agreeArea: number
  agreeOwners: number
  result: DecisionResult
  resultName: string
}

/** one building (or one day) of a topic's turnout; areas in ㎡ */
export interface DecisionTurnoutRow {
  /** the building's name, or the day YYYY-MM-DD */
  key: string
  /** houses of the building (by day: null) */
  houses: number | null
  ballots: number
  /** by day: the ballots standing at the end of that day, cumulated */
  cumulativeBallots: number
  votedArea: number
  /** by building: the building's total area; by day: null */
  totalArea: number | null
  /** by building: votedArea ÷ totalArea; by day: the cumulated area ÷ the estate's total */
  areaTurnout: number
}
