/**
 * Opening and closing the half-year windows (the time-driven part of 街道社区评价).
 *
 * - open: when a window starts, every estate gets its `pending` evaluation (and community staff a
 *   to-do), scored against the active template. Done by the scheduled job, and lazily by any
 *   evaluation / inbox request that finds the current window not yet opened.
 * - close: after the window ends, every evaluation not reviewed becomes `auto_scored` with 100
 *   (manual rule 2). Done by the scheduled job; reads are correct before it runs (effectiveScore).
 * Both are idempotent and serialised by an advisory lock.
 */
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { Exception } from '@adonisjs/core/exceptions'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import clock from '#services/clock'
import { publishEvaluations } from '#services/outbox'
import {
  AUTO_SCORE, describePeriod, hasClosed, hasOpened, latestStartedPeriod, periodAt, startedPeriods, windowOf, type PeriodKey,
} from '#modules/evaluations/evaluation_periods'
import { evaluationProcess } from '#modules/evaluations/evaluation_process'
import { fireSystemMany, recordCreated } from '#workflows/engine'
import type { ProcessDefinition } from '#workflows/process'
import type { EvaluationPeriod, EvaluationPeriodsMeta } from '@szpm/core'

const PROCESS = evaluationProcess as unknown as ProcessDefinition
const LOCK_SQL = `SELECT pg_advisory_xact_lock(hashtext('szpm.evaluation_periods'))`

export class NoActiveTemplate extends Exception {
  constructor() {
    super('尚无启用的评分模板，请联系市住建局管理员在「评分模板」中启用', { status: 422, code: 'E_NO_ACTIVE_TEMPLATE' })
  }
}

/** keys of periods this process has seen opened (saves a query per request) */
const knownOpened = new Set<string>()
const keyOf = (period: PeriodKey) => `${period.year}-${period.half}`

export default class EvaluationPeriodService {
  /** Opens `period` if it has started and is not open yet. Returns the number of evaluations created. */
  async open(period: PeriodKey, trx?: TransactionClientContract): Promise<number> {
    if (!trx) return db.transaction((inner) => this.open(period, inner))
    await trx.rawQuery(LOCK_SQL)
    const existing = await trx.from('evaluation_periods').where(period).first()
    if (existing) return 0
    const template = await trx.from('evaluation_templates').where('status', 'active').select('id').first()
    if (!template) throw new NoActiveTemplate()
    const { opensOn, closesOn } = windowOf(period)
    const now = clock.now().toJSDate()
    await trx.table('evaluation_periods').insert({
      ...period, opens_on: opensOn, closes_on: closesOn, template_id: template.id, opened_at: now, closed_at: null,
    })
    const created = await trx.rawQuery(
      `INSERT INTO evaluations (estate_id, year, half, template_id, state, version, created_at, updated_at)
       SELECT id, ?, ?, ?, 'pending', 1, ?, ? FROM estates ORDER BY id
       ON CONFLICT (estate_id, year, half) DO NOTHING
       RETURNING id`,
      [period.year, period.half, template.id, now, now]
    )
    const ids = (created.rows as { id: number }[]).map((row) => row.id)
    await recordCreated(trx, PROCESS, 'open', ids, null)
    await publishEvaluations(trx, ids)
    return ids.length
  }

  /** Auto-scores what was not reviewed in a window that has ended. Returns the evaluations scored. */
  async close(period: PeriodKey, trx?: TransactionClientContract): Promise<number> {
    if (!trx) return db.transaction((inner) => this.close(period, inner))
    await trx.rawQuery(LOCK_SQL)
    const row = await trx.from('evaluation_periods').where(period).first()
    if (!row || row.closed_at) return 0
    if (!hasClosed(period, clock.today())) return 0
    const ids = await fireSystemMany(
      trx, PROCESS, 'auto_score',
      { sql: 'year = ? AND half = ?', bindings: [period.year, period.half] },
      { final_score: AUTO_SCORE },
      '评价期结束未完成审核，按规定自动计100分'
    )
    await trx.from('evaluation_periods').where(period).update({ closed_at: clock.now().toJSDate() })
    await publishEvaluations(trx, ids)
    return ids.length
  }

  /**
   * The scheduled job's whole work (idempotent): open the window containing today, or the latest
   * that has started (so a late deployment still scores it), and close every opened window that has
   * ended.
   */
  async sync() {
    const today = clock.today()
    const latest = periodAt(today) ?? latestStartedPeriod(today)
    const opened = hasOpened(latest, today) ? await this.open(latest) : 0
    const due = await db.from('evaluation_periods').whereNull('closed_at').select('year', 'half')
    let autoScored = 0
    for (const period of due as PeriodKey[]) {
      if (hasClosed(period, today)) autoScored += await this.close({ year: period.year, half: period.half })
    }
    return { today, opened, autoScored }
  }

  /** Called by requests: makes sure the window containing today has its evaluations (cheap when it has). */
  async ensureCurrent() {
    const current = periodAt(clock.today())
    if (!current || knownOpened.has(keyOf(current))) return
    try {
      await this.open(current)
      knownOpened.add(keyOf(current))
    } catch (error) {
      // a missing template must not break the inbox; the evaluation pages show the reason
      if (!(error instanceof NoActiveTemplate)) throw error
      logger.warn('evaluation window %s not opened: no active template', keyOf(current))
    }
  }

  /** the recent half-years (newest first), today, the open one and the one pages show by default */
  async overview(): Promise<{ periods: EvaluationPeriod[]; meta: EvaluationPeriodsMeta }> {
    await this.ensureCurrent()
    const today = clock.today()
    const finalised = new Set(
      (await db.from('evaluation_periods').whereNotNull('closed_at').select('year', 'half')).map((p) => keyOf(p))
    )
    const describe = (period: PeriodKey) => describePeriod(period, today, finalised.has(keyOf(period)))
    const current = periodAt(today)
    return {
      periods: startedPeriods(today).map(describe),
      meta: { today, current: current ? describe(current) : null, default: describe(latestStartedPeriod(today)) },
    }
  }

  /** the period as pages show it; finalised = the close job has auto-scored it */
  async describe(period: PeriodKey): Promise<EvaluationPeriod> {
    const row = await db.from('evaluation_periods').where({ year: period.year, half: period.half }).select('closed_at').first()
    return describePeriod(period, clock.today(), Boolean(row?.closed_at))
  }

  /** forget what this process has seen (tests reset the database underneath it) */
  static forgetOpened() {
    knownOpened.clear()
  }
}
