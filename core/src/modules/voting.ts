import { defineModule } from './types.ts'

/** art. 278 ¶1 items a 表决议题 is tagged with (domain-rules.md §1); 6–8 need 3/4 */
export const ART_278_ITEM_NAMES = {
  1: '制定和修改业主大会议事规则',
  2: '制定和修改管理规约',
  3: '选举业主委员会或者更换业主委员会成员',
  4: '选聘和解聘物业服务企业或者其他管理人',
  5: '使用建筑物及其附属设施的维修资金',
  6: '筹集建筑物及其附属设施的维修资金',
  7: '改建、重建建筑物及其附属设施',
  8: '改变共有部分的用途或者利用共有部分从事经营活动',
  9: '有关共有和共同管理权利的其他重大事项',
} as const

export const VOTING_MEETING_KINDS = { owners_assembly: '业主大会', committee: '业委会会议' } as const
export const VOTING_MEETING_STATUSES = { draft: '草稿', published: '已发布', closed: '已结束' } as const
export const VOTING_CHOICES = { agree: '同意', oppose: '反对', abstain: '弃权' } as const
export type VotingMeetingKind = keyof typeof VOTING_MEETING_KINDS
export type VotingMeetingStatus = keyof typeof VOTING_MEETING_STATUSES
export type VotingChoice = keyof typeof VOTING_CHOICES

/**
 * 电子投票 (module 17): the owners' committee (or, for an estate without one, the street as the 居代业
 * body) convenes a meeting with 表决议题, each tagged with its art. 278 item; owners vote per house on
 * H5 while it is open; closing it tallies every topic by the law's double thresholds
 * (backend/app/modules/voting/tally.ts). Street users read their estates' meetings and the totals,
 * never an individual ballot. docs/voting.md. Pages and 业主决策情况 (module 8) are not built yet.
 */
export const voting = defineModule({
  no: 17,
  name: '电子投票',
  slug: 'voting',
  status: 'live',
  group: 'business',
  features: { 'voting.view': '查看', 'voting.manage': '会议与议题管理', 'voting.vote': '业主投票' },
  routes: [
    // the committee director reads and convenes for their own estates (`estates.own`); street users by region
    { name: 'voting_meetings.index', method: 'GET', path: 'voting/meetings', access: ['voting.view', 'estates.own'], label: '表决会议列表', scoped: true, query: ['region_id', 'estate_id', 'status', 'page', 'per_page'] },
    { name: 'voting_meetings.export', method: 'GET', path: 'voting/meetings/export', access: ['voting.view', 'estates.own'], label: '导出表决结果', scoped: true, query: ['region_id', 'estate_id', 'status'] },
    { name: 'voting_meetings.store', method: 'POST', path: 'voting/meetings', access: ['voting.manage', 'estates.own'], label: '创建表决会议', scoped: true },
    { name: 'voting_meetings.show', method: 'GET', path: 'voting/meetings/:id', access: ['voting.view', 'estates.own'], label: '表决会议详情', params: { id: 'id' }, scoped: true },
    { name: 'voting_meetings.publish', method: 'POST', path: 'voting/meetings/:id/publish', access: ['voting.manage', 'estates.own'], label: '发布表决会议', params: { id: 'id' }, scoped: true },
    { name: 'voting_meetings.close', method: 'POST', path: 'voting/meetings/:id/close', access: ['voting.manage', 'estates.own'], label: '结束表决并计票', params: { id: 'id' }, scoped: true },
    // paper ballots: the meeting's convener uploads the scan, then enters the house's choices with it;
    // the list is the entry log (who entered which house's ballot, when, with which scan) for the convener
    { name: 'voting_paper_scans.upload', method: 'POST', path: 'voting/meetings/:id/paper_scans', access: ['voting.manage', 'estates.own'], label: '上传纸质选票扫描件', params: { id: 'id' }, scoped: true },
    { name: 'voting_paper_ballots.index', method: 'GET', path: 'voting/meetings/:id/paper_ballots', access: ['voting.manage', 'estates.own'], label: '纸质选票录入记录', params: { id: 'id' }, scoped: true, query: [] },
    { name: 'voting_paper_ballots.export', method: 'GET', path: 'voting/meetings/:id/paper_ballots/export', access: ['voting.manage', 'estates.own'], label: '导出纸质选票录入记录', params: { id: 'id' }, scoped: true, query: [] },
    { name: 'voting_paper_ballots.store', method: 'POST', path: 'voting/meetings/:id/paper_ballots', access: ['voting.manage', 'estates.own'], label: '录入纸质选票', params: { id: 'id' }, scoped: true },
    { name: 'voting_paper_ballots.houses', method: 'GET', path: 'voting/meetings/:id/houses', access: ['voting.manage', 'estates.own'], label: '纸质选票房屋列表', params: { id: 'id' }, scoped: true, query: [] },
    { name: 'voting_paper_ballots.download', method: 'GET', path: 'voting/paper_ballots/:id/scan', access: ['voting.manage', 'estates.own'], label: '查看纸质选票扫描件', params: { id: 'id' }, scoped: true },
    // the estates of the street's scope without an owners' committee, for which it convenes as the 居代业 body
    { name: 'voting_meetings.proxy_estates', method: 'GET', path: 'voting/proxy_estates', access: 'voting.manage', label: '居代业物业项目', query: [] },
    // an owner's own ballots (role owner, feature voting.vote): the houses they are bound to are the scope
    { name: 'owner_ballots.index', method: 'GET', path: 'voting/mine', access: 'voting.vote', label: '我的表决', query: [] },
    { name: 'owner_ballots.store', method: 'POST', path: 'voting/topics/:id/ballots', access: 'voting.vote', label: '投票', params: { id: 'id' }, scoped: true },
  ],
  pages: [
    { name: 'voting-meetings', path: '/voting/meetings', title: '表决会议', feature: ['voting.view', 'estates.own'], apps: ['pc'], menu: true },
    { name: 'voting-meeting', path: '/voting/meetings/:id(\\d+)', title: '表决结果', feature: ['voting.view', 'estates.own'], apps: ['pc'] },
    { name: 'owner-voting', path: '/voting/mine', title: '业主表决', feature: 'voting.vote', apps: ['h5'], menu: true },
  ],
  tile: { label: '业主表决', icon: 'records-o', page: 'owner-voting' },
})
