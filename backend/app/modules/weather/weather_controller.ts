import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import WeatherService from '#modules/weather/weather_service'
import { weatherEstatesValidator } from '#modules/weather/weather_validator'
import { transformBoard, transformEstateOption } from '#modules/weather/weather_transformer'

/** 小区气象公告栏 (module 14): search the estates of one's scope, then one estate's weather board. */
@inject()
export default class WeatherController {
  constructor(private weather: WeatherService) {}

  async estates({ request, auth }: HttpContext) {
    const input = await request.validateUsing(weatherEstatesValidator, { data: request.qs() })
    const { rows, limited } = await this.weather.estates(auth.getUserOrFail(), input.q)
    return { data: rows.map(transformEstateOption), meta: { total: rows.length, limited } }
  }

  async show({ params, auth }: HttpContext) {
    const board = await this.weather.board(auth.getUserOrFail(), Number(params.id))
    return { data: transformBoard(board), meta: {} }
  }
}
