import { inject } from '@adonisjs/core'
import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'
import type User from '#models/user'
import EvaluationService from '#modules/evaluations/evaluation_service'
import EvaluationPeriodService from '#modules/evaluations/evaluation_period_service'
import { evaluationListValidator, reviewEvaluationValidator, submitEvaluationValidator } from '#modules/evaluations/evaluation_validator'
import { transformEvaluation, transformEvaluationDetail } from '#modules/evaluations/evaluation_transformer'
import { pagedRows, recordsFileName, streamExcel, type ExcelTable } from '#services/excel_export'
import { findRegionInScope } from '#services/region_scope'
import { evaluations, recordsExportColumns, type EvaluationRow } from '@szpm/core'

/** 街道社区评价 (module 13): periods, the list behind the numbers, one evaluation, submit and review. */
@inject()
export default class EvaluationsController {
  constructor(
    private evaluations: EvaluationService,
    private periodService: EvaluationPeriodService
  ) {}

  /** recent half-years, newest first, and which one the pages open on */
  async periods() {
    const { periods, meta } = await this.periodService.overview()
    return { data: periods, meta }
  }

  async index({ request, auth }: HttpContext) {
    const input = await request.validateUsing(evaluationListValidator, { data: request.qs() })
    const result = await this.evaluations.list(auth.getUserOrFail(), input)
    return {
      data: result.rows.map((row) => transformEvaluation(row, result.today)),
      meta: { total: result.total, page: result.page, perPage: result.perPage, period: result.period },
    }
  }

  /** the list export as a sheet: the download, or a background run of 导出中心 */
  static async table(user: User, qs: Record<string, unknown>): Promise<ExcelTable<EvaluationRow>> {
    const input = await evaluationListValidator.validate(qs)
    const service = await app.container.make(EvaluationService)
    const { first, rows } = await pagedRows(
      (page) => service.list(user, { ...input, page, per_page: 200 }),
      (batch) => batch.rows.map((row) => transformEvaluation(row, batch.today))
    )
    const region = await findRegionInScope(user, input.region_id)
    const fileName = await recordsFileName('街道社区评价', user, region, input.estate_id, first.period.label)
    const periodColumn = { header: '评价期', width: 16, value: () => first.period.label }
    const columns = recordsExportColumns<EvaluationRow>(evaluations.statistics!.records!, [{ after: 'streetName', column: periodColumn }])
    return { fileName, sheetName: first.period.label, columns, rows, total: async () => first.total }
  }

  async export(ctx: HttpContext) {
    const sheet = await EvaluationsController.table(ctx.auth.getUserOrFail(), ctx.request.qs())
    await streamExcel<EvaluationRow>(ctx, sheet.fileName, sheet.sheetName, sheet.columns, sheet.rows)
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
