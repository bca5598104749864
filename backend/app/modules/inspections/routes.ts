/** The handlers of the routes 安全检查 (module 15) declares in core/src/modules/inspections.ts. */
import type { RouteHandlers } from '#start/route_handlers'

const InspectionStatsController = () => import('#modules/inspections/inspection_stats_controller')
const InspectionCompaniesController = () => import('#modules/inspections/inspection_companies_controller')
const InspectionTargetsController = () => import('#modules/inspections/inspection_targets_controller')
const InspectionTasksController = () => import('#modules/inspections/inspection_tasks_controller')
const InspectionPhotosController = () => import('#modules/inspections/inspection_photos_controller')

export default {
  'inspection_stats.index': [InspectionStatsController, 'index'],
  'inspection_stats.export': [InspectionStatsController, 'export'],
  'inspection_companies.index': [InspectionCompaniesController, 'index'],
  'inspection_companies.export': [InspectionCompaniesController, 'export'],
  'inspection_targets.index': [InspectionTargetsController, 'index'],
  'inspection_targets.export': [InspectionTargetsController, 'export'],
  'inspection_tasks.index': [InspectionTasksController, 'index'],
  'inspection_tasks.export': [InspectionTasksController, 'export'],
  'inspection_tasks.store': [InspectionTasksController, 'store'],
  'inspection_tasks.show': [InspectionTasksController, 'show'],
  'inspection_tasks.remind': [InspectionTasksController, 'remind'],
  'my_inspections.index': [InspectionTargetsController, 'mine'],
  'inspection_target.show': [InspectionTargetsController, 'show'],
  'inspection_target.submit': [InspectionTargetsController, 'submit'],
  'inspection_target.rectify': [InspectionTargetsController, 'rectify'],
  'inspection_photos.upload': [InspectionPhotosController, 'upload'],
  'inspection_photos.download': [InspectionPhotosController, 'download'],
} satisfies RouteHandlers
