import { EQUIPMENT_CATEGORIES, EQUIPMENT_IMPORT_STATUSES, EQUIPMENT_STATUSES, type EquipmentCategory, type EquipmentImportRow, type EquipmentImportStatus, type EquipmentRow, type EquipmentStatus } from '@szpm/core'
import type { ExcelColumn } from '#services/excel_export'
import { estatePlaceFields } from '#services/estate_place'

/** a row of equipmentQuery → the wire row */
export function transformEquipment(row: Record<string, any>): EquipmentRow {
  return {
    ...estatePlaceFields(row),
    id: Number(row.id),
    code: row.code,
    name: row.name,
    category: row.category as EquipmentCategory,
    categoryName: EQUIPMENT_CATEGORIES[row.category as EquipmentCategory] ?? row.category,
    location: row.location,
    quantity: Number(row.quantity),
    commissionedOn: row.commissioned_on ?? null,
    status: row.status as EquipmentStatus,
    statusName: EQUIPMENT_STATUSES[row.status as EquipmentStatus] ?? row.status,
    version: Number(row.version),
  }
}

/** the columns of the 设施设备 export (the list's table) */
export const EQUIPMENT_EXPORT_COLUMNS: ExcelColumn<EquipmentRow>[] = [
  { header: '区', width: 10, value: (row) => row.districtName },
  { header: '街道', width: 12, value: (row) => row.streetName },
  { header: '社区', width: 14, value: (row) => row.communityName },
  { header: '物业项目ID', width: 10, value: (row) => row.estateId },
  { header: '物业项目', width: 20, value: (row) => row.estateName },
  { header: '设备编号', width: 16, value: (row) => row.code },
  { header: '设备名称', width: 20, value: (row) => row.name },
  { header: '设备类别', width: 12, value: (row) => row.categoryName },
  { header: '位置', width: 24, value: (row) => row.location },
  { header: '数量', width: 8, value: (row) => row.quantity },
  { header: '投入使用日期', width: 14, value: (row) => row.commissionedOn },
  { header: '状态', width: 10, value: (row) => row.statusName },
]

export function transformEquipmentImport(row: Record<string, any>): EquipmentImportRow {
  return {
    id: Number(row.id),
    fileName: row.file_name,
    status: row.status as EquipmentImportStatus,
    statusName: EQUIPMENT_IMPORT_STATUSES[row.status as EquipmentImportStatus] ?? row.status,
    progress: Number(row.progress),
    rowCount: Number(row.row_count),
    errorRowCount: Number(row.error_row_count),
    importedCount: Number(row.imported_count),
    hasReport: Boolean(row.report_key),
    message: row.message ?? null,
    createdAt: new Date(row.created_at).toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
  }
}
