/**
 * 气象预警提醒: the jobs worker polls QWeather's active warnings at every street's location (the mean
 * of its estates' coordinates) every WEATHER_WARNINGS_EVERY_MS (also once at start; `./ace jobs:run
 * weather-warnings`). When a red or orange signal is active for a street and the street was not yet
 * notified of it, one in-app notice goes to the street's users through the messages notifier, in the
 * transaction that records the signal in `weather_warning_notices` (UNIQUE street + QWeather warning id):
 * once per signal, however often the job runs, and two workers running it at once send it once.
 *
 * The street's users: the active government accounts of the street and of its communities, and the
 * project managers and owners' committee directors bound to the street's estates.
 * A street whose poll fails is skipped this round (counted in `failed`) and tried again next time.
 */
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import { WEATHER_ALERT_COLORS } from '@szpm/core'
import clock from '#services/clock'
import { notify } from '#modules/messages/notifier'
import { WeatherApiError, weatherClient, type QWeatherClient, type WeatherWarning } from '#services/weather/main'
import { transformWarning } from '#modules/weather/weather_transformer'
import type { ScheduledJob } from '#workflows/process'

export const WEATHER_WARNINGS_JOB = 'weather-warnings'
export const WEATHER_WARNINGS_EVERY_MS = 5 * 60_000

export interface WeatherWarningsResult {
  streets: number
  /** signals notified now */
  notified: number
  /** messages written */
  messages: number
  /** streets whose poll failed */
  failed: number
}

interface StreetLocation {
  id: number
  name: string
  lng: number
  lat: number
}

/** every street with located estates, at the mean of its estates' coordinates */
async function streetLocations(): Promise<StreetLocation[]> {
  const rows = (await db
    .from('estates as e')
    .join('regions as s', 's.id', 'e.street_id')
    .whereNotNull('e.lng')
    .whereNotNull('e.lat')
    .groupBy('s.id', 's.name')
    .orderBy('s.id')
    .select('s.id', 's.name', db.raw('avg(e.lng) AS lng'), db.raw('avg(e.lat) AS lat'))) as { id: number; name: string; lng: string; lat: string }[]
  return rows.map((row) => ({ id: Number(row.id), name: row.name, lng: Number(row.lng), lat: Number(row.lat) }))
}

/** the street's users (see the file comment), ascending */
export async function streetRecipients(streetId: number, trx: TransactionClientContract): Promise<number[]> {
  const result = await trx.rawQuery(
    `SELECT u.id FROM users u JOIN regions r ON r.id = u.region_id
      WHERE u.status = 'active' AND u.role NOT IN ('project_manager', 'committee_director', 'owner')
        AND (r.id = ? OR r.street_id = ?)
     UNION
     SELECT u.id FROM user_estates ue JOIN estates e ON e.id = ue.estate_id JOIN users u ON u.id = ue.user_id
      WHERE e.street_id = ? AND u.status = 'active' AND ue.relation IN ('project_manager', 'committee_director')
     ORDER BY 1`,
    [streetId, streetId, streetId]
  )
  return (result.rows as { id: number }[]).map((row) => Number(row.id))
}

const instant = (value: string) => {
  const parsed = DateTime.fromISO(value, { setZone: true })
  return parsed.isValid ? parsed : null
}

/** red / orange, not cancelled, not yet ended */
function alerting(warning: WeatherWarning, now: DateTime) {
  if (!warning.color || !WEATHER_ALERT_COLORS.includes(warning.color)) return false
  if (warning.status === 'cancel') return false
  const ends = instant(warning.endTime)
  return !ends || ends > now
}

/** Records the signal for the street and notifies its users, once: false when it was already recorded. */
async function notifyStreet(street: StreetLocation, warning: WeatherWarning): Promise<{ notified: boolean; messages: number }> {
  const view = transformWarning(warning)
  return db.transaction(async (trx) => {
    const now = clock.now()
    const inserted = await trx.rawQuery(
      `INSERT INTO weather_warning_notices (street_id, warning_id, warning_type, type_name, color, title, starts_at, ends_at, notified_at)
       VALUES (?, ?, ?, ?, ?, ?, ?::timestamptz, ?::timestamptz, ?::timestamptz)
       ON CONFLICT (street_id, warning_id) DO NOTHING RETURNING id`,
      [street.id, warning.id, warning.type, view.typeName, warning.color, view.name,
        instant(warning.startTime)?.toISO() ?? null, instant(warning.endTime)?.toISO() ?? null, now.toISO()] as any[]
    )
    const row = (inserted.rows as { id: number }[])[0]
    if (!row) return { notified: false, messages: 0 }
    const recipientIds = await streetRecipients(street.id, trx)
    const result = await notify(
      {
        reason: `weather.warning:${row.id}`,
        kind: 'notice',
        module: 'weather',
        recipientIds,
        title: `【气象预警】${street.name}：${view.name}`,
        summary: [warning.title, warning.text, '请做好防御准备，详情见小区气象公告栏。'].filter(Boolean).join('\n').slice(0, 2000),
        senderId: null,
      },
      trx
    )
    await trx.from('weather_warning_notices').where('id', row.id).update({ recipient_count: result.sent.length })
    return { notified: true, messages: result.sent.length }
  })
}

/** One round over every street (what the job runs). */
export async function pollStreetWarnings(client: QWeatherClient = weatherClient()): Promise<WeatherWarningsResult> {
  const streets = await streetLocations()
  const result: WeatherWarningsResult = { streets: streets.length, notified: 0, messages: 0, failed: 0 }
  const now = clock.now()
  for (const street of streets) {
    let warnings: WeatherWarning[]
    try {
      warnings = (await client.warnings(street)).data
    } catch (error) {
      if (!(error instanceof WeatherApiError)) throw error
      result.failed++
      continue
    }
    for (const warning of warnings.filter((w) => alerting(w, now))) {
      const done = await notifyStreet(street, warning)
      if (done.notified) result.notified++
      result.messages += done.messages
    }
  }
  return result
}

export const weatherWarningsJob: ScheduledJob<WeatherWarningsResult> = {
  name: WEATHER_WARNINGS_JOB,
  everyMs: WEATHER_WARNINGS_EVERY_MS,
  runAtStart: true,
  run: () => pollStreetWarnings(),
  describe: (result) =>
    result.notified || result.failed ? `${result.notified} warning signal(s) notified (${result.messages} messages), ${result.failed} street(s) failed` : null,
}
