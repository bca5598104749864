/** Chinese labels of stored codes, one source for the API, exports and both front ends. */
import type { RegionLevel } from './modules/types.ts'

export const LEVEL_NAMES: Readonly<Record<RegionLevel, string>> = {
  city: '市',
  district: '区',
  street: '街道',
  community: '社区',
  estate: '物业项目',
}

export const FILING_KIND_NAMES = { contract: '物业服务合同备案', assembly: '业主大会备案' } as const

export const FILING_STATUS_NAMES: Readonly<Record<string, string>> = {
  filed: '已备案',
  expired: '已过期',
  not_filed: '未备案',
  withdrawn: '已撤销',
}

export const FILING_ACTION_NAMES: Readonly<Record<string, string>> = {
  create: '登记备案',
  expire: '标记过期',
  renew: '恢复有效',
  withdraw: '撤销备案',
}

/** Tag colours of Element Plus / Vant for statuses of every module, one map. */
export type TagType = 'success' | 'warning' | 'info' | 'danger' | 'primary'

export const STATUS_TAG_TYPES: Readonly<Record<string, TagType>> = {
  filed: 'success',
  expired: 'warning',
  not_filed: 'danger',
  withdrawn: 'info',
  reviewed: 'success',
  submitted: 'warning',
  auto_scored: 'primary',
  pending: 'danger',
}

export function statusTagType(status: string): TagType {
  return STATUS_TAG_TYPES[status] ?? 'info'
}
