import type { HttpContext } from '@adonisjs/core/http'
import { inspectionStatistics, recordsExportColumns } from '@szpm/core'
import type User from '#models/user'
import clock from '#services/clock'
import { findEstateInScope, findRegionInScope } from '#services/region_scope'
import { inBatches, recordsFileName, streamExcel, type ExcelTable } from '#services/excel_export'
import InspectionService, { targetQuery } from '#modules/inspections/inspection_service'
import { transformInspectionTarget, transformInspectionTargetDetail, type InspectionTargetRow } from '#modules/inspections/inspection_transformer'
import { mineValidator, rectifyValidator, submitValidator, targetListValidator } from '#modules/inspections/inspection_validator'

async function listInput(user: User, qs: Record<string, unknown>) {
  const { region_id, page = 1, per_page = 20, ...filters } = await targetListValidator.validate(qs)
  const region = await findRegionInScope(user, region_id)
  if (filters.estate_id) await findEstateInScope(user, filters.estate_id)
  return { region, page, per_page, filters }
}

/**
 * 安全检查填报情况 (`inspection_targets.*`, the records behind the statistics: one row per task × estate)
 * and one target (`inspection_target.*`): the checklist with its answers, 提交 and 整改 by the estate's
 * 项目经理; `my_inspections.index` lists the project manager's own targets.
 */
export default class InspectionTargetsController {
  #service = new InspectionService()

  async index({ request, auth }: HttpContext) {
    const { region, page, per_page, filters } = await listInput(auth.getUserOrFail(), request.qs())
    const query = targetQuery(region, filters, clock.today())
    const [{ total }] = await query.clone().clearSelect().clearOrder().count('* as total')
    const rows = await query.limit(per_page).offset((page - 1) * per_page)
    return { data: rows.map(transformInspectionTarget), meta: { total: Number(total), page, perPage: per_page } }
  }

  /** the list as a sheet: the download, or a background run of 导出中心 */
  static async table(user: User, qs: Record<string, unknown>): Promise<ExcelTable<InspectionTargetRow>> {
    const { region, filters } = await listInput(user, qs)
    const today = clock.today()
    const fileName = await recordsFileName('安全检查填报情况', user, region, filters.estate_id)
    async function* rows() {
      for await (const row of inBatches<Record<string, any>>(() => targetQuery(region, filters, today))) yield transformInspectionTarget(row)
    }
    const total = async () => {
      const [{ total: count }] = await targetQuery(region, filters, today).clearSelect().clearOrder().count('* as total')
      return Number(count)
    }
    return { fileName, sheetName: '安全检查填报情况', columns: recordsExportColumns(inspectionStatistics.records!), rows: rows(), total }
  }

  async export(ctx: HttpContext) {
    const sheet = await InspectionTargetsController.table(ctx.auth.getUserOrFail(), ctx.request.qs())
    await streamExcel<InspectionTargetRow>(ctx, sheet.fileName, sheet.sheetName, sheet.columns, sheet.rows)
  }

  /** the project manager's targets (its estates bound as project_manager), open ones first */
  async mine({ request, auth }: HttpContext) {
    const { page = 1, per_page = 20, state } = await mineValidator.validate(request.qs())
    const { rows, total } = await this.#service.mine(auth.getUserOrFail(), { state, page, perPage: per_page })
    return { data: rows.map(transformInspectionTarget), meta: { total, page, perPage: per_page } }
  }

  async show({ params, auth }: HttpContext) {
    return { data: transformInspectionTargetDetail(await this.#service.target(auth.getUserOrFail(), Number(params.id))), meta: {} }
  }

  /** 提交: all answers at once, with the version the page showed (409 when stale) */
  async submit({ params, request, auth }: HttpContext) {
    const input = await request.validateUsing(submitValidator)
    const user = auth.getUserOrFail()
    await this.#service.submit(user, Number(params.id), input)
    return { data: transformInspectionTargetDetail(await this.#service.target(user, Number(params.id))), meta: {} }
  }

  /** 整改: every problem's 整改完成 date (整改中 → 已整改) */
  async rectify({ params, request, auth }: HttpContext) {
    const input = await request.validateUsing(rectifyValidator)
    const user = auth.getUserOrFail()
    await this.#service.rectify(user, Number(params.id), input)
    return { data: transformInspectionTargetDetail(await this.#service.target(user, Number(params.id))), meta: {} }
  }
}
