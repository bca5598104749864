/** 物业区域管理 (module 20): 设施设备 list, add / edit / delete, export, template and the Excel import. */
import { uploadFile, type Http, type Query } from './http.ts'
import type { EquipmentCategory, EquipmentStatus } from '../modules/areas.ts'
import type { EquipmentImportRow, EquipmentListMeta, EquipmentRow } from './types.ts'

export interface EquipmentQuery {
  region_id?: number
  estate_id?: number
  category?: EquipmentCategory
  status?: EquipmentStatus
  q?: string
  page?: number
  per_page?: number
}

export interface EquipmentInput {
  estate_id: number
  code: string
  name: string
  category: EquipmentCategory
  location?: string
  quantity?: number
  commissioned_on?: string | null
  status?: EquipmentStatus
}

export function areasApi(http: Http, baseUrl = '') {
  return {
    equipment: (query: EquipmentQuery = {}) => http.call<EquipmentRow[], EquipmentListMeta>('equipment.index', { query: query as Query }),
    equipmentExportUrl: (query: Omit<EquipmentQuery, 'page' | 'per_page'> = {}) => http.url('equipment.export', { query: query as Query }),
    addEquipment: (input: EquipmentInput) => http.call<EquipmentRow>('equipment.store', { body: input }),
    updateEquipment: (id: number, input: Partial<Omit<EquipmentInput, 'estate_id'>> & { version: number }) =>
      http.call<EquipmentRow>('equipment.update', { params: { id }, body: input }),
    deleteEquipment: (id: number, version: number) => http.call<{ id: number }>('equipment.destroy', { params: { id }, body: { version } }),
    templateUrl: () => http.url('equipment_imports.template', {}),
    /** uploads an .xlsx; the import runs as a background job (poll `importStatus`) */
    startImport: (file: Blob, fileName: string) => uploadFile<EquipmentImportRow>(baseUrl, 'equipment_imports.store', file, fileName),
    importStatus: (id: number) => http.call<EquipmentImportRow>('equipment_imports.show', { params: { id } }),
    reportUrl: (id: number) => http.url('equipment_imports.report', { params: { id } }),
  }
}
