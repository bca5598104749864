import type { StatisticsDeclaration } from './types.ts'
import { PLACE_COLUMNS } from './place_columns.ts'

/** the metric keys of 宣传培训's learning statistics (the training cube, warehouse/src/cubes/training.ts, defines exactly these) */
export type TrainingMetric =
  | 'staffEnrolled'
  | 'staffCompleted'
  | 'staffHours'
  | 'staffCompletionRate'
  | 'leadEnrolled'
  | 'leadCompleted'
  | 'leadHours'
  | 'leadCompletionRate'

/**
 * 宣传培训 (module 11)'s learning statistics: 项目从业人员学习情况 (every practitioner of an estate,
 * module 9's `practitioners` with staff_group 'estate') and 项目负责人学习情况 (those of them marked
 * `is_lead`), per region — one fact per learning record (course × practitioner; warehouse
 * `learning_record_facts`, fed by the `learning_record` outbox topic on every enrolment and progress
 * step). The records list (穿透) ends on the person: each learning record with its learner.
 */
export const trainingStatistics: StatisticsDeclaration<TrainingMetric> = {
  cube: 'training',
  facts: [{ table: 'learning_record_facts', topic: 'learning_record' }],
  title: '学习情况统计',
  levels: ['district', 'street', 'community', 'estate'],
  recordsPage: 'training-records',
  records: {
    list: 'training_records.index',
    export: 'training_records.export',
    title: '学习记录',
    estateIdKey: 'estateId',
    columns: [
      ...PLACE_COLUMNS,
      { key: 'learnerName', label: '学员', width: 100 },
      { key: 'post', label: '岗位', width: 110 },
      { key: 'isLead', label: '项目负责人', format: 'boolean', width: 100 },
      { key: 'phone', label: '手机号码', width: 130 },
      { key: 'courseTitle', label: '课程', width: 220 },
      { key: 'courseKindName', label: '课程类型', width: 90 },
      { key: 'enrolledAt', label: '报名时间', format: 'datetime', width: 150 },
      { key: 'progress', label: '学习进度(%)', format: 'count', width: 110 },
      { key: 'hours', label: '学时(小时)', format: 'score', width: 100 },
      { key: 'completed', label: '完成情况', format: 'boolean', booleanLabels: ['已完成', '未完成'], width: 90 },
      { key: 'completedAt', label: '完成时间', format: 'datetime', width: 150 },
    ],
    filters: [
      { key: 'q', label: '学员或课程', kind: 'keyword' },
      {
        key: 'group',
        label: '人员类别',
        kind: 'select',
        options: [
          { value: 'staff', label: '项目从业人员' },
          { value: 'lead', label: '项目负责人' },
        ],
      },
      {
        key: 'completed',
        label: '完成情况',
        kind: 'select',
        options: [
          { value: '1', label: '已完成' },
          { value: '0', label: '未完成' },
        ],
      },
    ],
  },
  metrics: {
    staffEnrolled: { label: '从业人员报名', unit: '人次', format: 'count', aggregation: 'count', records: { group: 'staff' }, description: '物业项目从业人员的学习记录，每人每门课程计一次' },
    staffCompleted: { label: '从业人员完成', unit: '人次', format: 'count', aggregation: 'count', records: { group: 'staff', completed: '1' } },
    staffHours: { label: '从业人员学时', unit: '小时', format: 'score', aggregation: 'sum', records: { group: 'staff' } },
    staffCompletionRate: { label: '从业人员完成率', format: 'percent', aggregation: 'rate', description: '从业人员完成 ÷ 从业人员报名' },
    leadEnrolled: { label: '项目负责人报名', unit: '人次', format: 'count', aggregation: 'count', records: { group: 'lead' }, description: '项目负责人的学习记录，每人每门课程计一次' },
    leadCompleted: { label: '项目负责人完成', unit: '人次', format: 'count', aggregation: 'count', records: { group: 'lead', completed: '1' } },
    leadHours: { label: '项目负责人学时', unit: '小时', format: 'score', aggregation: 'sum', records: { group: 'lead' } },
    leadCompletionRate: { label: '项目负责人完成率', format: 'percent', aggregation: 'rate', description: '项目负责人完成 ÷ 项目负责人报名' },
  },
  keyFigures: ['staffEnrolled', 'staffCompletionRate', 'leadEnrolled', 'leadCompletionRate'],
  charts: [
    { title: '各区域完成人次', kind: 'bar', metrics: ['staffCompleted', 'leadCompleted'] },
    { title: '各区域学习人次', kind: 'bar', metrics: ['staffEnrolled', 'leadEnrolled'] },
  ],
}
