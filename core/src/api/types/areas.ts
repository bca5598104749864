/** 物业区域管理 (module 20) · 设施设备 wire types. */
import type { EquipmentCategory, EquipmentImportStatus, EquipmentStatus } from '../../modules/areas.ts'
import type { EstatePlaceRow } from './common.ts'

export interface EquipmentRow extends EstatePlaceRow {
  id: number
  code: string
  name: string
  category: EquipmentCategory
  categoryName: string
  location: string
  quantity: number
  /** YYYY-MM-DD */
  commissionedOn: string | null
  status: EquipmentStatus
  statusName: string
  version: number
}

export interface EquipmentListMeta {
  total: number
  page: number
  perPage: number
}

/** one Excel import: its state, progress (0–100) and counts; `hasReport` when rows were refused */
export interface EquipmentImportRow {
  id: number
  fileName: string
  status: EquipmentImportStatus
  statusName: string
  progress: number
  rowCount: number
  errorRowCount: number
  importedCount: number
  hasReport: boolean
  message: string | null
  createdAt: string
  finishedAt: string | null
}
