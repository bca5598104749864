import type { FilingStatus, RegionLevel } from '@szpm/api'

export const LEVEL_LABEL: Record<RegionLevel, string> = {
  city: '市',
  district: '区',
  street: '街道',
  community: '社区',
  estate: '物业项目',
}

export const CONTRACT_STATUS_OPTIONS: { value: FilingStatus; label: string }[] = [
  { value: 'filed', label: '已备案' },
  { value: 'expired', label: '已过期' },
  { value: 'not_filed', label: '未备案' },
]

export const ASSEMBLY_STATUS_OPTIONS: { value: FilingStatus; label: string }[] = [
  { value: 'filed', label: '已备案' },
  { value: 'not_filed', label: '未备案' },
]

export type TagType = 'success' | 'warning' | 'info' | 'danger' | 'primary'

/** el-tag colour for filing / record statuses */
export function statusTagType(status: string): TagType {
  if (status === 'filed') return 'success'
  if (status === 'expired') return 'warning'
  if (status === 'not_filed') return 'danger'
  return 'info'
}
