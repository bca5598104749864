/**
 * 物业项目风险预警's daily job (`risk-daily`): every estate's score of the day, from ONE set-based
 * query of the inputs (risk_inputs.ts), the settings as they are at the start of the run, and the pure
 * scoring of core (riskScore). One transaction writes the day's rows (`estate_risk_scores`, upserted
 * by day × estate, so a re-run keeps each row's id), their outbox events (the warehouse's
 * `estate_risk_daily`), the run row, the to-dos of the estates newly 红 (red today, not red in the
 * previous run) for their street's handlers and one reminder each through the messages notifier.
 *
 * Idempotent per day: a day with a run row is skipped (the worker runs the job every 10 minutes and at
 * start, so the day's run happens soon after midnight Asia/Shanghai); `force` recomputes a day (the
 * same rows, no second to-do — one open to-do per estate — and no second reminder that day).
 */
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { RISK_LEVELS, riskScore, type RiskInputs, type RiskScore } from '@szpm/core'
import { writeEstateRiskOutbox } from '@szpm/etl'
import clock from '#services/clock'
import { notify } from '#modules/messages/notifier'
import { loadRiskInputs } from '#modules/risk/risk_inputs'
import { loadRiskSettings } from '#modules/risk/risk_settings'
import type { ScheduledJob } from '#workflows/process'

export const RISK_DAILY_JOB = 'risk-daily'
export const RISK_PROCESS = 'risk'
/** the to-do step of a newly red estate (a to-do only; an estate has no workflow state) */
export const RISK_RED_STEP = 'red'
/** advisory lock key of the run (two workers never compute the same day at once) */
const RUN_LOCK = 0x5249_534b

export interface RiskDailyResult {
  day: string
  /** false: the day had run already */
  ran: boolean
  estates: number
  red: number
  newRed: number
  reminded: number
}

/** active 街道办经办人 of each street holding risk.view (their granted features) */
async function streetHandlers(trx: TransactionClientContract, streetIds: number[]): Promise<Map<number, number[]>> {
  const rows = await trx.rawQuery(
    `SELECT u.id, u.region_id FROM users u
      WHERE u.role = 'street_handler' AND u.status = 'active' AND u.region_id = ANY(?::int[])
        AND EXISTS (SELECT 1 FROM user_features uf WHERE uf.user_id = u.id AND uf.feature = 'risk.view')
      ORDER BY u.id`,
    [`{${streetIds.join(',')}}`]
  )
  const byStreet = new Map<number, number[]>()
  for (const row of rows.rows) byStreet.set(Number(row.region_id), [...(byStreet.get(Number(row.region_id)) ?? []), Number(row.id)])
  return byStreet
}

export async function runRiskDaily(options: { day?: string; force?: boolean } = {}): Promise<RiskDailyResult> {
  const day = options.day ?? clock.today()
  const skipped = { day, ran: false, estates: 0, red: 0, newRed: 0, reminded: 0 }
  if (!options.force && (await db.from('risk_runs').where('day', day).first())) return skipped

  // the settings as they are now: a change applies from the next run
  const settings = await loadRiskSettings()
  const estates = await loadRiskInputs(day)
  const scored = estates.map((estate) => ({ ...estate, result: riskScore(estate.inputs, settings) }))

  return db.transaction(async (trx) => {
    await trx.rawQuery('SELECT pg_advisory_xact_lock(?)', [RUN_LOCK])
    if (!options.force && (await trx.from('risk_runs').where('day', day).first())) return skipped
    const previous = await trx.from('risk_runs').where('day', '<', day).max('day as day').first()
    const previousRed = new Set<number>()
    if (previous?.day) {
      const rows = await trx.from('estate_risk_scores').where({ day: previous.day, level: 'red' }).select('estate_id')
      for (const row of rows) previousRed.add(Number(row.estate_id))
    }

    const payload = JSON.stringify(scored.map(({ estateId, inputs, result }) => ({
      estate_id: estateId,
      score: result.score,
      level: result.level,
      signals: signalsJson(result, inputs),
    })))
    const written = await trx.rawQuery(
      `INSERT INTO estate_risk_scores (day, estate_id, score, level, signals, computed_at)
       SELECT ?::date, r.estate_id, r.score, r.level, r.signals, now()
         FROM jsonb_to_recordset(?::jsonb) AS r(estate_id int, score numeric, level text, signals jsonb)
       ON CONFLICT (day, estate_id) DO UPDATE SET score = EXCLUDED.score, level = EXCLUDED.level, signals = EXCLUDED.signals, computed_at = now()
       RETURNING id`,
      [day, payload]
    )
    const ids = written.rows.map((row: { id: number }) => Number(row.id))
    await writeEstateRiskOutbox((sql, params) => trx.rawQuery(sql, params as never).then((result: { rows: any[] }) => result.rows), ids, { paramStyle: 'knex' })

    const red = scored.filter((estate) => estate.result.level === 'red')
    const redIds = new Set(red.map((estate) => estate.estateId))
    const newRed = red.filter((estate) => !previousRed.has(estate.estateId))
    // an estate no longer red: its open to-do is over
    const openTodos = await trx.from('todos').where({ process: RISK_PROCESS, step: RISK_RED_STEP }).whereNull('closed_at').select('subject_id')
    const over = openTodos.map((row) => Number(row.subject_id)).filter((id) => !redIds.has(id))
    if (over.length) {
      await trx.from('todos').where({ process: RISK_PROCESS, step: RISK_RED_STEP }).whereIn('subject_id', over).whereNull('closed_at')
        .update({ closed_at: clock.now().toJSDate(), outcome: 'expired' })
    }

    let reminded = 0
    if (newRed.length) {
      const now = clock.now().toJSDate()
      await trx.rawQuery(
        `INSERT INTO todos (process, subject_id, step, title, summary, region_id, roles, feature, due_on, created_at)
         SELECT 'risk', r.estate_id, 'red', r.title, r.summary, r.street_id, ARRAY['street_handler'], 'risk.view', NULL, ?
           FROM jsonb_to_recordset(?::jsonb) AS r(estate_id int, street_id int, title text, summary text)
         ON CONFLICT (process, subject_id, step) WHERE closed_at IS NULL DO NOTHING`,
        [now, JSON.stringify(newRed.map((estate) => ({
          estate_id: estate.estateId,
          street_id: estate.streetId,
          title: `${estate.estateName}：风险预警${RISK_LEVELS.red}色`,
          summary: redSummary(estate.result),
        })))]
      )
      const handlers = await streetHandlers(trx, [...new Set(newRed.map((estate) => estate.streetId))])
      for (const estate of newRed) {
        const recipients = handlers.get(estate.streetId) ?? []
        if (recipients.length === 0) continue
        const result = await notify({
          reason: `risk.red:${estate.estateId}`,
          kind: 'reminder',
          module: 'risk',
          recipientIds: recipients,
          title: `【风险预警】${estate.estateName}转为红色预警`,
          summary: `${estate.estateName}今日风险分 ${estate.result.score}，${redSummary(estate.result)}。请及时关注处置。`,
          subject: { type: 'estate', id: estate.estateId, page: 'estate' },
          senderId: null,
        }, trx)
        reminded += result.sent.length
      }
    }

    await trx.rawQuery(
      `INSERT INTO risk_runs (day, settings, estates, red, new_red, finished_at) VALUES (?::date, ?::jsonb, ?, ?, ?, now())
       ON CONFLICT (day) DO UPDATE SET settings = EXCLUDED.settings, estates = EXCLUDED.estates, red = EXCLUDED.red, new_red = EXCLUDED.new_red, finished_at = now()`,
      [day, JSON.stringify(settings), scored.length, red.length, newRed.length]
    )
    return { day, ran: true, estates: scored.length, red: red.length, newRed: newRed.length, reminded }
  })
}

/** the signals that scored, for the to-do and the reminder */
function redSummary(result: RiskScore): string {
  return result.signals.filter((signal) => signal.points > 0).map((signal) => signal.description).join('；')
}

/** what a day's row keeps of each signal: its points, whether it was present / enabled, why, and its input */
function signalsJson(result: RiskScore, inputs: RiskInputs) {
  return result.signals.map((signal) => ({ ...signal, input: inputs[signal.key] ?? null }))
}

export const riskDailyJob: ScheduledJob<RiskDailyResult> = {
  name: RISK_DAILY_JOB,
  everyMs: 10 * 60_000,
  runAtStart: true,
  run: () => runRiskDaily(),
  describe: (result) => (result.ran ? `risk scores of ${result.day}: ${result.estates} estate(s), ${result.red} red, ${result.newRed} newly red, ${result.reminded} reminder(s)` : null),
}
