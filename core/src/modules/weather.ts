import { defineModule } from './types.ts'

/**
 * 小区气象公告栏 (module 14): search the estates of one's scope by keyword, 确定选择, then the current
 * weather, the 7-day forecast and the active warning signals (预警信号) at the estate's location, from
 * QWeather's v7 API (a local stub outside production). A scheduled job polls the streets' locations
 * and sends an in-app notice to a street's users when a red or orange signal becomes active there,
 * once per signal. docs/weather.md.
 */
export const weather = defineModule({
  no: 14,
  name: '小区气象公告栏',
  slug: 'weather',
  status: 'live',
  group: 'business',
  features: { 'weather.view': '查看' },
  routes: [
    { name: 'weather_estates.index', method: 'GET', path: 'weather/estates', access: 'weather.view', label: '气象公告栏选择小区', query: ['q'] },
    { name: 'weather_estates.show', method: 'GET', path: 'weather/estates/:id', access: 'weather.view', label: '小区气象', params: { id: 'id' }, scoped: true },
  ],
  pages: [
    { name: 'weather', path: '/weather', title: '小区气象公告栏', feature: 'weather.view', apps: ['pc', 'h5'], menu: true },
  ],
  tile: { label: '气象公告', icon: 'umbrella-circle', page: 'weather' },
})

/** Colour levels of a warning signal, mildest first (QWeather's `severityColor`, lower-case). */
export const WEATHER_SIGNAL_COLORS = ['white', 'blue', 'green', 'yellow', 'orange', 'red', 'black'] as const
export type WeatherSignalColor = (typeof WEATHER_SIGNAL_COLORS)[number]

export const WEATHER_COLOR_NAMES: Readonly<Record<WeatherSignalColor, string>> = {
  white: '白色', blue: '蓝色', green: '绿色', yellow: '黄色', orange: '橙色', red: '红色', black: '黑色',
}

/** display colours (fill, text) of each level; white is drawn with a grey outline */
export const WEATHER_COLOR_HEX: Readonly<Record<WeatherSignalColor, { fill: string; text: string }>> = {
  white: { fill: '#ffffff', text: '#303133' },
  blue: { fill: '#1e5bd8', text: '#ffffff' },
  green: { fill: '#2e9d4a', text: '#ffffff' },
  yellow: { fill: '#f5c400', text: '#303133' },
  orange: { fill: '#f07c0a', text: '#ffffff' },
  red: { fill: '#d9001b', text: '#ffffff' },
  black: { fill: '#1f1f1f', text: '#ffffff' },
}

/** colours whose activation notifies the street's users */
export const WEATHER_ALERT_COLORS: readonly WeatherSignalColor[] = ['orange', 'red']

export interface WeatherSignalDeclaration {
  readonly key: string
  /** official name of the signal (深圳市气象灾害预警信号) */
  readonly name: string
  /** the character drawn in our icon */
  readonly glyph: string
  /** the colour levels the signal has, mildest first */
  readonly levels: readonly WeatherSignalColor[]
  /** QWeather `typeName` values and `type` codes that mean this signal */
  readonly typeNames: readonly string[]
  readonly typeCodes: readonly string[]
}

/**
 * The eleven warning signals of Shenzhen (深圳市气象灾害预警信号) with their colour levels. A warning
 * of another type (QWeather publishes more) is shown with its own `typeName` and a generic icon.
 */
export const WEATHER_SIGNALS: readonly WeatherSignalDeclaration[] = [
  { key: 'typhoon', name: '台风', glyph: '台', levels: ['white', 'blue', 'yellow', 'orange', 'red'], typeNames: ['台风'], typeCodes: ['1001', '11B01'] },
  { key: 'rainstorm', name: '暴雨', glyph: '雨', levels: ['yellow', 'orange', 'red'], typeNames: ['暴雨'], typeCodes: ['1003', '11B03'] },
  { key: 'heat', name: '高温', glyph: '热', levels: ['yellow', 'orange', 'red'], typeNames: ['高温'], typeCodes: ['1009', '11B09'] },
  { key: 'cold', name: '寒冷', glyph: '寒', levels: ['yellow', 'orange', 'red'], typeNames: ['寒冷', '寒潮'], typeCodes: ['1034', '1005', '11B05'] },
  { key: 'fog', name: '大雾', glyph: '雾', levels: ['yellow', 'orange', 'red'], typeNames: ['大雾'], typeCodes: ['1017', '11B17'] },
  { key: 'haze', name: '灰霾', glyph: '霾', levels: ['yellow'], typeNames: ['灰霾', '霾'], typeCodes: ['1019', '11B19'] },
  { key: 'gale', name: '大风', glyph: '风', levels: ['blue', 'yellow', 'orange', 'red'], typeNames: ['大风'], typeCodes: ['1006', '11B06'] },
  { key: 'hail', name: '冰雹', glyph: '雹', levels: ['orange', 'red'], typeNames: ['冰雹'], typeCodes: ['1015', '11B15'] },
  { key: 'lightning', name: '雷电', glyph: '雷', levels: ['yellow'], typeNames: ['雷电'], typeCodes: ['1014', '11B14'] },
  { key: 'drought', name: '干旱', glyph: '旱', levels: ['yellow', 'orange', 'red'], typeNames: ['干旱'], typeCodes: ['1022', '11B22'] },
  { key: 'forest_fire', name: '森林火险', glyph: '火', levels: ['yellow', 'orange', 'red'], typeNames: ['森林火险', '森林（草原）火险', '森林草原火险'], typeCodes: ['1025', '1041', '11B25'] },
]

/** The signal a QWeather warning is, by its `type` code or `typeName`; undefined for other types. */
export function weatherSignalOf(type: string, typeName: string): WeatherSignalDeclaration | undefined {
  return WEATHER_SIGNALS.find((signal) => signal.typeCodes.includes(type)) ?? WEATHER_SIGNALS.find((signal) => signal.typeNames.includes(typeName))
}

/** 深圳市台风红色预警信号 */
export function weatherSignalTitle(typeName: string, color: WeatherSignalColor | null): string {
  return `${typeName}${color ? WEATHER_COLOR_NAMES[color] : ''}预警信号`
}

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`)

/**
 * Our own icon of a signal (no copied asset): a rounded square in the level's colour with the
 * signal's character and its level bars, as SVG markup. `glyph` defaults to the first character of
 * the type name for types outside the catalogue.
 */
export function weatherSignalIcon(glyph: string, color: WeatherSignalColor | null, size = 48): string {
  const { fill, text } = WEATHER_COLOR_HEX[color ?? 'white']
  const rank = color ? WEATHER_SIGNAL_COLORS.indexOf(color) : 0
  // up to four bars along the bottom: one per step above white
  const bars = Array.from({ length: Math.min(4, rank) }, (_, i) =>
    `<rect x="${10 + i * 8}" y="38" width="6" height="3" rx="1" fill="${text}" opacity="0.85"/>`).join('')
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48" width="${size}" height="${size}" role="img" aria-label="${escapeXml(glyph)}">` +
    `<rect x="2" y="2" width="44" height="44" rx="8" fill="${fill}" stroke="${color === 'white' || !color ? '#909399' : fill}" stroke-width="2"/>` +
    `<text x="24" y="30" text-anchor="middle" font-size="22" font-weight="700" fill="${text}" font-family="sans-serif">${escapeXml(glyph.slice(0, 1))}</text>` +
    bars + '</svg>'
}

/** Our own small SVG of a QWeather condition code (100 晴 … 3xx 雨, 4xx 雪, 5xx 雾霾), drawn from shapes. */
export function weatherConditionIcon(code: string, size = 40): string {
  const n = Number(code)
  const sun = '<circle cx="18" cy="18" r="8" fill="#f5a623"/>'
  const cloud = (fill: string) => `<path d="M12 32h20a7 7 0 0 0 0-14 9 9 0 0 0-17-2 7 7 0 0 0-3 16z" fill="${fill}"/>`
  const drops = '<path d="M15 35l-2 5M23 35l-2 5M31 35l-2 5" stroke="#1e5bd8" stroke-width="2.5" stroke-linecap="round"/>'
  const flakes = '<circle cx="14" cy="38" r="2" fill="#5aa0e6"/><circle cx="22" cy="40" r="2" fill="#5aa0e6"/><circle cx="30" cy="38" r="2" fill="#5aa0e6"/>'
  const mist = '<path d="M8 22h28M6 28h32M10 34h24" stroke="#9aa3ad" stroke-width="3" stroke-linecap="round"/>'
  let body: string
  if (n === 100 || n === 150) body = '<circle cx="22" cy="22" r="10" fill="#f5a623"/>'
  else if (n >= 101 && n <= 103) body = sun + cloud('#c8d1db')
  else if (n === 104 || (n >= 151 && n <= 153)) body = cloud('#9aa3ad')
  else if (n >= 300 && n < 400) body = cloud('#7d8893') + drops
  else if (n >= 400 && n < 500) body = cloud('#b7c2cc') + flakes
  else if (n >= 500 && n < 600) body = mist
  else body = cloud('#c8d1db')
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 44 44" width="${size}" height="${size}" aria-hidden="true">${body}</svg>`
}
