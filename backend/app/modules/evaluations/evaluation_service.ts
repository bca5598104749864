/**
 * 街道社区评价 records and actions (PostgreSQL). Numbers for dashboards come from the warehouse
 * (evaluation_stats_service.ts); this is the list behind them, one estate's evaluation, and the two
 * user transitions: community staff submit scores, the street handler reviews.
 */
import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import { errors as vineErrors } from '@vinejs/vine'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import type Region from '#models/region'
import type User from '#models/user'
import clock from '#services/clock'
import { publishEvaluations } from '#services/outbox'
import { NotFoundInScope, findRegionInScope, userRegion, whereEstateIn } from '#services/region_scope'
import EvaluationPeriodService from '#modules/evaluations/evaluation_period_service'
import {
  annualScore, effectiveScore, hasClosed, isWithinWindow, outsideWindowReason, resolvePeriod,
} from '#modules/evaluations/evaluation_periods'
import { evaluationProcess } from '#modules/evaluations/evaluation_process'
import { fire, mayFire, missingFields, TransitionNotAllowed, type FieldProblem } from '#workflows/engine'
import type { ProcessDefinition } from '#workflows/process'
import type { EvaluationHalf, EvaluationState, EvaluationTemplateItem } from '@szpm/core'
import { containing } from '#services/like_pattern'

const PROCESS = evaluationProcess as unknown as ProcessDefinition

export interface EvaluationListInput {
  region_id?: number
  /** one estate (the estate page's tab, a records export named after the estate) */
  estate_id?: number
  year?: number
  half?: number
  state?: EvaluationState | 'evaluated'
  q?: string
  page?: number
  per_page?: number
}

/** a raw evaluation row with its place, people and the other half of the year */
export interface EvaluationRecord {
  id: number
  estate_id: number
  estate_name: string
  community_id: number
  community_name: string
  street_name: string
  year: number
  half: EvaluationHalf
  state: EvaluationState
  submitted_score: string | null
  submitted_by_name: string | null
  submitted_at: Date | null
  final_score: string | null
  reviewed_by_name: string | null
  reviewed_at: Date | null
  version: number
  template_id: number
  submitted_scores: Record<string, number> | null
  submit_remark: string | null
  reviewed_scores: Record<string, number> | null
  review_opinion: string | null
  other_state: EvaluationState | null
  other_final_score: string | null
  period_closed_at: Date | null
}

/** a numeric column (pg returns decimals as strings) or null */
export const num = (value: string | number | null) => (value === null || value === undefined ? null : Number(value))

/** the state shown to users: an open evaluation whose window has ended reads as auto-scored */
export function displayState(row: { state: EvaluationState; year: number; half: EvaluationHalf }, today: string): EvaluationState {
  if ((row.state === 'pending' || row.state === 'submitted') && hasClosed({ year: row.year, half: row.half }, today)) return 'auto_scored'
  return row.state
}

export function scoresOf(row: EvaluationRecord, today: string) {
  const period = { year: row.year, half: row.half }
  const own = effectiveScore({ state: row.state, finalScore: num(row.final_score) }, period, today)
  const otherPeriod = { year: row.year, half: (3 - row.half) as EvaluationHalf }
  // no row for the other half (its window never opened on this platform) follows the same rule
  const other = effectiveScore({ state: row.other_state ?? 'pending', finalScore: num(row.other_final_score) }, otherPeriod, today)
  return {
    effective: own,
    other,
    annual: row.half === 1 ? annualScore(own, other) : annualScore(other, own),
  }
}

/**
 * Σ score / maxScore × weight, 2 decimals. Every item must be scored within its range with one
 * decimal at most; what is wrong comes back as field problems (`scores.<key>`).
 */
export function weightedTotal(items: EvaluationTemplateItem[], scores: Record<string, number>) {
  const problems: FieldProblem[] = []
  for (const key of Object.keys(scores)) {
    if (!items.some((item) => item.key === key)) problems.push({ field: `scores.${key}`, message: '评分项不存在', rule: 'exists' })
  }
  let total = 0
  for (const item of items) {
    const score = scores[item.key]
    if (score === undefined || score === null) {
      problems.push({ field: `scores.${item.key}`, message: `请为「${item.name}」评分`, rule: 'required' })
    } else if (score < 0 || score > item.maxScore) {
      problems.push({ field: `scores.${item.key}`, message: `「${item.name}」的评分须在 0 到 ${item.maxScore} 之间`, rule: 'range' })
    } else if (Math.round(score * 10) !== score * 10) {
      problems.push({ field: `scores.${item.key}`, message: `「${item.name}」的评分最多保留一位小数`, rule: 'decimal' })
    } else {
      total += (score / item.maxScore) * item.weight
    }
  }
  return { total: Math.round(total * 100) / 100, problems }
}

@inject()
export default class EvaluationService {
  constructor(private periods: EvaluationPeriodService) {}

  /**
   * every evaluation query starts here: rows with their place and people, limited to the subtree of
   * `root` (the user's region). Synchronous on purpose: a query builder is thenable.
   */
  private base(root: Region): DatabaseQueryBuilderContract<any> {
    const query = db
      .from('evaluations as ev')
      .join('estates as e', 'e.id', 'ev.estate_id')
      .join('regions as c', 'c.id', 'e.community_id')
      .join('regions as s', 's.id', 'e.street_id')
      .leftJoin('users as su', 'su.id', 'ev.submitted_by')
      .leftJoin('users as ru', 'ru.id', 'ev.reviewed_by')
      .joinRaw('LEFT JOIN evaluations AS o ON o.estate_id = ev.estate_id AND o.year = ev.year AND o.half = 3 - ev.half')
      .leftJoin('evaluation_periods as p', (join) => join.on('p.year', 'ev.year').andOn('p.half', 'ev.half'))
    return whereEstateIn(query, 'e', root)
  }

  /**
   * Who submitted / reviewed, as the history names them (the name at the time of the step, also for
   * imported history whose actor has no account), else the account's current name.
   */
  private actorName(action: 'submit' | 'review', account: string, alias: string) {
    return db.raw(
      `COALESCE((SELECT we.actor_name FROM workflow_events we WHERE we.process = ? AND we.subject_id = ev.id AND we.action = ? ORDER BY we.id DESC LIMIT 1), ${account}.name) AS ${alias}`,
      [PROCESS.name, action]
    )
  }

  private select(query: DatabaseQueryBuilderContract<any>) {
    return query.select(
      'ev.id', 'ev.estate_id', 'e.name as estate_name', 'e.community_id', 'c.name as community_name', 's.name as street_name',
      'ev.year', 'ev.half', 'ev.state', 'ev.submitted_score', this.actorName('submit', 'su', 'submitted_by_name'), 'ev.submitted_at',
      'ev.final_score', this.actorName('review', 'ru', 'reviewed_by_name'), 'ev.reviewed_at', 'ev.version', 'ev.template_id',
      'ev.submitted_scores', 'ev.submit_remark', 'ev.reviewed_scores', 'ev.review_opinion',
      'o.state as other_state', 'o.final_score as other_final_score', 'p.closed_at as period_closed_at'
    )
  }

  /** the list behind a number: filters of the statistics page (region, period, state) + keyword */
  async list(user: User, input: EvaluationListInput) {
    await this.periods.ensureCurrent()
    const region = await findRegionInScope(user, input.region_id)
    const period = resolvePeriod(input, clock.today())
    const today = clock.today()
    const query = this.base(await userRegion(user)).where('ev.year', period.year).where('ev.half', period.half)
    whereEstateIn(query, 'e', region)
    if (input.estate_id) query.where('ev.estate_id', input.estate_id)
    if (input.q) query.whereILike('e.name', containing(input.q))
    if (input.state === 'evaluated') {
      // 已评价: community staff submitted scores (the warehouse's was_submitted)
      query.whereNotNull('ev.submitted_at')
    } else if (input.state) {
      // the same rule as displayState, in SQL: after the window an open evaluation counts as auto-scored
      query.whereRaw(
        `(CASE WHEN ev.state IN ('pending','submitted') AND ?::date > p.closes_on THEN 'auto_scored' ELSE ev.state END) = ?`,
        [today, input.state]
      )
    }
    const page = input.page ?? 1
    const perPage = input.per_page ?? 20
    const [{ total }] = await query.clone().clearSelect().count('* as total')
    const rows = (await this.select(query)
      .orderBy('c.name', 'asc').orderBy('e.name', 'asc').orderBy('ev.id', 'asc')
      .limit(perPage).offset((page - 1) * perPage)) as EvaluationRecord[]
    return { rows, total: Number(total), page, perPage, period: await this.periods.describe(period), today }
  }

  async find(user: User, id: number): Promise<EvaluationRecord> {
    const row = await this.select(this.base(await userRegion(user)).where('ev.id', id)).first()
    if (!row) throw new NotFoundInScope()
    return row as EvaluationRecord
  }

  /** one evaluation with its template, history, the other half, and what the user may do now */
  async show(user: User, id: number) {
    await this.periods.ensureCurrent()
    const row = await this.find(user, id)
    const today = clock.today()
    const period = { year: row.year, half: row.half }
    const template = await db.from('evaluation_templates').where('id', row.template_id).select('id', 'name', 'items').firstOrFail()
    const history = await db
      .from('workflow_events')
      .where({ process: PROCESS.name, subject_id: row.id })
      .orderBy('id', 'asc')
    const inWindow = isWithinWindow(period, today)
    const action = row.state === 'pending' ? 'submit' : row.state === 'submitted' ? 'review' : null
    const allowed = action !== null && mayFire(PROCESS, action, user)
    const can = { submit: action === 'submit' && allowed && inWindow, review: action === 'review' && allowed && inWindow }
    const reason = allowed && !inWindow ? outsideWindowReason(period, today) : null
    return { row, today, template, history, can, reason, period: await this.periods.describe(period) }
  }

  async submit(user: User, id: number, input: { version: number; scores: Record<string, number>; remark?: string | null }) {
    return this.act(user, id, 'submit', input.version, input.scores, (_row, score) => {
      return {
        remark: input.remark ?? null,
        data: { scores: input.scores, score },
        changes: {
          submitted_scores: JSON.stringify(input.scores), submitted_score: score, submit_remark: input.remark ?? null,
          submitted_by: user.id, submitted_at: clock.now().toJSDate(),
        },
      }
    })
  }

  async review(user: User, id: number, input: { version: number; scores: Record<string, number>; opinion?: string | null }) {
    return this.act(user, id, 'review', input.version, input.scores, (row, score) => {
      const rescored = Object.keys(input.scores).filter((key) => row.submitted_scores?.[key] !== input.scores[key])
      return {
        remark: input.opinion ?? null,
        data: { scores: input.scores, score, rescored, opinion: input.opinion ?? null },
        changes: {
          reviewed_scores: JSON.stringify(input.scores), final_score: score, review_opinion: input.opinion ?? null,
          reviewed_by: user.id, reviewed_at: clock.now().toJSDate(),
        },
      }
    })
  }

  /**
   * The shared shape of a user action: scope (404), window (422 with the reason), then the
   * workflow transition + outbox in one transaction (409 on a stale version).
   */
  private async act(
    user: User,
    id: number,
    action: 'submit' | 'review',
    version: number,
    scores: Record<string, number>,
    build: (row: EvaluationRecord, score: number) => {
      remark: string | null
      data: Record<string, unknown>
      changes: Record<string, unknown>
    }
  ) {
    // the role check needs no data, so it comes first (and reveals nothing about the record)
    if (!mayFire(PROCESS, action, user)) {
      throw new TransitionNotAllowed(`您没有权限执行「${PROCESS.transitions[action].label}」`, 403)
    }
    const row = await this.find(user, id)
    const period = { year: row.year, half: row.half }
    const today = clock.today()
    if (!isWithinWindow(period, today)) throw new TransitionNotAllowed(outsideWindowReason(period, today))
    const template = await db.from('evaluation_templates').where('id', row.template_id).select('items').firstOrFail()
    const { total, problems } = weightedTotal(template.items as EvaluationTemplateItem[], scores)
    const built = build(row, total)
    // every field problem at once: required fields of the transition and the scores
    const all = [...missingFields(PROCESS, action, built.data), ...problems]
    if (all.length > 0) throw new vineErrors.E_VALIDATION_ERROR(all)
    await db.transaction(async (trx) => {
      await fire(trx, PROCESS, { subjectId: row.id, action, actor: user, version, ...built })
      await publishEvaluations(trx, [row.id])
    })
    return this.show(user, id)
  }
}
