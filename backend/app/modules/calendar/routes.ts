/**
 * The handlers of the routes 节假日日历 declares in core/src/modules. start/routes.ts registers
 * them from the declaration (path, method, feature); a declared route without a handler, or a
 * handler for an undeclared route, stops the app at boot.
 */
import type { RouteHandlers } from '#start/route_handlers'

const CalendarController = () => import('#modules/calendar/calendar_controller')

export default {
  'calendar.years': [CalendarController, 'years'],
  'calendar.years_update': [CalendarController, 'updateYear'],
  'calendar.days': [CalendarController, 'days'],
  'calendar.days.export': [CalendarController, 'daysExport'],
  'calendar.days_upsert': [CalendarController, 'upsertDay'],
  'calendar.days_destroy': [CalendarController, 'destroyDay'],
} satisfies RouteHandlers
