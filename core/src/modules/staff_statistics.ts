import { PLACE_COLUMNS } from './place_columns.ts'
import type { StatisticsDeclaration } from './types.ts'

/** the metric keys of 从业人员信息 (the staff cube, warehouse/src/cubes/staff.ts, defines exactly these) */
export type StaffMetric =
  | 'practitioners'
  | 'estateStaff'
  | 'companyStaff'
  | 'managers'
  | 'service'
  | 'security'
  | 'cleaning'
  | 'certificateHolders'
  | 'expiredCertificates'
  | 'estates'
  | 'estatesMissing'
  | 'estatesStale'

/** 岗位: code → name (stored as the code; 项目负责人 is a 项目经理 with `is_lead`) */
export const STAFF_POSTS = {
  manager: '项目经理',
  service: '客服',
  security: '保安',
  cleaning: '保洁',
  greening: '绿化',
  engineering: '工程维修',
  order: '秩序维护',
  other: '其他',
} as const
export type StaffPost = keyof typeof STAFF_POSTS

export const STAFF_GROUP_NAMES = { estate: '物业项目从业人员', company: '物业服务企业从业人员' } as const

/**
 * 从业人员 information is stale when the estate's project manager last confirmed it more than this
 * many days ago, or never (domain-rules §7, the platform default); missing when the estate has no
 * practitioner at all. The cube reads it as its `staleDays` param, the records and reminders here.
 */
export const STAFF_STALE_DAYS = 180

/** an estate's 从业人员 information state (the estates list behind 未填报项目 / 信息过期项目) */
export const STAFF_ESTATE_STATES = { missing: '未填报', stale: '信息过期', current: '信息有效' } as const
export type StaffEstateState = keyof typeof STAFF_ESTATE_STATES

/**
 * 从业人员信息 (module 9): per region, the practitioners (two groups, key posts, certificate holders),
 * their expired certificates (as of today) and the estates whose staff information is missing or
 * stale. Facts at the grain of the record (warehouse `staff_facts`: one row per practitioner, per
 * certificate and per estate's confirmation, fed by the `staff_record` outbox topic).
 */
export const staffStatistics: StatisticsDeclaration<StaffMetric> = {
  cube: 'staff',
  facts: [{ table: 'staff_facts', topic: 'staff_record' }],
  title: '从业人员信息统计',
  levels: ['district', 'street', 'community', 'estate'],
  recordsPage: 'staff-records',
  records: {
    list: 'staff_records.index',
    export: 'staff_records.export',
    title: '从业人员名单',
    estateIdKey: 'estateId',
    columns: [
      { key: 'districtName', label: '所属区', width: 110, exportOnly: true },
      { key: 'streetName', label: '所属街道', width: 110 },
      { key: 'communityName', label: '所属社区', width: 120 },
      { key: 'estateName', label: '物业项目', link: 'estate', width: 160 },
      { key: 'staffGroupName', label: '人员类别', width: 150 },
      { key: 'companyName', label: '物业服务企业', width: 180 },
      { key: 'name', label: '姓名', width: 90 },
      { key: 'idNumber', label: '身份证号', width: 170 },
      { key: 'phone', label: '联系电话', width: 120 },
      { key: 'postName', label: '岗位', width: 100 },
      { key: 'isLead', label: '项目负责人', format: 'boolean', width: 100 },
      { key: 'certificateNames', label: '证书', width: 180 },
      { key: 'expiredCertificateCount', label: '过期证书', format: 'count', width: 90 },
    ],
    filters: [
      { key: 'q', label: '姓名或物业项目', kind: 'keyword' },
      { key: 'group', label: '人员类别', kind: 'select', options: [{ value: 'estate', label: '物业项目从业人员' }, { value: 'company', label: '物业服务企业从业人员' }] },
      { key: 'post', label: '岗位', kind: 'select', options: Object.entries(STAFF_POSTS).map(([value, label]) => ({ value, label })) },
      { key: 'certified', label: '持证情况', kind: 'select', options: [{ value: '1', label: '持证' }, { value: '0', label: '无证' }] },
      { key: 'expired', label: '过期证书', kind: 'select', options: [{ value: '1', label: '有过期证书' }] },
    ],
  },
  // the estates behind the estate counts (物业项目数, 未填报项目, 信息过期项目): PostgreSQL rows, same rule as the cube
  moreRecords: [
    {
      page: 'staff-estates',
      list: 'staff_estates.index',
      export: 'staff_estates.export',
      title: '从业人员信息填报情况',
      estateIdKey: 'estateId',
      columns: [
        ...PLACE_COLUMNS,
        { key: 'state', label: '信息状态', format: 'status', nameKey: 'stateName', width: 100 },
        { key: 'practitioners', label: '项目从业人员', format: 'count', width: 110 },
        { key: 'confirmedOn', label: '最近确认日期', format: 'date', width: 120 },
      ],
      filters: [
        { key: 'q', label: '物业项目名称', kind: 'keyword' },
        { key: 'state', label: '信息状态', kind: 'select', options: Object.entries(STAFF_ESTATE_STATES).map(([value, label]) => ({ value, label })) },
      ],
    },
  ],
  metrics: {
    practitioners: { label: '从业人员', unit: '人', format: 'count', aggregation: 'count', records: {} },
    estateStaff: { label: '物业项目从业人员', unit: '人', format: 'count', aggregation: 'count', records: { group: 'estate' } },
    companyStaff: { label: '物业服务企业从业人员', unit: '人', format: 'count', aggregation: 'count', records: { group: 'company' }, description: '企业层面的从业人员计入企业所在社区' },
    managers: { label: '项目经理', unit: '人', format: 'count', aggregation: 'count', records: { post: 'manager' } },
    service: { label: '客服', unit: '人', format: 'count', aggregation: 'count', records: { post: 'service' } },
    security: { label: '保安', unit: '人', format: 'count', aggregation: 'count', records: { post: 'security' } },
    cleaning: { label: '保洁', unit: '人', format: 'count', aggregation: 'count', records: { post: 'cleaning' } },
    certificateHolders: { label: '持证人数', unit: '人', format: 'count', aggregation: 'count', records: { certified: '1' } },
    expiredCertificates: { label: '过期证书', unit: '本', format: 'count', aggregation: 'count', records: { expired: '1' }, description: '有效期截止日早于今天的证书' },
    estates: { label: '物业项目数', unit: '个', format: 'count', aggregation: 'count', records: {}, recordsPage: 'staff-estates' },
    estatesMissing: { label: '未填报项目', unit: '个', format: 'count', aggregation: 'count', records: { state: 'missing' }, recordsPage: 'staff-estates', description: '没有任何项目从业人员的物业项目' },
    estatesStale: { label: '信息过期项目', unit: '个', format: 'count', aggregation: 'count', records: { state: 'stale' }, recordsPage: 'staff-estates', description: `项目经理超过 ${STAFF_STALE_DAYS} 天未确认从业人员信息的物业项目` },
  },
  keyFigures: ['practitioners', 'certificateHolders', 'expiredCertificates', 'estatesMissing'],
  charts: [
    { title: '人员类别', kind: 'donut', metrics: ['estateStaff', 'companyStaff'] },
    { title: '各区域从业人员', kind: 'bar', metrics: ['estateStaff', 'companyStaff'], stack: true },
    { title: '各区域信息填报情况', kind: 'bar', metrics: ['estatesMissing', 'estatesStale'] },
  ],
}
