/** 小区气象公告栏 (module 14): wire types of /api/v1/weather/… */
import type { WeatherSignalColor } from '../../modules/weather.ts'

/** an estate of the user's scope to choose (search by keyword) */
export interface WeatherEstateOption {
  id: number
  name: string
  address: string
  communityName: string
  streetName: string
  /** false: no lng / lat on record, no weather can be shown */
  hasLocation: boolean
}

export interface WeatherNowView {
  obsTime: string
  temp: number
  feelsLike: number
  icon: string
  text: string
  windDir: string
  windScale: string
  windSpeed: number
  humidity: number
  precip: number
  pressure: number
  vis: number
}

export interface WeatherDayView {
  date: string
  tempMax: number
  tempMin: number
  iconDay: string
  textDay: string
  iconNight: string
  textNight: string
  windDirDay: string
  windScaleDay: string
  humidity: number
  precip: number
  uvIndex: number
  sunrise: string
  sunset: string
}

/** an active warning signal */
export interface WeatherWarningView {
  id: string
  /** key of WEATHER_SIGNALS (typhoon, rainstorm …); null for a type outside Shenzhen's eleven */
  signal: string | null
  typeName: string
  color: WeatherSignalColor | null
  /** 白色 / 蓝色 / 黄色 / 橙色 / 红色 */
  colorName: string
  /** official name: 台风红色预警信号 */
  name: string
  /** the character of our icon */
  glyph: string
  title: string
  sender: string
  pubTime: string
  startTime: string
  endTime: string
  text: string
}

/** one section of the board: its data, or why it is missing */
export interface WeatherSection<T> {
  data: T
  /** when QWeather last updated it */
  updateTime: string | null
  /** the provider failed: the last good answer is shown */
  stale: boolean
  /** Chinese message when the section could not be loaded (data is then empty / null) */
  error: string | null
}

export interface WeatherBoard {
  estate: WeatherEstateOption & { lng: number | null; lat: number | null }
  now: WeatherSection<WeatherNowView | null>
  forecast: WeatherSection<WeatherDayView[]>
  warnings: WeatherSection<WeatherWarningView[]>
  /** where the data comes from (QWeather / the local stub) */
  source: string
}
