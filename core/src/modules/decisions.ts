import { PLACE_COLUMNS } from './place_columns.ts'
import { defineModule, type StatisticsDeclaration } from './types.ts'

/** the metric keys of 业主决策情况 (the decisions cube, warehouse/src/cubes/decisions.ts, defines exactly these) */
export type DecisionsMetric =
  | 'estates'
  | 'usingEstates'
  | 'usingRate'
  | 'assemblyMeetings'
  | 'committeeMeetings'
  | 'openMeetings'
  | 'closedMeetings'
  | 'topicsVoted'
  | 'topicsPassed'
  | 'topicsFailed'
  | 'passRate'
  | 'ballots'
  | 'areaTurnout'
  | 'ownerTurnout'

/** how a topic's result reads in the records list: open, passed or failed */
export const DECISION_RESULTS = { open: '表决中', passed: '通过', failed: '未通过' } as const
export type DecisionResult = keyof typeof DECISION_RESULTS

/**
 * 业主决策情况 (module 8)'s statistics: per region, the estates that decide electronically (电子投票,
 * module 17: at least one published meeting), their meetings by kind and state, the topics voted
 * (closed meetings) and their results, and participation by area and by owners. Drafts are their
 * convener's and never counted. From the warehouse: `ballot_facts` (one row per standing ballot, fed by
 * the `voting_ballot` topic on every ballot) with its per-estate rollup, and `voting_topic_facts` (one
 * row per topic, the `voting_topic` topic on every meeting change). The records list (穿透) is the
 * topics with their meeting and figures; a topic's turnout by building and by day is its own route.
 */
export const decisionsStatistics: StatisticsDeclaration<DecisionsMetric> = {
  cube: 'decisions',
  facts: [
    { table: 'ballot_facts', topic: 'voting_ballot' },
    { table: 'voting_topic_facts', topic: 'voting_topic' },
  ],
  title: '业主决策情况',
  levels: ['district', 'street', 'community', 'estate'],
  recordsPage: 'decision-topics',
  records: {
    list: 'decision_topics.index',
    export: 'decision_topics.export',
    title: '表决议题',
    estateIdKey: 'estateId',
    columns: [
      ...PLACE_COLUMNS,
      { key: 'meetingTitle', label: '会议', width: 200 },
      { key: 'kindName', label: '会议类型', width: 100 },
      { key: 'statusName', label: '会议状态', width: 90 },
      { key: 'closesAt', label: '投票截止', format: 'datetime', width: 150 },
      { key: 'topicTitle', label: '表决议题', width: 220 },
      { key: 'itemName', label: '表决事项（民法典第二百七十八条）', width: 240 },
      { key: 'ruleName', label: '通过标准', width: 200 },
      { key: 'ballots', label: '有效选票(张)', format: 'count', width: 110 },
      { key: 'totalArea', label: '专有部分总面积(㎡)', format: 'area', width: 150 },
      { key: 'votedArea', label: '参与表决面积(㎡)', format: 'area', width: 140 },
      { key: 'areaTurnout', label: '面积参与率', format: 'percent', width: 100 },
      { key: 'totalOwners', label: '业主总人数', format: 'count', width: 100 },
      { key: 'votedOwners', label: '参与表决人数', format: 'count', width: 110 },
      { key: 'ownerTurnout', label: '人数参与率', format: 'percent', width: 100 },
      { key: 'agreeArea', label: '同意面积(㎡)', format: 'area', width: 120 },
      { key: 'agreeOwners', label: '同意人数', format: 'count', width: 90 },
      { key: 'resultName', label: '表决结果', width: 90 },
    ],
    filters: [
      { key: 'q', label: '项目、会议或议题', kind: 'keyword' },
      { key: 'kind', label: '会议类型', kind: 'select', options: [{ value: 'owners_assembly', label: '业主大会' }, { value: 'committee', label: '业委会会议' }] },
      { key: 'status', label: '会议状态', kind: 'select', options: [{ value: 'published', label: '表决中' }, { value: 'closed', label: '已结束' }] },
      { key: 'result', label: '表决结果', kind: 'select', options: [{ value: 'passed', label: '通过' }, { value: 'failed', label: '未通过' }] },
    ],
  },
  metrics: {
    estates: { label: '物业项目', unit: '个', format: 'count', aggregation: 'count' },
    usingEstates: { label: '使用电子表决的项目', unit: '个', format: 'count', aggregation: 'count', description: '至少发布过一次表决会议的物业项目' },
    usingRate: { label: '电子表决使用率', format: 'percent', aggregation: 'rate', description: '使用电子表决的项目 ÷ 物业项目' },
    assemblyMeetings: { label: '业主大会', unit: '次', format: 'count', aggregation: 'count', records: { kind: 'owners_assembly' }, description: '已发布的业主大会会议（不含草稿）' },
    committeeMeetings: { label: '业委会会议', unit: '次', format: 'count', aggregation: 'count', records: { kind: 'committee' }, description: '已发布的业委会会议（不含草稿）' },
    openMeetings: { label: '表决中会议', unit: '次', format: 'count', aggregation: 'count', records: { status: 'published' } },
    closedMeetings: { label: '已结束会议', unit: '次', format: 'count', aggregation: 'count', records: { status: 'closed' } },
    topicsVoted: { label: '已表决议题', unit: '项', format: 'count', aggregation: 'count', records: { status: 'closed' }, description: '已结束会议的表决议题' },
    topicsPassed: { label: '通过议题', unit: '项', format: 'count', aggregation: 'count', records: { result: 'passed' } },
    topicsFailed: { label: '未通过议题', unit: '项', format: 'count', aggregation: 'count', records: { result: 'failed' } },
    passRate: { label: '议题通过率', format: 'percent', aggregation: 'rate', description: '通过议题 ÷ 已表决议题' },
    ballots: { label: '有效选票', unit: '张', format: 'count', aggregation: 'count', description: '每个议题每套专有部分最后一次投票计一张' },
    areaTurnout: { label: '面积参与率', format: 'percent', aggregation: 'rate', description: '参与表决的专有部分面积 ÷ 专有部分总面积，按已发布会议的议题合计' },
    ownerTurnout: { label: '人数参与率', format: 'percent', aggregation: 'rate', description: '参与表决的业主人数 ÷ 业主总人数（按司法解释计人数），按已发布会议的议题合计' },
  },
  keyFigures: ['usingEstates', 'topicsVoted', 'passRate', 'areaTurnout'],
  charts: [
    { title: '各区域表决会议', kind: 'bar', metrics: ['assemblyMeetings', 'committeeMeetings'], stack: true },
    { title: '各区域议题表决结果', kind: 'bar', metrics: ['topicsPassed', 'topicsFailed'], stack: true },
  ],
}

/**
 * 业主决策情况 (module 8): the street, district and city read how their estates decide through 电子投票
 * (module 17) — per region down to the estate, then its meetings' topics with the six numbers of the
 * tally, and a topic's turnout by building and by day. docs/decisions.md.
 */
export const decisions = defineModule({
  no: 8,
  name: '业主决策情况',
  slug: 'decisions',
  status: 'live',
  group: 'statistics',
  features: { 'decisions.view': '查看', 'decisions.export': '导出' },
  routes: [
    { name: 'decisions_stats.index', method: 'GET', path: 'stats/decisions', access: 'decisions.view', label: '业主决策情况统计', scoped: true, query: ['region_id'] },
    { name: 'decisions_stats.export', method: 'GET', path: 'stats/decisions/export', access: 'decisions.export', label: '导出业主决策情况统计', scoped: true, query: ['region_id'] },
    { name: 'decision_topics.index', method: 'GET', path: 'decisions/topics', access: 'decisions.view', label: '表决议题列表', scoped: true, query: ['region_id', 'estate_id', 'meeting_id', 'kind', 'status', 'result', 'q', 'page', 'per_page'] },
    { name: 'decision_topics.export', method: 'GET', path: 'decisions/topics/export', access: 'decisions.export', label: '导出表决议题', scoped: true, query: ['region_id', 'estate_id', 'meeting_id', 'kind', 'status', 'result', 'q'] },
    // a topic's turnout by building or by day, from the ballot facts (totals only, never a ballot)
    { name: 'decision_turnout.show', method: 'GET', path: 'decisions/topics/:id/turnout', access: 'decisions.view', label: '议题参与情况', params: { id: 'id' }, scoped: true, query: ['by'] },
    { name: 'decision_turnout.export', method: 'GET', path: 'decisions/topics/:id/turnout/export', access: 'decisions.export', label: '导出议题参与情况', params: { id: 'id' }, scoped: true, query: ['by'] },
  ],
  pages: [
    { name: 'decisions', path: '/decisions', title: '业主决策情况', feature: 'decisions.view', apps: ['pc', 'h5'], menu: true },
    { name: 'decision-topics', path: '/decisions/topics', title: '表决议题', feature: 'decisions.view', apps: ['pc', 'h5'], menu: true },
  ],
  tile: { label: '业主决策', icon: 'chart-trending-o', page: 'decisions' },
  // the estate page's 业主决策: its meetings → topics with the six numbers and results (物业项目 → 会议 → 议题)
  estateTab: { label: '业主决策', feature: 'decisions.view' },
  statistics: decisionsStatistics,
})
