import { tendersStatistics } from './tenders_statistics.ts'
import { defineModule } from './types.ts'

export * from './tenders_statistics.ts'

/** who files the tender documents (domain-rules.md §3) */
export const TENDERER_KINDS = { committee: '业主委员会', developer: '建设单位' } as const
export type TendererKind = keyof typeof TENDERER_KINDS

/** the states of a 招标文件备案 (backend/app/modules/tenders/tender_process.ts adds the transitions) */
export const TENDER_STATES = { first_review: '待初审', final_review: '待终审', rejected: '已退回待修改', approved: '已备案' } as const
export type TenderState = keyof typeof TENDER_STATES

export const TENDER_METHODS = { public: '公开招标', invited: '邀请招标' } as const
export type TenderMethod = keyof typeof TENDER_METHODS

/** 办理时长 buckets of a round in elapsed working days (domain-rules.md §2–3); unknown = a year the calendar lacks */
export const TENDER_SLA_BUCKETS = { normal: '正常办理', overdue: '已超期', severe: '严重超期', unknown: '未知' } as const
export type TenderSlaBucket = keyof typeof TENDER_SLA_BUCKETS

/** 初审 opinions and 终审 decisions */
export const TENDER_FIRST_OPINIONS = { agree: '拟同意', disagree: '拟不同意' } as const
export const TENDER_FINAL_DECISIONS = { approve: '同意', reject: '不同意', return: '返回上一级' } as const
export type TenderFirstOpinion = keyof typeof TENDER_FIRST_OPINIONS
export type TenderFinalDecision = keyof typeof TENDER_FINAL_DECISIONS

/** shown to both reviewers beside the attachments */
export const TENDER_REVIEW_REMINDER = '请核对：所附《物业服务招标文件》须与业主大会表决通过的内容一致（招标范围、服务标准、合同期限、评标办法等），不一致的应拟不同意并说明理由。'

/**
 * 招标投标进度 stages the bidding platform reports (POST integrations/bidding/events), in their order;
 * a report may skip a stage, never go back (docs/tenders.md → 招标投标进度查询)
 */
export const TENDER_STAGES = { announcement: '发布公告', registration: '报名', opening: '开标', evaluation: '评标', award: '定标', publicity: '中标公示' } as const
export type TenderStage = keyof typeof TENDER_STAGES
/** 澄清与补遗: what the tenderer publishes about an approved filing while bidding runs */
export const TENDER_CLARIFICATION_KINDS = { clarification: '澄清', addendum: '补遗' } as const
export type TenderClarificationKind = keyof typeof TENDER_CLARIFICATION_KINDS

/**
 * 招标投标管理 (module 21), first part: 招标文件备案 with the two-level review (domain-rules.md §2–3).
 * The owners' committee director (estate-side account, `estates.own`) files for their estate; a street
 * handler registers a developer's (建设单位) filing on its behalf, since developers have no account.
 * The street handler does 初审 (tenders.handle), the street head 终审 (tenders.approve). docs/tenders.md.
 */
export const tenders = defineModule({
  no: 21,
  name: '招标投标管理',
  slug: 'tenders',
  status: 'live',
  group: 'business',
  features: { 'tenders.view': '查看与统计', 'tenders.handle': '初审', 'tenders.approve': '终审', 'tenders.export': '导出' },
  routes: [
    // the committee director reads and files for their own estates (`estates.own`); street users by region
    { name: 'tenders.index', method: 'GET', path: 'tenders', access: ['tenders.view', 'estates.own'], label: '招标文件备案列表', scoped: true, query: ['region_id', 'estate_id', 'state', 'sla', 'q', 'page', 'per_page', 'tender_method', 'tenderer_kind', 'round_decision', 'round_sla'] },
    { name: 'tenders.export', method: 'GET', path: 'tenders/export', access: 'tenders.export', label: '导出招标文件备案', scoped: true, query: ['region_id', 'estate_id', 'state', 'sla', 'q', 'tender_method', 'tenderer_kind', 'round_decision', 'round_sla'] },
    { name: 'tender_attachments.upload', method: 'POST', path: 'tenders/attachments', access: ['estates.own', 'tenders.handle'], label: '上传招标文件' },
    { name: 'tenders.store', method: 'POST', path: 'tenders', access: ['estates.own', 'tenders.handle'], label: '提交招标文件备案', scoped: true },
    { name: 'tenders.show', method: 'GET', path: 'tenders/:id', access: ['tenders.view', 'estates.own'], label: '招标文件备案详情', params: { id: 'id' }, scoped: true },
    { name: 'tender_attachments.download', method: 'GET', path: 'tenders/:id/attachments/:attachmentId', access: ['tenders.view', 'estates.own'], label: '下载招标文件', params: { id: 'id', attachmentId: 'id' }, scoped: true },
    { name: 'tender_receipts.download', method: 'GET', path: 'tenders/:id/receipt', access: ['tenders.view', 'estates.own'], label: '打印备案回执', params: { id: 'id' }, scoped: true },
    { name: 'tenders.resubmit', method: 'POST', path: 'tenders/:id/resubmit', access: ['estates.own', 'tenders.handle'], label: '修改后重新提交', params: { id: 'id' }, scoped: true },
    { name: 'tenders.first_review', method: 'POST', path: 'tenders/:id/first-review', access: 'tenders.handle', label: '招标文件初审', params: { id: 'id' }, scoped: true },
    // 招标投标统计 (issue 18 item 6): the three statistics per region, from tender_round_facts
    { name: 'tenders_stats.index', method: 'GET', path: 'stats/tenders', access: 'tenders.view', label: '招标投标统计', scoped: true, query: ['region_id'] },
    { name: 'tenders_stats.export', method: 'GET', path: 'stats/tenders/export', access: 'tenders.export', label: '导出招标投标统计', scoped: true, query: ['region_id'] },
    { name: 'tenders.final_review', method: 'POST', path: 'tenders/:id/final-review', access: 'tenders.approve', label: '招标文件终审', params: { id: 'id' }, scoped: true },
    // 招标投标进度查询 and 澄清与补遗 (docs/tenders.md)
    { name: 'tender_progress.index', method: 'GET', path: 'tender-progress', access: ['tenders.view', 'estates.own'], label: '招标投标进度查询', scoped: true, query: ['region_id', 'estate_id', 'stage', 'q', 'page', 'per_page'] },
    { name: 'tender_progress.export', method: 'GET', path: 'tender-progress/export', access: 'tenders.export', label: '导出招标投标进度', scoped: true, query: ['region_id', 'estate_id', 'stage', 'q'] },
    { name: 'tender_progress.show', method: 'GET', path: 'tenders/:id/progress', access: ['tenders.view', 'estates.own'], label: '招标投标进度与澄清补遗', params: { id: 'id' }, scoped: true },
    { name: 'tender_clarifications.store', method: 'POST', path: 'tenders/:id/clarifications', access: ['estates.own', 'tenders.handle'], label: '发布澄清与补遗', params: { id: 'id' }, scoped: true },
    { name: 'tender_clarification_files.download', method: 'GET', path: 'tenders/:id/clarification-files/:attachmentId', access: ['tenders.view', 'estates.own'], label: '下载澄清与补遗附件', params: { id: 'id', attachmentId: 'id' }, scoped: true },
    // the bidding platform's inbound stages: no session, HMAC-SHA256 over timestamp + body (backend/app/modules/tenders/bidding_signature.ts)
    { name: 'bidding_events.store', method: 'POST', path: 'integrations/bidding/events', access: 'public', label: '招标平台进度回传' },
  ],
  pages: [
    { name: 'tenders', path: '/tenders', title: '招标文件备案', feature: ['tenders.view', 'estates.own'], apps: ['pc', 'h5'], menu: true },
    { name: 'tender-detail', path: '/tenders/:id(\\d+)', title: '招标文件备案详情', feature: ['tenders.view', 'estates.own'], apps: ['pc', 'h5'] },
    { name: 'tender-progress', path: '/tender-progress', title: '招标投标进度查询', feature: ['tenders.view', 'estates.own'], apps: ['pc', 'h5'], menu: true },
    { name: 'tender-stats', path: '/tenders/stats', title: '招标投标统计', feature: 'tenders.view', apps: ['pc', 'h5'], menu: true },
    { name: 'tender-records', path: '/tenders/stats/records', title: '招标投标统计明细', feature: 'tenders.view', apps: ['pc', 'h5'] },
  ],
  tile: { label: '招标备案', icon: 'description', page: 'tenders' },
  statistics: tendersStatistics,
  processes: [{ name: 'tender', label: '招标文件备案', todoPage: 'tender-detail' }],
})
