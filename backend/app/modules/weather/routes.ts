/** The handlers of the routes 小区气象公告栏 (module 14) declares in core/src/modules/weather.ts. */
import type { RouteHandlers } from '#start/route_handlers'

const WeatherController = () => import('#modules/weather/weather_controller')

export default {
  'weather_estates.index': [WeatherController, 'estates'],
  'weather_estates.show': [WeatherController, 'show'],
} satisfies RouteHandlers
