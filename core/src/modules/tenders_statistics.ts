import type { StatisticsDeclaration } from './types.ts'

/** the metric keys of 招标投标统计 (the tenders cube, warehouse/src/cubes/tenders.ts, defines exactly these) */
export type TendersMetric =
  | 'estates' | 'usingEstates' | 'filings' | 'firstReviewFilings' | 'finalReviewFilings' | 'rejectedFilings' | 'approvedFilings'
  | 'publicFilings' | 'invitedFilings' | 'committeeFilings' | 'developerFilings' | 'rounds' | 'approvedRounds' | 'rejectedRounds' | 'openRounds'
  | 'normalRounds' | 'overdueRounds' | 'severeRounds' | 'unknownRounds'

/** a round's outcome as the list filters it (`round_decision`): 同意 / 不同意 ended it, or still 办理中 */
export const TENDER_ROUND_DECISIONS = { approved: '同意', rejected: '不同意', open: '办理中' } as const
export type TenderRoundDecision = keyof typeof TENDER_ROUND_DECISIONS

const options = (map: Readonly<Record<string, string>>) => Object.entries(map).map(([value, label]) => ({ value, label }))

/**
 * 招标投标统计 (module 21, issue 18 item 6): its three statistics as the three column groups of one table —
 * 招标文件备案使用情况 (estates using filing, filings by current state), 招标投标业务统计 (filings by method and
 * tenderer kind, review rounds by decision) and 招标投标业务办理情况统计 (rounds by 办理时长: 正常办理 ≤ 5, 已超期
 * 6–9, 严重超期 ≥ 10 working days, 未知) — per region down to the estate, whose row opens its filings. From
 * `tender_round_facts` (warehouse migration 0025): one row per review round, fed by the `tender_round`
 * topic on every step of a filing. Filing figures count each filing once (its last round); the round
 * figures count every round (domain-rules §3), open rounds as of today. 穿透 opens the filings list with
 * the same filters: a round figure lists the filings having such a round (docs/tenders.md).
 */
export const tendersStatistics: StatisticsDeclaration<TendersMetric> = {
  cube: 'tenders',
  facts: [{ table: 'tender_round_facts', topic: 'tender_round' }],
  title: '招标投标统计',
  page: 'tender-stats',
  levels: ['district', 'street', 'community', 'estate'],
  recordsPage: 'tender-records',
  records: {
    list: 'tenders.index',
    export: 'tenders.export',
    title: '招标文件备案',
    estateIdKey: 'estateId',
    columns: [
      { key: 'streetName', label: '所属街道', width: 110 },
      { key: 'communityName', label: '所属社区', width: 120 },
      { key: 'estateName', label: '物业项目', link: 'estate', width: 160 },
      { key: 'filingNo', label: '备案编号', width: 170 },
      { key: 'title', label: '招标项目名称', width: 220 },
      { key: 'tenderMethodName', label: '招标方式', width: 100 },
      { key: 'tendererKind', label: '招标人类型', format: 'status', nameKey: 'tendererKindName', width: 110 },
      { key: 'state', label: '状态', format: 'status', nameKey: 'stateName', width: 110 },
      { key: 'round', label: '轮次', format: 'count', width: 70 },
      { key: 'submittedAt', label: '提交时间', format: 'datetime', width: 150 },
      { key: 'decidedAt', label: '终审时间', format: 'datetime', width: 150 },
      { key: 'workingDaysText', label: '办理时长（工作日）', width: 130 },
      { key: 'slaBucket', label: '办理情况', format: 'status', nameKey: 'slaBucketName', width: 100 },
    ],
    filters: [
      { key: 'q', label: '备案编号、项目或招标人', kind: 'keyword' },
      { key: 'state', label: '状态', kind: 'select', options: options({ first_review: '待初审', final_review: '待终审', rejected: '已退回待修改', approved: '已备案' }) },
      { key: 'tender_method', label: '招标方式', kind: 'select', options: options({ public: '公开招标', invited: '邀请招标' }) },
      { key: 'tenderer_kind', label: '招标人类型', kind: 'select', options: options({ committee: '业主委员会', developer: '建设单位' }) },
      { key: 'sla', label: '当前办理情况', kind: 'select', options: options({ normal: '正常办理', overdue: '已超期', severe: '严重超期', unknown: '未知' }) },
      { key: 'round_decision', label: '轮次结果', kind: 'select', options: options(TENDER_ROUND_DECISIONS) },
      { key: 'round_sla', label: '轮次办理情况', kind: 'select', options: options({ normal: '正常办理', overdue: '已超期', severe: '严重超期', unknown: '未知' }) },
    ],
  },
  metrics: {
    estates: { label: '物业项目', unit: '个', format: 'count', aggregation: 'count' },
    usingEstates: { label: '使用备案的项目', unit: '个', format: 'count', aggregation: 'count', description: '至少提交过一次招标文件备案的物业项目' },
    filings: { label: '备案总数', unit: '件', format: 'count', aggregation: 'count', records: {} },
    firstReviewFilings: { label: '待初审', unit: '件', format: 'count', aggregation: 'count', records: { state: 'first_review' } },
    finalReviewFilings: { label: '待终审', unit: '件', format: 'count', aggregation: 'count', records: { state: 'final_review' } },
    rejectedFilings: { label: '已退回待修改', unit: '件', format: 'count', aggregation: 'count', records: { state: 'rejected' } },
    approvedFilings: { label: '已备案', unit: '件', format: 'count', aggregation: 'count', records: { state: 'approved' } },
    publicFilings: { label: '公开招标', unit: '件', format: 'count', aggregation: 'count', records: { tender_method: 'public' } },
    invitedFilings: { label: '邀请招标', unit: '件', format: 'count', aggregation: 'count', records: { tender_method: 'invited' } },
    committeeFilings: { label: '业主委员会', unit: '件', format: 'count', aggregation: 'count', records: { tenderer_kind: 'committee' } },
    developerFilings: { label: '建设单位', unit: '件', format: 'count', aggregation: 'count', records: { tenderer_kind: 'developer' }, description: '前期物业管理招标，由街道经办人代为登记' },
    rounds: { label: '办理轮次', unit: '轮', format: 'count', aggregation: 'count', description: '每次提交或修改后重新提交为一轮' },
    approvedRounds: { label: '同意', unit: '轮', format: 'count', aggregation: 'count', records: { round_decision: 'approved' } },
    rejectedRounds: { label: '不同意', unit: '轮', format: 'count', aggregation: 'count', records: { round_decision: 'rejected' }, description: '不同意后退回修改；穿透列出有此类轮次的备案' },
    openRounds: { label: '办理中', unit: '轮', format: 'count', aggregation: 'count', records: { round_decision: 'open' } },
    normalRounds: { label: '正常办理', unit: '轮', format: 'count', aggregation: 'count', records: { round_sla: 'normal' }, description: '≤ 5 个工作日（未办结的按截至今日计）' },
    overdueRounds: { label: '已超期', unit: '轮', format: 'count', aggregation: 'count', records: { round_sla: 'overdue' }, description: '6–9 个工作日' },
    severeRounds: { label: '严重超期', unit: '轮', format: 'count', aggregation: 'count', records: { round_sla: 'severe' }, description: '≥ 10 个工作日' },
    unknownRounds: { label: '未知', unit: '轮', format: 'count', aggregation: 'count', records: { round_sla: 'unknown' }, description: '节假日日历缺少所需年份，无法计算' },
  },
  columnGroups: [
    {
      label: '招标文件备案使用情况',
      columns: [
        { metric: 'estates', label: '物业项目' }, { metric: 'usingEstates', label: '使用备案的项目' }, { metric: 'filings', label: '备案总数' },
        { metric: 'firstReviewFilings', label: '待初审' }, { metric: 'finalReviewFilings', label: '待终审' }, { metric: 'rejectedFilings', label: '已退回待修改' },
        { metric: 'approvedFilings', label: '已备案' },
      ],
    },
    {
      label: '招标投标业务统计',
      columns: [
        { metric: 'publicFilings', label: '公开招标' }, { metric: 'invitedFilings', label: '邀请招标' }, { metric: 'committeeFilings', label: '业主委员会' },
        { metric: 'developerFilings', label: '建设单位' }, { metric: 'rounds', label: '办理轮次' }, { metric: 'approvedRounds', label: '同意' },
        { metric: 'rejectedRounds', label: '不同意' }, { metric: 'openRounds', label: '办理中' },
      ],
    },
    {
      label: '招标投标业务办理情况统计',
      columns: [
        { metric: 'normalRounds', label: '正常办理' }, { metric: 'overdueRounds', label: '已超期' }, { metric: 'severeRounds', label: '严重超期' },
        { metric: 'unknownRounds', label: '未知' },
      ],
    },
  ],
  keyFigures: ['usingEstates', 'filings', 'approvedFilings', 'severeRounds'],
  charts: [
    { title: '备案状态', kind: 'donut', metrics: ['firstReviewFilings', 'finalReviewFilings', 'rejectedFilings', 'approvedFilings'] },
    { title: '招标投标业务办理情况', kind: 'donut', metrics: ['normalRounds', 'overdueRounds', 'severeRounds', 'unknownRounds'] },
    { title: '各区域招标方式', kind: 'bar', stack: true, metrics: ['publicFilings', 'invitedFilings'] },
  ],
}
