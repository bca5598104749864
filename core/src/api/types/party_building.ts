/** 党建园地 (module 24): wire types of the committee members list and of 民意征集. */
import type { CommitteeRole } from '../../modules/party_building_statistics.ts'
import type { EstatePlaceRow } from './common.ts'

/** one owners' committee member of the records behind a 党建统计 number (穿透) */
export interface CommitteeMemberRow extends EstatePlaceRow {
  id: number
  name: string
  role: CommitteeRole
  roleName: string
  isPartyMember: boolean
  /** the estate's own party organisations (、-joined), '' when none */
  organizationName: string
  /** the estate is a 红色物业 project */
  redProperty: boolean
}

/** one question of a 民意征集 */
export interface OpinionQuestion {
  title: string
  options: string[]
}

/** one 民意征集 of a street, as its list shows it */
export interface OpinionCollectionRow {
  id: number
  streetId: number
  streetName: string
  title: string
  /** YYYY-MM-DD */
  startsOn: string
  endsOn: string
  /** 未开始 / 征集中 / 已结束 as of today (Asia/Shanghai) */
  status: 'upcoming' | 'open' | 'closed'
  statusName: string
  questionCount: number
  responses: number
}

/** a 民意征集 with every question's answer distribution and its responses per community */
export interface OpinionCollectionDetail extends OpinionCollectionRow {
  questions: (OpinionQuestion & { answers: { option: string; count: number; share: number }[] })[]
  communities: { id: number; name: string; responses: number }[]
}

/** 民意征集统计: per child region of the requested one, its collections and responses */
export interface OpinionStatsRow {
  id: number
  name: string
  level: string
  collections: number
  responses: number
}
