import type { HttpContext } from '@adonisjs/core/http'
import { Exception } from '@adonisjs/core/exceptions'
import type { ExportRunRow } from '@szpm/core'
import { storage } from '#services/file_storage'
import { excelTime, pagedRows, streamExcel } from '#services/excel_export'
import { homeRegion } from '#services/region_scope'
import { describeExport } from '#services/audit'
import { tablesFor } from './exportable_tables.ts'
import { FREQUENCIES, FREQUENCY_LABELS } from './export_schedule.ts'
import { requestRun, runOf, runsOf } from './export_service.ts'
import { retentionDays } from './export_run_processor.ts'
import { transformExportRun } from './export_transformer.ts'
import { exportRequestValidator, exportRunListValidator } from './export_validator.ts'

/** a file that is gone (expired) or not there yet: 410 / 409 with the reason */
class FileUnavailable extends Exception {
  constructor(message: string, status: number) {
    super(message, { status, code: 'E_EXPORT_FILE' })
  }
}

/** 导出中心: the user's background exports (立即导出), their progress and their files. */
export default class ExportsController {
  async tables({ auth }: HttpContext) {
    const user = auth.getUserOrFail()
    const region = await homeRegion(user)
    return {
      data: tablesFor(user, 'statistics').map((table) => ({ module: table.module.slug, title: table.title })),
      meta: {
        frequencies: FREQUENCIES.map((value) => ({ value, label: FREQUENCY_LABELS[value] })),
        region: { id: region.id, name: region.name },
        retentionDays: retentionDays(),
      },
    }
  }

  async index({ request, auth }: HttpContext) {
    const input = await request.validateUsing(exportRunListValidator, { data: request.qs() })
    const page = input.page ?? 1
    const perPage = input.per_page ?? 20
    const result = await runsOf(auth.getUserOrFail(), page, perPage)
    return { data: result.rows.map(transformExportRun), meta: { total: result.total, page, perPage } }
  }

  async store({ request, auth, response }: HttpContext) {
    const input = await request.validateUsing(exportRequestValidator)
    const run = await requestRun(auth.getUserOrFail(), input)
    const user = auth.getUserOrFail()
    response.status(202)
    return { data: transformExportRun(await runOf(user, run.id)), meta: {} }
  }

  async show({ params, auth }: HttpContext) {
    return { data: transformExportRun(await runOf(auth.getUserOrFail(), Number(params.id))), meta: {} }
  }

  /** the file (own runs only), audited as an export with its table, region and row count */
  async download(ctx: HttpContext) {
    const run = await runOf(ctx.auth.getUserOrFail(), Number(ctx.params.id))
    if (run.status === 'expired') throw new FileUnavailable('文件已过期，请重新导出', 410)
    if (run.status !== 'done' || !run.file_key || !run.file_name) throw new FileUnavailable('文件尚未生成完成，请稍后再下载', 409)
    describeExport(ctx, { table: run.module, region_id: run.region_id, row_count: run.row_count, run_id: run.id })
    const stream = await storage().getStream(run.file_key)
    ctx.response.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    ctx.response.header('Content-Disposition', `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(run.file_name)}`)
    ctx.response.stream(stream)
  }

  async export(ctx: HttpContext) {
    const user = ctx.auth.getUserOrFail()
    const { rows } = await pagedRows(
      (page) => runsOf(user, page, 200).then((result) => ({ ...result, perPage: 200 })),
      (batch) => batch.rows.map(transformExportRun)
    )
    await streamExcel<ExportRunRow>(ctx, '导出记录', '导出记录', [
      { header: '统计表', width: 24, value: (r) => r.title },
      { header: '区域', width: 20, value: (r) => r.regionName },
      { header: '方式', value: (r) => (r.scheduled ? '定时导出' : '立即导出') },
      { header: '状态', value: (r) => r.statusName },
      { header: '行数', value: (r) => r.rowCount },
      { header: '文件名', width: 40, value: (r) => r.fileName },
      { header: '申请时间', width: 20, value: (r) => excelTime(r.requestedAt) },
      { header: '完成时间', width: 20, value: (r) => excelTime(r.finishedAt) },
      { header: '过期时间', width: 20, value: (r) => excelTime(r.expiresAt) },
      { header: '失败原因', width: 30, value: (r) => r.error },
    ], rows)
  }
}
