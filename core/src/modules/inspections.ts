import { defineModule } from './types.ts'
import type { StatisticsDeclaration } from './types.ts'
import { PLACE_COLUMNS } from './place_columns.ts'

/** the states of a task's target estate (backend/app/modules/inspections/inspection_process.ts adds the transitions) */
export const INSPECTION_TARGET_STATES = { pending: '待填报', submitted: '已提交', rectifying: '整改中', rectified: '已整改' } as const
export type InspectionTargetState = keyof typeof INSPECTION_TARGET_STATES

/** one checklist answer: 合格 / 发现问题 */
export const INSPECTION_RESULTS = { pass: '合格', problem: '发现问题' } as const
export type InspectionResult = keyof typeof INSPECTION_RESULTS

/** how a task's target estates are chosen (resolved at publish time into one row per estate) */
export const INSPECTION_TARGET_MODES = { region: '按区域', estate_type: '按项目类型', estates: '指定物业项目' } as const
export type InspectionTargetMode = keyof typeof INSPECTION_TARGET_MODES

/** the metric keys of 安全检查's statistics (warehouse/src/cubes/inspections.ts defines exactly these) */
export type InspectionMetric =
  | 'targets'
  | 'estates'
  | 'pending'
  | 'completed'
  | 'overdue'
  | 'completionRate'
  | 'rectifying'
  | 'problems'
  | 'rectifiedProblems'
  | 'openProblems'
  | 'rectificationRate'

const stateOptions = Object.entries(INSPECTION_TARGET_STATES).map(([value, label]) => ({ value, label }))

/**
 * 安全检查 (module 15)'s statistics: one `inspection_target_facts` row per task × target estate (the
 * record: its state, deadline, checklist items, problems found and rectified), fed by the
 * `inspection_target` outbox topic; the cube starts from the estate dimension (the place) and joins
 * each estate's targets. 穿透 opens the target estates (PostgreSQL rows). docs/inspections.md.
 */
export const inspectionStatistics: StatisticsDeclaration<InspectionMetric> = {
  cube: 'inspections',
  facts: [{ table: 'inspection_target_facts', topic: 'inspection_target' }],
  title: '安全检查完成情况',
  levels: ['district', 'street', 'community', 'estate'],
  recordsPage: 'inspection-targets',
  records: {
    list: 'inspection_targets.index',
    export: 'inspection_targets.export',
    title: '安全检查填报情况',
    estateIdKey: 'estateId',
    columns: [
      ...PLACE_COLUMNS,
      { key: 'companyName', label: '物业服务企业', width: 180 },
      { key: 'taskTitle', label: '检查任务', width: 200 },
      { key: 'deadline', label: '截止日期', format: 'date', width: 110 },
      { key: 'state', label: '状态', format: 'status', nameKey: 'stateName', width: 90 },
      { key: 'items', label: '检查项', format: 'count', width: 80 },
      { key: 'problems', label: '发现问题', format: 'count', width: 90 },
      { key: 'rectifiedProblems', label: '已整改', format: 'count', width: 80 },
      { key: 'submittedAt', label: '提交时间', format: 'datetime', width: 160 },
    ],
    filters: [
      { key: 'q', label: '物业项目或任务', kind: 'keyword' },
      { key: 'state', label: '状态', kind: 'select', options: stateOptions },
      { key: 'overdue', label: '逾期', kind: 'select', options: [{ value: '1', label: '逾期未填报' }] },
      { key: 'problems', label: '问题', kind: 'select', options: [{ value: '1', label: '发现问题' }, { value: 'open', label: '有未整改问题' }] },
    ],
  },
  metrics: {
    targets: { label: '检查任务数', unit: '项', format: 'count', aggregation: 'count', records: {}, description: '检查任务 × 目标物业项目' },
    estates: { label: '检查项目数', unit: '个', format: 'count', aggregation: 'count', description: '至少有一项检查任务的物业项目' },
    pending: { label: '待填报', unit: '项', format: 'count', aggregation: 'count', records: { state: 'pending' } },
    completed: { label: '已完成填报', unit: '项', format: 'count', aggregation: 'count', description: '已提交、整改中或已整改' },
    overdue: { label: '逾期未填报', unit: '项', format: 'count', aggregation: 'count', records: { overdue: '1' }, description: '截止日期已过仍待填报' },
    completionRate: { label: '完成率', format: 'percent', aggregation: 'rate', description: '已完成填报 ÷ 检查任务数' },
    rectifying: { label: '整改中', unit: '项', format: 'count', aggregation: 'count', records: { state: 'rectifying' } },
    problems: { label: '发现问题', unit: '个', format: 'count', aggregation: 'count', records: { problems: '1' } },
    rectifiedProblems: { label: '已整改问题', unit: '个', format: 'count', aggregation: 'count' },
    openProblems: { label: '未整改问题', unit: '个', format: 'count', aggregation: 'count', records: { problems: 'open' } },
    rectificationRate: { label: '整改率', format: 'percent', aggregation: 'rate', description: '已整改问题 ÷ 发现问题（无问题时为 0）' },
  },
  keyFigures: ['targets', 'completionRate', 'problems', 'rectificationRate'],
  charts: [
    { title: '填报进度', kind: 'donut', metrics: ['pending', 'completed'] },
    { title: '各区域填报情况', kind: 'bar', stack: true, metrics: ['pending', 'completed'] },
    { title: '各区域问题整改', kind: 'bar', metrics: ['rectifiedProblems', 'openProblems'] },
  ],
}

/**
 * 安全检查 (module 15): the city or district bureau publishes a task (title, ordered checklist items
 * with optional 需拍照, deadline, target estates by region / estate type / explicit list, resolved at
 * publish into one row per estate inside the publisher's region); each target estate's 项目经理 fills
 * the checklist on H5 or PC (合格 / 发现问题 with photos, description, 整改措施, 整改完成 and date) and
 * submits before the deadline; the declared process 待填报 → 已提交 / 整改中 → 已整改. Statistics per
 * region, estate and property company, 穿透, export; 催办 of incomplete estates by hand and the working
 * day before the deadline. docs/inspections.md.
 */
export const inspections = defineModule({
  no: 15,
  name: '安全检查',
  slug: 'inspections',
  status: 'live',
  group: 'business',
  features: { 'inspections.view': '查看统计', 'inspections.export': '导出', 'inspections.remind': '催办', 'inspections.manage': '发布任务' },
  routes: [
    { name: 'inspection_stats.index', method: 'GET', path: 'stats/inspections', access: 'inspections.view', label: '安全检查统计', scoped: true, query: ['region_id'] },
    { name: 'inspection_stats.export', method: 'GET', path: 'stats/inspections/export', access: 'inspections.export', label: '导出安全检查统计', scoped: true, query: ['region_id'] },
    { name: 'inspection_companies.index', method: 'GET', path: 'inspections/companies', access: 'inspections.view', label: '安全检查企业统计', scoped: true, query: ['region_id', 'task_id', 'q'] },
    { name: 'inspection_companies.export', method: 'GET', path: 'inspections/companies/export', access: 'inspections.export', label: '导出安全检查企业统计', scoped: true, query: ['region_id', 'task_id', 'q'] },
    { name: 'inspection_targets.index', method: 'GET', path: 'inspections/targets', access: 'inspections.view', label: '安全检查填报情况', scoped: true, query: ['region_id', 'estate_id', 'task_id', 'state', 'overdue', 'problems', 'q', 'page', 'per_page'] },
    { name: 'inspection_targets.export', method: 'GET', path: 'inspections/targets/export', access: 'inspections.export', label: '导出安全检查填报情况', scoped: true, query: ['region_id', 'estate_id', 'task_id', 'state', 'overdue', 'problems', 'q'] },
    { name: 'inspection_tasks.index', method: 'GET', path: 'inspections/tasks', access: ['inspections.view', 'inspections.manage'], label: '安全检查任务', scoped: true, query: ['region_id', 'q', 'page', 'per_page'] },
    { name: 'inspection_tasks.export', method: 'GET', path: 'inspections/tasks/export', access: 'inspections.export', label: '导出安全检查任务', scoped: true, query: ['region_id', 'q'] },
    { name: 'inspection_tasks.store', method: 'POST', path: 'inspections/tasks', access: 'inspections.manage', label: '发布安全检查任务', scoped: true },
    { name: 'inspection_tasks.show', method: 'GET', path: 'inspections/tasks/:id', access: ['inspections.view', 'inspections.manage'], label: '安全检查任务详情', params: { id: 'id' }, scoped: true },
    { name: 'inspection_tasks.remind', method: 'POST', path: 'inspections/tasks/:id/remind', access: 'inspections.remind', label: '催办安全检查', params: { id: 'id' }, scoped: true },
    // the target estate's 项目经理 (estates.own; another estate → 404); government readers see a target of their region
    { name: 'my_inspections.index', method: 'GET', path: 'inspections/mine', access: 'estates.own', label: '本项目安全检查', query: ['state', 'page', 'per_page'] },
    { name: 'inspection_target.show', method: 'GET', path: 'inspections/targets/:id', access: ['inspections.view', 'estates.own'], label: '安全检查填报详情', params: { id: 'id' }, scoped: true },
    { name: 'inspection_target.submit', method: 'POST', path: 'inspections/targets/:id/submit', access: 'estates.own', label: '提交安全检查', params: { id: 'id' }, scoped: true },
    { name: 'inspection_target.rectify', method: 'POST', path: 'inspections/targets/:id/rectify', access: 'estates.own', label: '提交安全检查整改', params: { id: 'id' }, scoped: true },
    { name: 'inspection_photos.upload', method: 'POST', path: 'inspections/photos', access: 'estates.own', label: '上传安全检查照片' },
    { name: 'inspection_photos.download', method: 'GET', path: 'inspections/photos/:id', access: ['inspections.view', 'estates.own'], label: '查看安全检查照片', params: { id: 'id' }, scoped: true },
  ],
  pages: [
    { name: 'inspections', path: '/inspections', title: '安全检查', feature: 'inspections.view', apps: ['pc', 'h5'], menu: true },
    { name: 'inspection-targets', path: '/inspections/targets', title: '安全检查填报情况', feature: 'inspections.view', apps: ['pc', 'h5'], menu: true },
    { name: 'inspection-tasks', path: '/inspections/tasks', title: '安全检查任务', feature: ['inspections.view', 'inspections.manage'], apps: ['pc', 'h5'], menu: true },
    { name: 'inspection-task', path: '/inspections/tasks/:id(\\d+)', title: '安全检查任务详情', feature: ['inspections.view', 'inspections.manage'], apps: ['pc', 'h5'] },
    { name: 'inspection-companies', path: '/inspections/companies', title: '安全检查企业统计', feature: 'inspections.view', apps: ['pc', 'h5'], menu: true },
    { name: 'my-inspections', path: '/inspections/mine', title: '本项目安全检查', feature: 'estates.own', apps: ['pc', 'h5'], menu: true },
    { name: 'inspection-fill', path: '/inspections/targets/:id(\\d+)', title: '安全检查填报', feature: ['inspections.view', 'estates.own'], apps: ['pc', 'h5'] },
  ],
  tile: { label: '安全检查', icon: 'shield-o', page: 'inspections' },
  statistics: inspectionStatistics,
  processes: [{ name: 'inspection', label: '安全检查', todoPage: 'inspection-fill' }],
})
