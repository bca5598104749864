import type { StatisticsDeclaration } from './types.ts'

/** the metric keys of 平安建设's statistics (the safety cube, warehouse/src/cubes/safety.ts, defines exactly these) */
export type SafetyMetric = 'communities' | 'items' | 'notStarted' | 'inProgress' | 'completed' | 'completionRate' | 'averageScore'

/** an assessment's status (未开始 / 进行中 / 已完成), as stored and as the API takes it */
export const SAFETY_STATUSES = { not_started: '未开始', in_progress: '进行中', completed: '已完成' } as const
export type SafetyStatus = keyof typeof SAFETY_STATUSES

/**
 * 平安建设 (module 12)'s statistics: each community's 本年度考核内容 — the year's assessment items
 * (configured by the city administrator) × the community, one `safety_assessment_facts` row per
 * assessment (community × item), fed by the `safety_assessment` outbox topic. Regions drill
 * 区 → 街道 → 社区; a community opens its own assessments (the records list, 穿透), one year at a time
 * (?year=, default: this year in Shanghai). docs/safety.md.
 */
export const safetyStatistics: StatisticsDeclaration<SafetyMetric> = {
  cube: 'safety',
  facts: [{ table: 'safety_assessment_facts', topic: 'safety_assessment' }],
  title: '平安建设考核情况',
  levels: ['district', 'street', 'community'],
  recordsPage: 'safety-assessments',
  records: {
    list: 'safety_assessments.index',
    export: 'safety_assessments.export',
    title: '社区考核内容',
    columns: [
      { key: 'districtName', label: '所属区', width: 110, exportOnly: true },
      // the first screen column is the H5 card's title: the item
      { key: 'itemTitle', label: '考核内容', width: 220 },
      { key: 'communityName', label: '社区', width: 130 },
      { key: 'streetName', label: '所属街道', width: 110 },
      { key: 'year', label: '年度', format: 'text', width: 80 },
      { key: 'sortOrder', label: '序号', format: 'count', width: 70 },
      { key: 'maxScore', label: '分值', format: 'score', width: 80 },
      { key: 'status', label: '状态', format: 'status', nameKey: 'statusName', width: 90 },
      { key: 'score', label: '得分', format: 'score', width: 80 },
      { key: 'remark', label: '备注', width: 200 },
      { key: 'updatedByName', label: '更新人', width: 110 },
      { key: 'updatedAt', label: '更新时间', format: 'datetime', width: 160 },
    ],
    filters: [
      {
        key: 'status',
        label: '状态',
        kind: 'select',
        options: Object.entries(SAFETY_STATUSES).map(([value, label]) => ({ value, label })),
      },
      { key: 'q', label: '社区或考核内容', kind: 'keyword' },
    ],
  },
  metrics: {
    communities: { label: '考核社区', unit: '个', format: 'count', aggregation: 'count', records: {}, description: '本年度有考核内容的社区' },
    items: { label: '考核事项', unit: '项', format: 'count', aggregation: 'count', records: {}, description: '社区 × 考核内容，每个社区每项考核内容计一项' },
    notStarted: { label: '未开始', unit: '项', format: 'count', aggregation: 'count', records: { status: 'not_started' } },
    inProgress: { label: '进行中', unit: '项', format: 'count', aggregation: 'count', records: { status: 'in_progress' } },
    completed: { label: '已完成', unit: '项', format: 'count', aggregation: 'count', records: { status: 'completed' } },
    completionRate: { label: '完成率', format: 'percent', aggregation: 'rate', description: '已完成 ÷ 考核事项' },
    averageScore: {
      label: '平均得分',
      unit: '分',
      format: 'score',
      aggregation: 'average',
      description: '已评分社区的考核总得分（各考核内容得分之和）的平均值；无已评分社区时为“-”',
    },
  },
  keyFigures: ['communities', 'items', 'completionRate', 'averageScore'],
  charts: [
    { title: '考核进度', kind: 'donut', metrics: ['notStarted', 'inProgress', 'completed'] },
    { title: '各区域考核进度', kind: 'bar', stack: true, metrics: ['notStarted', 'inProgress', 'completed'] },
  ],
}
