import { PLACE_COLUMNS } from './place_columns.ts'
import type { StatisticsDeclaration } from './types.ts'

/** the six credit subjects (code → Chinese name), domain-rules §6 */
export const CREDIT_SUBJECT_KINDS = {
  company: '物业企业',
  project_leader: '项目负责人',
  committee_director: '业委会主任',
  owner: '业主',
  committee_secretary: '业委会执行秘书',
  owner_supervisor: '业主监事(会)',
} as const
export type CreditSubjectKind = keyof typeof CREDIT_SUBJECT_KINDS

/** 良好信息 / 不良信息 */
export const CREDIT_POLARITIES = { good: '良好信息', bad: '不良信息' } as const
export type CreditPolarity = keyof typeof CREDIT_POLARITIES

/** 良好信息 categories, as the platform's WeChat client names them */
export const CREDIT_GOOD_CATEGORIES = {
  commendation: '表彰信息',
  happy_estate: '幸福小区',
  green_property: '绿色物业',
  green_demo_project: '绿色物业示范项目',
  green_star_rating: '绿色物业星级评价',
  standard_drafting: '标准编制',
  top_ten: '连续六个月排名前十',
} as const
/** 不良信息 categories */
export const CREDIT_BAD_CATEGORIES = {
  rectification: '责令整改',
  penalty: '行政处罚',
  court_judgment: '法院判决',
  bottom_ten: '连续六个月排名倒十',
} as const
export const CREDIT_CATEGORIES = { ...CREDIT_GOOD_CATEGORIES, ...CREDIT_BAD_CATEGORIES } as const
export type CreditGoodCategory = keyof typeof CREDIT_GOOD_CATEGORIES
export type CreditBadCategory = keyof typeof CREDIT_BAD_CATEGORIES
export type CreditCategory = CreditGoodCategory | CreditBadCategory

/** severity of a 不良信息 record: it decides how long the record counts and what it takes off the score */
export const CREDIT_SEVERITIES = { minor: '一般', serious: '较重', grave: '严重' } as const
export type CreditSeverity = keyof typeof CREDIT_SEVERITIES

/** 有效 (counts) / 已过期 (visible, no longer counts) as of today */
export const CREDIT_VALIDITY = { counting: '有效', expired: '已过期' } as const
export type CreditValidity = keyof typeof CREDIT_VALIDITY

/** credit grades of a 物业企业 (domain-rules §6) */
export type CreditGrade = 'A' | 'B' | 'C' | 'D'

/** the metric keys of 信用信息统计 (warehouse/src/cubes/credit.ts defines exactly these) */
export type CreditMetric =
  | 'subjects' | 'badSubjects' | 'records' | 'countingRecords' | 'expiredRecords' | 'goodRecords' | 'badRecords'
  | 'commendationRecords' | 'happyEstateRecords' | 'greenPropertyRecords' | 'greenDemoProjectRecords' | 'greenStarRatingRecords' | 'standardDraftingRecords' | 'topTenRecords'
  | 'rectificationRecords' | 'penaltyRecords' | 'courtJudgmentRecords' | 'bottomTenRecords'

const categoryMetric = (category: CreditCategory) =>
  ({ label: CREDIT_CATEGORIES[category], unit: '条', format: 'count', aggregation: 'count', records: { category, validity: 'counting' }, description: '有效记录' }) as const

/** the columns and filters of the records list (穿透) and of its export */
const options = (map: Readonly<Record<string, string>>) => Object.entries(map).map(([value, label]) => ({ value, label }))

/**
 * 信用信息统计 per region: one `credit_record_facts` row per credit record (≈ 200k at city scale) on the
 * estate it concerns (the place comes from estate_profile_facts); a record counts from its date until its
 * `valid_until` (inclusive), as of today (the cube's `asOf`), then shows 已过期 (docs/credit.md).
 */
export const creditStatistics: StatisticsDeclaration<CreditMetric> = {
  cube: 'credit',
  facts: [{ table: 'credit_record_facts', topic: 'credit_record' }],
  title: '信用信息统计',
  levels: ['district', 'street', 'community', 'estate'],
  recordsPage: 'credit-records',
  records: {
    list: 'credit_records.index',
    export: 'credit_records.export',
    title: '信用记录',
    estateIdKey: 'estateId',
    columns: [
      ...PLACE_COLUMNS,
      { key: 'subjectName', label: '信用主体', width: 200 },
      { key: 'subjectKind', label: '主体类型', format: 'status', nameKey: 'subjectKindName', width: 110 },
      { key: 'subjectCode', label: '信用代码/身份证号', width: 190 },
      { key: 'polarity', label: '信息类型', format: 'status', nameKey: 'polarityName', width: 100 },
      { key: 'category', label: '类别', format: 'status', nameKey: 'categoryName', width: 150 },
      { key: 'severityName', label: '严重程度', width: 90 },
      { key: 'decidedOn', label: '认定日期', format: 'date', width: 110 },
      { key: 'validUntil', label: '有效期至', format: 'date', width: 110 },
      { key: 'validity', label: '状态', format: 'status', nameKey: 'validityName', width: 90 },
      { key: 'source', label: '认定部门', width: 160 },
      { key: 'documentNo', label: '文书编号', width: 160 },
    ],
    filters: [
      { key: 'q', label: '主体名称、信用代码或物业项目', kind: 'keyword' },
      { key: 'subject_kind', label: '主体类型', kind: 'select', options: options(CREDIT_SUBJECT_KINDS) },
      { key: 'polarity', label: '信息类型', kind: 'select', options: options(CREDIT_POLARITIES) },
      { key: 'category', label: '类别', kind: 'select', options: options(CREDIT_CATEGORIES) },
      { key: 'validity', label: '状态', kind: 'select', options: options(CREDIT_VALIDITY) },
    ],
  },
  metrics: {
    subjects: { label: '有记录的信用主体', unit: '个', format: 'count', aggregation: 'count', description: '有良好或不良信息记录的主体（含已过期）' },
    badSubjects: { label: '有有效不良信息的主体', unit: '个', format: 'count', aggregation: 'count', description: '有未过期不良信息记录的主体' },
    records: { label: '信用记录总数', unit: '条', format: 'count', aggregation: 'count', records: {} },
    countingRecords: { label: '有效记录', unit: '条', format: 'count', aggregation: 'count', records: { validity: 'counting' } },
    expiredRecords: { label: '已过期记录', unit: '条', format: 'count', aggregation: 'count', records: { validity: 'expired' } },
    goodRecords: { label: '有效良好信息', unit: '条', format: 'count', aggregation: 'count', records: { polarity: 'good', validity: 'counting' } },
    badRecords: { label: '有效不良信息', unit: '条', format: 'count', aggregation: 'count', records: { polarity: 'bad', validity: 'counting' } },
    commendationRecords: categoryMetric('commendation'),
    happyEstateRecords: categoryMetric('happy_estate'),
    greenPropertyRecords: categoryMetric('green_property'),
    greenDemoProjectRecords: categoryMetric('green_demo_project'),
    greenStarRatingRecords: categoryMetric('green_star_rating'),
    standardDraftingRecords: categoryMetric('standard_drafting'),
    topTenRecords: categoryMetric('top_ten'),
    rectificationRecords: categoryMetric('rectification'),
    penaltyRecords: categoryMetric('penalty'),
    courtJudgmentRecords: categoryMetric('court_judgment'),
    bottomTenRecords: categoryMetric('bottom_ten'),
  },
  keyFigures: ['badSubjects', 'goodRecords', 'badRecords', 'expiredRecords'],
  charts: [
    { title: '良好信息类别', kind: 'donut', metrics: ['commendationRecords', 'happyEstateRecords', 'greenPropertyRecords', 'greenDemoProjectRecords', 'greenStarRatingRecords', 'standardDraftingRecords', 'topTenRecords'] },
    { title: '不良信息类别', kind: 'donut', metrics: ['rectificationRecords', 'penaltyRecords', 'courtJudgmentRecords', 'bottomTenRecords'] },
    { title: '各区域有效信用记录', kind: 'bar', stack: true, metrics: ['goodRecords', 'badRecords'] },
  ],
}
