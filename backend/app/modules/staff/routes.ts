/**
 * The handlers of the routes 从业人员信息 (module 9) declares in core/src/modules/staff.ts.
 * start/routes.ts registers them from the declaration (path, method, feature).
 */
import type { RouteHandlers } from '#start/route_handlers'

const StaffStatsController = () => import('#modules/staff/staff_stats_controller')
const StaffRecordsController = () => import('#modules/staff/staff_records_controller')
const StaffEstatesController = () => import('#modules/staff/staff_estates_controller')
const StaffRemindController = () => import('#modules/staff/staff_remind_controller')
const EstateStaffController = () => import('#modules/staff/estate_staff_controller')

export default {
  'staff_stats.index': [StaffStatsController, 'index'],
  'staff_stats.export': [StaffStatsController, 'export'],
  'staff_records.index': [StaffRecordsController, 'index'],
  'staff_records.export': [StaffRecordsController, 'export'],
  'staff_estates.index': [StaffEstatesController, 'index'],
  'staff_estates.export': [StaffEstatesController, 'export'],
  'staff.remind': [StaffRemindController, 'store'],
  'estate_staff.index': [EstateStaffController, 'index'],
  'estate_staff.store': [EstateStaffController, 'store'],
  'estate_staff.update': [EstateStaffController, 'update'],
  'estate_staff.destroy': [EstateStaffController, 'destroy'],
  'estate_staff.confirm': [EstateStaffController, 'confirm'],
  'estate_staff.export': [EstateStaffController, 'export'],
} satisfies RouteHandlers
