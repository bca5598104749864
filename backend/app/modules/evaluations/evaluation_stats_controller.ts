import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import clock from '#services/clock'
import EvaluationStatsService from '#modules/evaluations/evaluation_stats_service'
import { evaluationStatsValidator } from '#modules/evaluations/evaluation_stats_validator'
import { findRegionInScope } from '#services/region_scope'
import { statsEnvelope } from '#statistics/region_stats'
import { periodLabel, resolvePeriod } from '#modules/evaluations/evaluation_periods'
import EvaluationPeriodService from '#modules/evaluations/evaluation_period_service'
import { streamExcel } from '#services/excel_export'
import { LEVEL_NAMES } from '#services/labels'
import type { EvaluationStatsMeta, EvaluationStatsRow } from '@szpm/core'

const count = (value: number | null) => value ?? 0

@inject()
export default class EvaluationStatsController {
  constructor(
    private stats: EvaluationStatsService,
    private periods: EvaluationPeriodService
  ) {}

  /** validate, scope, pick the half-year; "today" (the as-of date) comes from the server clock */
  private async prepare({ request, auth }: HttpContext) {
    const input = await request.validateUsing(evaluationStatsValidator, { data: request.qs() })
    const user = auth.getUserOrFail()
    const region = await findRegionInScope(user, input.region_id)
    const today = clock.today()
    const period = resolvePeriod(input, today)
    return { user, region, today, period, result: await this.stats.forRegion(region, period, today) }
  }

  /** 街道社区评价 statistics per child region of the asked region (default: the user's own), for one half-year. */
  async index(ctx: HttpContext) {
    const { user, region, period, result } = await this.prepare(ctx)
    const [envelope, described] = await Promise.all([statsEnvelope(user, region, result), this.periods.describe(period)])
    const meta: EvaluationStatsMeta = { ...envelope.meta, period: described }
    const data: EvaluationStatsRow[] = envelope.data
    return { data, meta }
  }

  async export(ctx: HttpContext) {
    const { region, period, result } = await this.prepare(ctx)
    await streamExcel<EvaluationStatsRow>(ctx, `街道社区评价-${region.name}-${periodLabel(period)}`, '街道社区评价', [
      { header: LEVEL_NAMES[result.level], width: 28, value: (r) => r.name },
      { header: '物业项目数', value: (r) => count(r.estates) },
      { header: '已评价', value: (r) => count(r.evaluated) },
      { header: '待评价', value: (r) => count(r.pending) },
      { header: '待审核', value: (r) => count(r.submitted) },
      { header: '已审核', value: (r) => count(r.reviewed) },
      { header: '自动计分', value: (r) => count(r.autoScored) },
      { header: '平均分', value: (r) => (r.averageScore === null ? '—' : r.averageScore.toFixed(2)) },
      { header: '60分以下', value: (r) => count(r.below60) },
      { header: '60–69分', value: (r) => count(r.from60to69) },
      { header: '70–79分', value: (r) => count(r.from70to79) },
      { header: '80–89分', value: (r) => count(r.from80to89) },
      { header: '90–100分', value: (r) => count(r.from90to100) },
    ], result.rows)
  }
}
