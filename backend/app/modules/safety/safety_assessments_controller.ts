import type { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'
import { recordsExportColumns, safetyStatistics } from '@szpm/core'
import type User from '#models/user'
import { findRegionInScope } from '#services/region_scope'
import { inBatches, recordsFileName, streamExcel, type ExcelTable } from '#services/excel_export'
import { assessmentRows, safetyAssessmentQuery } from '#modules/safety/safety_assessment_query'
import { transformSafetyAssessment, type SafetyAssessmentRow } from '#modules/safety/safety_transformer'
import { safetyAssessmentListValidator, safetyAssessmentUpdateValidator } from '#modules/safety/safety_validator'
import SafetyService, { currentSafetyYear } from '#modules/safety/safety_service'

/** the list's filters: the year defaults to this year (a community's 本年度考核内容) */
async function listInput(qs: Record<string, unknown>) {
  const { region_id, year, page = 1, per_page = 20, ...filters } = await safetyAssessmentListValidator.validate(qs)
  return { region_id, page, per_page, filters: { ...filters, year: year ?? currentSafetyYear() } }
}

/**
 * 社区考核内容 (`safety_assessments.*`): the assessments behind a 平安建设 number — of one community, its
 * detail — paged, their export, and 考核办理 of one assessment.
 */
export default class SafetyAssessmentsController {
  async index({ request, auth }: HttpContext) {
    const { region_id, page, per_page, filters } = await listInput(request.qs())
    const region = await findRegionInScope(auth.getUserOrFail(), region_id)
    const query = safetyAssessmentQuery(region, filters)
    const [{ total }] = await query.clone().clearSelect().clearOrder().count('* as total')
    const rows = await query.limit(per_page).offset((page - 1) * per_page)
    return { data: rows.map(transformSafetyAssessment), meta: { total: Number(total), page, perPage: per_page, year: filters.year } }
  }

  /** the list as a sheet: the download, or a background run of 导出中心 */
  static async table(user: User, qs: Record<string, unknown>): Promise<ExcelTable<SafetyAssessmentRow>> {
    const { region_id, filters } = await listInput(qs)
    const region = await findRegionInScope(user, region_id)
    const fileName = await recordsFileName('社区考核内容', user, region, undefined, `${filters.year}年度`)
    async function* rows() {
      for await (const row of inBatches<Record<string, any>>(() => safetyAssessmentQuery(region, filters))) yield transformSafetyAssessment(row)
    }
    const total = async () => {
      const [{ total: count }] = await safetyAssessmentQuery(region, filters).clearSelect().clearOrder().count('* as total')
      return Number(count)
    }
    return { fileName, sheetName: '社区考核内容', columns: recordsExportColumns(safetyStatistics.records!), rows: rows(), total }
  }

  async export(ctx: HttpContext) {
    const sheet = await SafetyAssessmentsController.table(ctx.auth.getUserOrFail(), ctx.request.qs())
    await streamExcel<SafetyAssessmentRow>(ctx, sheet.fileName, sheet.sheetName, sheet.columns, sheet.rows)
  }

  /** 考核办理: status, score and remark of one assessment of the user's region (version: 409 when stale) */
  async update({ params, request, auth }: HttpContext) {
    const input = await request.validateUsing(safetyAssessmentUpdateValidator)
    const user = auth.getUserOrFail()
    const service = await app.container.make(SafetyService)
    const id = await service.updateAssessment(user, Number(params.id), input)
    const row = await assessmentRows().where('a.id', id).first()
    return { data: transformSafetyAssessment(row) }
  }
}
