import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import clock from '#services/clock'
import EvaluationService from '#services/evaluation_service'
import EvaluationPeriodService from '#services/evaluation_period_service'
import { describePeriod, latestStartedPeriod, periodAt, startedPeriods } from '#services/evaluation_periods'
import { evaluationListValidator, reviewEvaluationValidator, submitEvaluationValidator } from '#validators/evaluation'
import { transformEvaluation, transformEvaluationDetail } from '#transformers/evaluation_transformer'
import { streamExcel } from '#services/excel_export'
import { formatTime } from '#controllers/todos_controller'
import db from '@adonisjs/lucid/services/db'
import type { EvaluationRow } from '../../client/types.ts'

/** 街道社区评价 (module 13): periods, the list behind the numbers, one evaluation, submit and review. */
@inject()
export default class EvaluationsController {
  constructor(
    private evaluations: EvaluationService,
    private periodService: EvaluationPeriodService
  ) {}

  /** recent half-years, newest first, and which one the pages open on */
  async periods() {
    await this.periodService.ensureCurrent()
    const today = clock.today()
    const finalised = new Set(
      (await db.from('evaluation_periods').whereNotNull('closed_at').select('year', 'half')).map((p) => `${p.year}-${p.half}`)
    )
    const list = startedPeriods(today).map((p) => describePeriod(p, today, finalised.has(`${p.year}-${p.half}`)))
    const current = periodAt(today)
    const fallback = latestStartedPeriod(today)
    return {
      data: list,
      meta: {
        today,
        current: current ? describePeriod(current, today, finalised.has(`${current.year}-${current.half}`)) : null,
        default: describePeriod(fallback, today, finalised.has(`${fallback.year}-${fallback.half}`)),
      },
    }
  }

  async index({ request, auth }: HttpContext) {
    const input = await request.validateUsing(evaluationListValidator, { data: request.qs() })
    const result = await this.evaluations.list(auth.getUserOrFail(), input)
    return {
      data: result.rows.map((row) => transformEvaluation(row, result.today)),
      meta: { total: result.total, page: result.page, perPage: result.perPage, period: result.period },
    }
  }

  async export(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(evaluationListValidator, { data: ctx.request.qs() })
    const user = ctx.auth.getUserOrFail()
    // the first page runs before the download starts, so scope and filter errors answer as errors
    const first = await this.evaluations.list(user, { ...input, page: 1, per_page: 200 })
    const evaluations = this.evaluations
    async function* rows() {
      yield* first.rows.map((row) => transformEvaluation(row, first.today))
      for (let page = 2; (page - 1) * first.perPage < first.total; page++) {
        const batch = await evaluations.list(user, { ...input, page, per_page: 200 })
        yield* batch.rows.map((row) => transformEvaluation(row, batch.today))
      }
    }
    const score = (value: number | null) => (value === null ? null : value)
    await streamExcel<EvaluationRow>(ctx, `街道社区评价-${first.period.label}`, first.period.label, [
      { header: '物业项目', width: 28, value: (r) => r.estateName },
      { header: '所属社区', width: 20, value: (r) => r.communityName },
      { header: '所属街道', width: 16, value: (r) => r.streetName },
      { header: '评价期', value: () => first.period.label },
      { header: '状态', value: (r) => r.stateName },
      { header: '社区评分', value: (r) => score(r.submittedScore) },
      { header: '评分人', value: (r) => r.submittedByName },
      { header: '提交时间', width: 20, value: (r) => (r.submittedAt ? formatTime(r.submittedAt) : null) },
      { header: '生效得分', value: (r) => score(r.effectiveScore) },
      { header: '审核人', value: (r) => r.reviewedByName },
      { header: '审核时间', width: 20, value: (r) => (r.reviewedAt ? formatTime(r.reviewedAt) : null) },
      { header: '年度得分', value: (r) => score(r.annualScore) },
    ], rows())
  }

  async show({ params, auth }: HttpContext) {
    const detail = await this.evaluations.show(auth.getUserOrFail(), Number(params.id))
    return { data: transformEvaluationDetail(detail), meta: {} }
  }

  async submit({ params, request, auth }: HttpContext) {
    const input = await request.validateUsing(submitEvaluationValidator)
    const detail = await this.evaluations.submit(auth.getUserOrFail(), Number(params.id), input)
    return { data: transformEvaluationDetail(detail), meta: {} }
  }

  async review({ params, request, auth }: HttpContext) {
    const input = await request.validateUsing(reviewEvaluationValidator)
    const detail = await this.evaluations.review(auth.getUserOrFail(), Number(params.id), input)
    return { data: transformEvaluationDetail(detail), meta: {} }
  }
}
