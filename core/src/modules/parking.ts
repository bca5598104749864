import { PLACE_COLUMNS } from './place_columns.ts'
import { defineModule, type StatisticsDeclaration } from './types.ts'

/** 车位 kinds (code → Chinese name), in the order of the statistics table */
export const PARKING_SPACE_KINDS = { owned: '产权车位', civil_defense: '人防车位', rented: '租赁车位', temporary: '临停车位', charging: '充电车位', other: '其他车位' } as const
export type ParkingSpaceKind = keyof typeof PARKING_SPACE_KINDS

/** the state of one parking space */
export const PARKING_SPACE_STATUSES = { in_use: '使用中', idle: '空置', disabled: '停用' } as const
export type ParkingSpaceStatus = keyof typeof PARKING_SPACE_STATUSES

/** 住宅小区车位纠纷 types (code → Chinese name) */
export const PARKING_DISPUTE_TYPES = { occupation: '占用纠纷', fee: '收费纠纷', ownership: '产权纠纷', lease_sale: '租售纠纷', charging: '充电设施纠纷', other: '其他纠纷' } as const
export type ParkingDisputeType = keyof typeof PARKING_DISPUTE_TYPES

/** an estate's 车位信息 state: filled in by its project manager at least once, or never (domain-rules §7) */
export const PARKING_ESTATE_STATES = { filled: '已填报', never: '从未填报' } as const
export type ParkingEstateState = keyof typeof PARKING_ESTATE_STATES

/** the metric keys of 车位信息统计情况 (warehouse/src/cubes/parking.ts defines exactly these) */
export type ParkingMetric =
  | 'estates' | 'estatesWithoutInfo' | 'spaces'
  | 'ownedSpaces' | 'ownedShare' | 'civilDefenseSpaces' | 'civilDefenseShare' | 'rentedSpaces' | 'rentedShare'
  | 'temporarySpaces' | 'temporaryShare' | 'chargingSpaces' | 'chargingShare' | 'otherSpaces' | 'otherShare'
  | 'households' | 'spacesPerHousehold'
  | 'disputes' | 'occupationDisputes' | 'feeDisputes' | 'ownershipDisputes' | 'leaseSaleDisputes' | 'chargingDisputes' | 'otherDisputes'

const share = (label: string, of: string) => ({ label: `${label}占比`, format: 'percent', aggregation: 'rate', description: `${of} ÷ 车位总数` }) as const
const spaces = (label: string, kind: ParkingSpaceKind) => ({ label, unit: '个', format: 'count', aggregation: 'count', records: { kind } }) as const
const disputes = (label: string) => ({ label, unit: '宗', format: 'count', aggregation: 'count' }) as const

/**
 * 车位信息统计情况 and 住宅小区车位纠纷类型情况 per region: one `parking_space_facts` row per parking space
 * (≈ 2M at city scale) with its per-estate rollup, one `parking_profile_facts` row per estate that filled
 * its parking information in, and the `parking_*` disputes of 纠纷化解台账 (module 22's `dispute_facts`,
 * declared there) by type (docs/parking.md).
 */
export const parkingStatistics: StatisticsDeclaration<ParkingMetric> = {
  cube: 'parking',
  facts: [
    { table: 'parking_space_facts', topic: 'parking_space' },
    { table: 'parking_profile_facts', topic: 'parking_profile' },
  ],
  title: '车位信息统计情况',
  levels: ['district', 'street', 'community', 'estate'],
  recordsPage: 'parking-spaces',
  records: {
    list: 'parking_spaces.index',
    export: 'parking_spaces.export',
    title: '车位信息',
    estateIdKey: 'estateId',
    columns: [
      ...PLACE_COLUMNS,
      { key: 'code', label: '车位编号', width: 120 },
      { key: 'kind', label: '车位类型', format: 'status', nameKey: 'kindName', width: 100 },
      { key: 'location', label: '位置', width: 140 },
      { key: 'status', label: '状态', format: 'status', nameKey: 'statusName', width: 90 },
    ],
    filters: [
      { key: 'q', label: '物业项目或车位编号', kind: 'keyword' },
      { key: 'kind', label: '车位类型', kind: 'select', options: Object.entries(PARKING_SPACE_KINDS).map(([value, label]) => ({ value, label })) },
      { key: 'status', label: '状态', kind: 'select', options: Object.entries(PARKING_SPACE_STATUSES).map(([value, label]) => ({ value, label })) },
    ],
  },
  // the estates behind 物业项目数 and 未填报车位信息 (PostgreSQL rows, the cube's rule)
  moreRecords: [
    {
      page: 'parking-estates',
      list: 'parking_estates.index',
      export: 'parking_estates.export',
      title: '车位信息填报情况',
      estateIdKey: 'estateId',
      columns: [
        ...PLACE_COLUMNS,
        { key: 'state', label: '填报情况', format: 'status', nameKey: 'stateName', width: 100 },
        { key: 'filledOn', label: '首次填报日期', format: 'date', width: 120 },
        { key: 'spaces', label: '车位总数', format: 'count', width: 100 },
      ],
      filters: [
        { key: 'q', label: '物业项目名称', kind: 'keyword' },
        { key: 'state', label: '填报情况', kind: 'select', options: Object.entries(PARKING_ESTATE_STATES).map(([value, label]) => ({ value, label })) },
      ],
    },
  ],
  metrics: {
    estates: { label: '物业项目数', unit: '个', format: 'count', aggregation: 'count', records: {}, recordsPage: 'parking-estates' },
    estatesWithoutInfo: { label: '未填报车位信息', unit: '个', format: 'count', aggregation: 'count', records: { state: 'never' }, recordsPage: 'parking-estates', description: '从未填报车位信息的物业项目' },
    spaces: { label: '车位总数', unit: '个', format: 'count', aggregation: 'sum', records: {} },
    ownedSpaces: spaces('产权车位', 'owned'),
    ownedShare: share('产权车位', '产权车位'),
    civilDefenseSpaces: spaces('人防车位', 'civil_defense'),
    civilDefenseShare: share('人防车位', '人防车位'),
    rentedSpaces: spaces('租赁车位', 'rented'),
    rentedShare: share('租赁车位', '租赁车位'),
    temporarySpaces: spaces('临停车位', 'temporary'),
    temporaryShare: share('临停车位', '临停车位'),
    chargingSpaces: spaces('充电车位', 'charging'),
    chargingShare: share('充电车位', '充电车位'),
    otherSpaces: spaces('其他车位', 'other'),
    otherShare: share('其他车位', '其他车位'),
    households: { label: '户数', unit: '户', format: 'count', aggregation: 'sum', description: '房屋登记中有业主的房屋数' },
    spacesPerHousehold: { label: '户均车位', unit: '个/户', format: 'score', aggregation: 'average', description: '车位总数 ÷ 户数' },
    disputes: { label: '车位纠纷', unit: '宗', format: 'count', aggregation: 'count' },
    occupationDisputes: disputes('占用纠纷'),
    feeDisputes: disputes('收费纠纷'),
    ownershipDisputes: disputes('产权纠纷'),
    leaseSaleDisputes: disputes('租售纠纷'),
    chargingDisputes: disputes('充电设施纠纷'),
    otherDisputes: disputes('其他纠纷'),
  },
  keyFigures: ['spaces', 'spacesPerHousehold', 'estatesWithoutInfo', 'disputes'],
  charts: [
    { title: '车位类型', kind: 'donut', metrics: ['ownedSpaces', 'civilDefenseSpaces', 'rentedSpaces', 'temporarySpaces', 'chargingSpaces', 'otherSpaces'] },
    { title: '住宅小区车位纠纷类型情况', kind: 'donut', metrics: ['occupationDisputes', 'feeDisputes', 'ownershipDisputes', 'leaseSaleDisputes', 'chargingDisputes', 'otherDisputes'] },
    { title: '各区域车位', kind: 'bar', stack: true, metrics: ['ownedSpaces', 'civilDefenseSpaces', 'rentedSpaces', 'temporarySpaces', 'chargingSpaces', 'otherSpaces'] },
  ],
}

/**
 * 车位信息 (module 10): parking spaces per estate by kind (产权 / 人防 / 租赁 / 临停 / 充电 / 其他), spaces per
 * household, the estates that never filled their parking information in (提醒更新 reminds their
 * project managers, once per day), and the estates' parking disputes by type. docs/parking.md.
 */
export const parking = defineModule({
  no: 10,
  name: '车位信息',
  slug: 'parking',
  status: 'live',
  group: 'statistics',
  features: { 'parking.view': '查看', 'parking.export': '导出', 'parking.remind': '提醒更新' },
  routes: [
    { name: 'parking_stats.index', method: 'GET', path: 'stats/parking', access: 'parking.view', label: '车位信息统计情况', scoped: true, query: ['region_id'] },
    { name: 'parking_stats.export', method: 'GET', path: 'stats/parking/export', access: 'parking.export', label: '导出车位信息统计情况', scoped: true, query: ['region_id'] },
    { name: 'parking_spaces.index', method: 'GET', path: 'parking/spaces', access: 'parking.view', label: '车位信息列表', scoped: true, query: ['region_id', 'estate_id', 'kind', 'status', 'q', 'page', 'per_page'] },
    { name: 'parking_spaces.export', method: 'GET', path: 'parking/spaces/export', access: 'parking.export', label: '导出车位信息', scoped: true, query: ['region_id', 'estate_id', 'kind', 'status', 'q'] },
    { name: 'parking_estates.index', method: 'GET', path: 'parking/estate_states', access: 'parking.view', label: '车位信息填报情况', scoped: true, query: ['region_id', 'estate_id', 'state', 'q', 'page', 'per_page'] },
    { name: 'parking_estates.export', method: 'GET', path: 'parking/estate_states/export', access: 'parking.export', label: '导出车位信息填报情况', scoped: true, query: ['region_id', 'estate_id', 'state', 'q'] },
    { name: 'parking.remind', method: 'POST', path: 'parking/remind', access: 'parking.remind', label: '提醒更新车位信息', scoped: true },
    // the estate's 项目经理 maintains its spaces (estate-side accounts: `estates.own`; not its manager → 404)
    { name: 'estate_parking.index', method: 'GET', path: 'parking/estates/:id', access: 'estates.own', label: '本项目车位', params: { id: 'id' }, scoped: true, query: ['kind', 'q', 'page', 'per_page'] },
    { name: 'estate_parking.store', method: 'POST', path: 'parking/estates/:id/spaces', access: 'estates.own', label: '新增车位', params: { id: 'id' }, scoped: true },
    { name: 'estate_parking.update', method: 'PATCH', path: 'parking/spaces/:id', access: 'estates.own', label: '修改车位', params: { id: 'id' }, scoped: true },
    { name: 'estate_parking.destroy', method: 'DELETE', path: 'parking/spaces/:id', access: 'estates.own', label: '删除车位', params: { id: 'id' }, scoped: true },
    { name: 'estate_parking.export', method: 'GET', path: 'parking/estates/:id/export', access: 'estates.own', label: '导出本项目车位', params: { id: 'id' }, scoped: true, query: ['kind', 'q'] },
  ],
  pages: [
    { name: 'parking', path: '/parking', title: '车位信息', feature: 'parking.view', apps: ['pc', 'h5'], menu: true },
    { name: 'parking-spaces', path: '/parking/spaces', title: '车位信息列表', feature: 'parking.view', apps: ['pc', 'h5'], menu: true },
    // the estates behind 物业项目数 / 未填报车位信息 (statistics.moreRecords)
    { name: 'parking-estates', path: '/parking/estates', title: '车位信息填报情况', feature: 'parking.view', apps: ['pc', 'h5'] },
    // the project manager's maintenance page, opened from the estate page (项目经理 of the estate only: others get a 404 from the API)
    { name: 'estate-parking', path: '/estates/:id(\\d+)/parking', title: '本项目车位', feature: 'estates.own', apps: ['pc', 'h5'] },
  ],
  tile: { label: '车位信息', icon: 'logistics', page: 'parking' },
  estateTab: { label: '车位信息', feature: 'parking.view' },
  statistics: parkingStatistics,
})
