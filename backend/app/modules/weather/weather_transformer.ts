import {
  WEATHER_COLOR_NAMES, weatherSignalOf, weatherSignalTitle,
  type WeatherBoard, type WeatherEstateOption, type WeatherSection, type WeatherWarningView,
} from '@szpm/core'
import type { WeatherWarning } from '#services/weather/main'
import type { Board, Section, WeatherEstateRow } from '#modules/weather/weather_service'

export function transformEstateOption(row: WeatherEstateRow): WeatherEstateOption {
  return {
    id: Number(row.id),
    name: row.name,
    address: row.address,
    communityName: row.community_name,
    streetName: row.street_name,
    hasLocation: row.lng !== null && row.lat !== null,
  }
}

/** a QWeather warning as the board shows it: Shenzhen's signal, its official name and our icon's glyph */
export function transformWarning(warning: WeatherWarning): WeatherWarningView {
  const signal = weatherSignalOf(warning.type, warning.typeName)
  const typeName = signal?.name ?? (warning.typeName || '气象')
  return {
    id: warning.id,
    signal: signal?.key ?? null,
    typeName,
    color: warning.color,
    colorName: warning.color ? WEATHER_COLOR_NAMES[warning.color] : '',
    name: weatherSignalTitle(typeName, warning.color),
    glyph: signal?.glyph ?? typeName.slice(0, 1),
    title: warning.title,
    sender: warning.sender,
    pubTime: warning.pubTime,
    startTime: warning.startTime,
    endTime: warning.endTime,
    text: warning.text,
  }
}

function section<T, V>(value: Section<T> | null, map: (data: T) => V, empty: V): WeatherSection<V> {
  if (value === null) return { data: empty, updateTime: null, stale: false, error: '该小区未登记经纬度，暂无法显示气象信息' }
  if (!value.ok) return { data: empty, updateTime: null, stale: false, error: value.message }
  return { data: map(value.result.data), updateTime: value.result.updateTime || null, stale: value.result.stale, error: null }
}

const COLOR_RANK = ['red', 'orange', 'yellow', 'blue', 'green', 'white', 'black']

export function transformBoard(board: Board): WeatherBoard {
  return {
    estate: { ...transformEstateOption(board.estate), lng: board.estate.lng === null ? null : Number(board.estate.lng), lat: board.estate.lat === null ? null : Number(board.estate.lat) },
    now: section(board.now, (now) => ({ ...now }), null),
    forecast: section(board.forecast, (days) => days.map((day) => ({ ...day })), []),
    // the most severe first
    warnings: section(board.warnings, (list) => list.map(transformWarning).sort((a, b) => COLOR_RANK.indexOf(a.color ?? 'white') - COLOR_RANK.indexOf(b.color ?? 'white')), []),
    source: /127\.0\.0\.1|localhost/.test(board.source) ? 'QWeather（本地模拟服务）' : 'QWeather 和风天气',
  }
}
