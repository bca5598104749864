import { ART_278_ITEM_NAMES, VOTING_MEETING_KINDS, VOTING_MEETING_STATUSES } from '@szpm/core'
import type { VotingMeetingRow, VotingTopic } from '@szpm/core/api'
import type { MeetingRow, TopicResult } from '#modules/voting/meeting_service'

const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null)

export function transformMeeting(meeting: MeetingRow): VotingMeetingRow {
  return {
    id: meeting.id,
    estateId: meeting.estateId,
    estateName: meeting.estateName,
    kind: meeting.kind,
    kindName: VOTING_MEETING_KINDS[meeting.kind],
    convener: meeting.convener,
    convenerName: meeting.convener === 'committee' ? '业主委员会' : '街道（居代业）',
    title: meeting.title,
    opensAt: iso(meeting.opensAt)!,
    closesAt: iso(meeting.closesAt)!,
    status: meeting.status,
    statusName: VOTING_MEETING_STATUSES[meeting.status],
    publishedAt: iso(meeting.publishedAt),
    resultPublishedAt: iso(meeting.resultPublishedAt),
    version: meeting.version,
  }
}

/** the rule applied, in words, with the six numbers (area in m² as text with two decimals, exact) */
export function transformTopic(topic: TopicResult): VotingTopic {
  const m2 = (centi: number) => `${Math.trunc(centi / 100)}.${String(centi % 100).padStart(2, '0')}`
  const t = topic.tally
  return {
    id: topic.id,
    seq: topic.seq,
    title: topic.title,
    description: topic.description,
    item: topic.item,
    itemName: ART_278_ITEM_NAMES[topic.item] as string,
    rule: topic.item >= 6 && topic.item <= 8 ? '参与表决专有部分面积和人数均达四分之三以上同意' : '参与表决专有部分面积和人数均过半数同意',
    result: t && {
      totalArea: m2(t.total.areaCenti), totalOwners: t.total.owners,
      participatingArea: m2(t.participating.areaCenti), participatingOwners: t.participating.owners,
      agreeArea: m2(t.agree.areaCenti), agreeOwners: t.agree.owners,
      quorum: t.quorum, threshold: t.threshold, passed: t.passed,
    },
  }
}
