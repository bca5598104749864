/**
 * The handlers of the routes 车位信息 (module 10) declares in core/src/modules/parking.ts.
 */
import type { RouteHandlers } from '#start/route_handlers'

const ParkingStatsController = () => import('#modules/parking/parking_stats_controller')
const ParkingSpacesController = () => import('#modules/parking/parking_spaces_controller')
const ParkingEstatesController = () => import('#modules/parking/parking_estates_controller')
const ParkingRemindController = () => import('#modules/parking/parking_remind_controller')
const EstateParkingController = () => import('#modules/parking/estate_parking_controller')

export default {
  'parking_stats.index': [ParkingStatsController, 'index'],
  'parking_stats.export': [ParkingStatsController, 'export'],
  'parking_spaces.index': [ParkingSpacesController, 'index'],
  'parking_spaces.export': [ParkingSpacesController, 'export'],
  'parking_estates.index': [ParkingEstatesController, 'index'],
  'parking_estates.export': [ParkingEstatesController, 'export'],
  'parking.remind': [ParkingRemindController, 'remind'],
  'estate_parking.index': [EstateParkingController, 'index'],
  'estate_parking.store': [EstateParkingController, 'store'],
  'estate_parking.update': [EstateParkingController, 'update'],
  'estate_parking.destroy': [EstateParkingController, 'destroy'],
  'estate_parking.export': [EstateParkingController, 'export'],
} satisfies RouteHandlers
