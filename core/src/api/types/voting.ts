/** 电子投票 (module 17) wire types: backend/app/modules/voting/voting_transformer.ts builds them. */
import type { VotingChoice, VotingMeetingKind, VotingMeetingStatus } from '../../modules/voting.ts'

export interface VotingMeetingRow {
  id: number
  estateId: number
  estateName: string
  kind: VotingMeetingKind
  kindName: string
  convener: 'committee' | 'proxy'
  convenerName: string
  title: string
  opensAt: string
  closesAt: string
  status: VotingMeetingStatus
  statusName: string
  publishedAt: string | null
  resultPublishedAt: string | null
  version: number
}

/** the tally's six numbers (area in m² as exact text with two decimals), the two tests and the verdict */
export interface VotingTopicResult {
  totalArea: string
  totalOwners: number
  participatingArea: string
  participatingOwners: number
  agreeArea: string
  agreeOwners: number
  quorum: { area: boolean; owners: boolean; met: boolean }
  threshold: { area: boolean; owners: boolean; met: boolean }
  passed: boolean
}

export interface VotingTopic {
  id: number
  seq: number
  title: string
  description: string
  item: number
  itemName: string
  /** the threshold in words (ordinary or 3/4) */
  rule: string
  result: VotingTopicResult | null
}

export interface VotingMeetingDetail extends VotingMeetingRow {
  topics: VotingTopic[]
}

/** an owner's house on a topic, with their own standing choice */
export interface OwnerVotingHouse {
  id: number
  name: string
  choice: VotingChoice | null
  choiceName: string | null
  /** how the standing ballot came: 'paper' when the convener entered a paper ballot for the house */
  channel: 'h5' | 'paper' | null
}

export interface OwnerVotingMeeting {
  id: number
  estateId: number
  estateName: string
  kind: VotingMeetingKind
  kindName: string
  title: string
  opensAt: string
  closesAt: string
  status: VotingMeetingStatus
  statusName: string
  topics: (VotingTopic & { houses: OwnerVotingHouse[] })[]
}

export interface CastBallotResult {
  ballotId: number
  choice: VotingChoice
  choiceName: string
  castAt: string
}

/** a paper ballot as entered by the convener (纸质选票录入记录): one row per entry, its choices by topic */
export interface PaperBallotEntry {
  requestId: string
  houseId: number
  houseName: string
  enteredBy: string
  enteredAt: string
  /** the ballot id whose scan `voting_paper_ballots.download` returns */
  scanBallotId: number
  choices: { topicId: number; seq: number; choice: VotingChoice; choiceName: string; standing: boolean }[]
}

export interface PaperScanToken {
  token: string
  fileName: string
  sizeBytes: number
}

export interface PaperBallotResult {
  replayed: boolean
  ballots: { topicId: number; ballotId: number; choice: VotingChoice }[]
}

/** an estate the street may convene for as the 居代业 body (no owners' committee) */
export interface ProxyEstate {
  id: number
  name: string
}
