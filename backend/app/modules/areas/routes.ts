/**
 * The handlers of the routes 物业区域管理 (module 20) declares in core/src/modules/areas.ts.
 */
import type { RouteHandlers } from '#start/route_handlers'

const AreaEstatesController = () => import('#modules/areas/area_estates_controller')
const AreaMapController = () => import('#modules/areas/area_map_controller')
const EquipmentController = () => import('#modules/areas/equipment_controller')
const EquipmentImportsController = () => import('#modules/areas/equipment_imports_controller')

export default {
  'area_estates.index': [AreaEstatesController, 'index'],
  'area_estates.export': [AreaEstatesController, 'export'],
  'area_map.index': [AreaMapController, 'index'],
  'equipment.index': [EquipmentController, 'index'],
  'equipment.export': [EquipmentController, 'export'],
  'equipment.store': [EquipmentController, 'store'],
  'equipment.update': [EquipmentController, 'update'],
  'equipment.destroy': [EquipmentController, 'destroy'],
  'equipment_imports.template': [EquipmentImportsController, 'template'],
  'equipment_imports.store': [EquipmentImportsController, 'store'],
  'equipment_imports.show': [EquipmentImportsController, 'show'],
  'equipment_imports.report': [EquipmentImportsController, 'report'],
} satisfies RouteHandlers
