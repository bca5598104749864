import { defineModule } from './types.ts'

/** 设施设备 categories (code → Chinese name, the import template's 设备类别 values) */
export const EQUIPMENT_CATEGORIES = {
  elevator: '电梯', fire: '消防设施', water: '供水设施', power: '供配电设施', security: '安防监控', gas: '燃气设施', other: '其他',
} as const
export type EquipmentCategory = keyof typeof EQUIPMENT_CATEGORIES

/** the state of one piece of equipment */
export const EQUIPMENT_STATUSES = { normal: '正常', repairing: '维修中', disabled: '停用' } as const
export type EquipmentStatus = keyof typeof EQUIPMENT_STATUSES

/** the state of an Excel import (a BullMQ job; docs/areas.md) */
export const EQUIPMENT_IMPORT_STATUSES = { queued: '排队中', validating: '校验中', importing: '导入中', succeeded: '导入成功', rejected: '校验未通过', failed: '导入失败' } as const
export type EquipmentImportStatus = keyof typeof EQUIPMENT_IMPORT_STATUSES

/** the most vertices a map query's polygon may have */
export const AREA_POLYGON_MAX_POINTS = 200

/** the largest file the import accepts, in data rows */
export const EQUIPMENT_IMPORT_MAX_ROWS = 100_000

/**
 * 物业区域管理 (module 20), first part: 设施设备 of the estates — list, add / edit / delete (version
 * rule), export, template download and the atomic Excel import (every row checked first; any error →
 * nothing written and an xlsx error report; else all rows in one transaction, a BullMQ job with
 * progress); the area list (物业区域) by name, filters and a map query — rectangle, polygon or a clicked
 * point, filtered on the server (docs/areas.md) — on PC with a map, on H5 as a read-only list.
 */
export const areas = defineModule({
  no: 20,
  name: '物业区域管理',
  slug: 'areas',
  status: 'live',
  group: 'business',
  features: { 'areas.view': '查看', 'areas.export': '导出', 'areas.manage': '设施设备维护与导入' },
  routes: [
    { name: 'area_estates.index', method: 'GET', path: 'areas/estates', access: 'areas.view', label: '物业区域列表', scoped: true, query: ['region_id', 'estate_id', 'q', 'estate_type', 'has_committee', 'bbox', 'polygon', 'point', 'page', 'per_page'] },
    { name: 'area_estates.export', method: 'GET', path: 'areas/estates/export', access: 'areas.export', label: '导出物业区域列表', scoped: true, query: ['region_id', 'estate_id', 'q', 'estate_type', 'has_committee', 'bbox', 'polygon', 'point'] },
    { name: 'area_map.index', method: 'GET', path: 'areas/map', access: 'areas.view', label: '物业区域地图图层', scoped: true, query: ['region_id'] },
    { name: 'equipment.index', method: 'GET', path: 'areas/equipment', access: 'areas.view', label: '设施设备列表', scoped: true, query: ['region_id', 'estate_id', 'category', 'status', 'q', 'page', 'per_page'] },
    { name: 'equipment.export', method: 'GET', path: 'areas/equipment/export', access: 'areas.export', label: '导出设施设备', scoped: true, query: ['region_id', 'estate_id', 'category', 'status', 'q'] },
    { name: 'equipment.store', method: 'POST', path: 'areas/equipment', access: 'areas.manage', label: '新增设施设备', scoped: true },
    { name: 'equipment.update', method: 'PATCH', path: 'areas/equipment/:id', access: 'areas.manage', label: '修改设施设备', params: { id: 'id' }, scoped: true },
    { name: 'equipment.destroy', method: 'DELETE', path: 'areas/equipment/:id', access: 'areas.manage', label: '删除设施设备', params: { id: 'id' }, scoped: true },
    { name: 'equipment_imports.template', method: 'GET', path: 'areas/equipment/import-template', access: 'areas.manage', label: '下载设施设备导入模板' },
    { name: 'equipment_imports.store', method: 'POST', path: 'areas/equipment/imports', access: 'areas.manage', label: '导入设施设备' },
    { name: 'equipment_imports.show', method: 'GET', path: 'areas/equipment/imports/:id', access: 'areas.manage', label: '设施设备导入进度', params: { id: 'id' }, scoped: true },
    { name: 'equipment_imports.report', method: 'GET', path: 'areas/equipment/imports/:id/report', access: 'areas.manage', label: '下载设施设备导入错误报告', params: { id: 'id' }, scoped: true },
  ],
  pages: [
    { name: 'areas', path: '/areas', title: '物业区域', feature: 'areas.view', apps: ['pc', 'h5'], menu: true },
    { name: 'areas-equipment', path: '/areas/equipment', title: '设施设备', feature: 'areas.view', apps: ['pc'], menu: true },
  ],
  tile: { label: '物业区域', icon: 'location-o', page: 'areas' },
  estateTab: { label: '物业区域信息', feature: 'areas.view' },
})
