import type { HttpContext } from '@adonisjs/core/http'
import TenderProgressService, { type ProgressRecord } from '#modules/tenders/tender_progress_service'
import { clarificationValidator, progressListValidator } from '#modules/tenders/tender_validator'
import { transformProgressDetail, transformProgressRow } from '#modules/tenders/tender_progress_transformer'
import { attachmentStream } from '#services/attachments'
import { excelTime, streamExcel, type ExcelColumn } from '#services/excel_export'
import { describeExport } from '#services/audit'
import type { TenderProgressRow } from '@szpm/core'

const EXPORT_COLUMNS: ExcelColumn<TenderProgressRow>[] = [
  { header: '备案编号', width: 20, value: (row) => row.filingNo },
  { header: '所属街道', width: 14, value: (row) => row.streetName },
  { header: '所属社区', width: 14, value: (row) => row.communityName },
  { header: '物业项目', width: 20, value: (row) => row.estateName },
  { header: '招标项目名称', width: 28, value: (row) => row.title },
  { header: '招标人', width: 22, value: (row) => `${row.tendererName}（${row.tendererKindName}）` },
  { header: '备案日期', width: 18, value: (row) => (row.approvedAt ? excelTime(row.approvedAt) : '') },
  { header: '当前阶段', width: 12, value: (row) => row.currentStageName },
  { header: '进度', width: 60, value: (row) => row.stages.map((stage) => `${stage.stageName}${stage.late ? '（补报）' : ''}`).join(' → ') },
  { header: '澄清与补遗', width: 40, value: (row) => row.clarifications.map((item) => `【${item.kindName}】${item.title}`).join('；') },
]

/** 招标投标进度查询 (list, export), one filing's stages and 澄清与补遗 (read, publish, files). */
export default class TenderProgressController {
  #service = new TenderProgressService()

  async index({ request, auth }: HttpContext) {
    const { page = 1, per_page = 20, ...filters } = await request.validateUsing(progressListValidator, { data: request.qs() })
    const { rows, total } = await this.#service.list(auth.getUserOrFail(), { ...filters, page, perPage: per_page })
    return { data: rows.map(transformProgressRow), meta: { total, page, perPage: per_page } }
  }

  async export(ctx: HttpContext) {
    const { page: _page, per_page: _perPage, ...filters } = await ctx.request.validateUsing(progressListValidator, { data: ctx.request.qs() })
    const user = ctx.auth.getUserOrFail()
    const service = this.#service
    const first = await service.list(user, { ...filters, page: 1, perPage: 200 })
    async function* rows() {
      let batch: ProgressRecord[] = first.rows
      for (let page = 2; batch.length > 0; page++) {
        for (const row of batch) yield transformProgressRow(row)
        if (batch.length < 200) break
        batch = (await service.list(user, { ...filters, page, perPage: 200 })).rows
      }
    }
    await streamExcel<TenderProgressRow>(ctx, '招标投标进度', '招标投标进度', EXPORT_COLUMNS, rows())
  }

  async show({ params, auth }: HttpContext) {
    return { data: transformProgressDetail(await this.#service.show(auth.getUserOrFail(), Number(params.id))), meta: {} }
  }

  async clarify({ request, params, auth, response }: HttpContext) {
    const input = await request.validateUsing(clarificationValidator)
    const detail = await this.#service.clarify(auth.getUserOrFail(), Number(params.id), input)
    response.status(201)
    return { data: transformProgressDetail(detail), meta: {} }
  }

  /** a clarification's file; audited as an export (every `.download` is) */
  async download(ctx: HttpContext) {
    const file = await this.#service.file(ctx.auth.getUserOrFail(), Number(ctx.params.id), Number(ctx.params.attachmentId))
    const stream = await attachmentStream(file.storage_key)
    describeExport(ctx, { tender_id: Number(ctx.params.id), clarification_attachment_id: Number(file.id), file_name: file.file_name, size_bytes: Number(file.size_bytes) })
    ctx.response.header('Content-Type', file.content_type)
    ctx.response.header('Content-Length', String(file.size_bytes))
    ctx.response.header('Content-Disposition', `attachment; filename="attachment"; filename*=UTF-8''${encodeURIComponent(file.file_name)}`)
    ctx.response.header('X-Content-Type-Options', 'nosniff')
    ctx.response.stream(stream)
  }
}
