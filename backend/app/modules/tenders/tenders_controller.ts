import type { HttpContext } from '@adonisjs/core/http'
import TenderService, { TENDER_FOLDER, type TenderListed } from '#modules/tenders/tender_service'
import { finalReviewValidator, firstReviewValidator, resubmitTenderValidator, storeTenderValidator, tenderListValidator } from '#modules/tenders/tender_validator'
import { transformTender, transformTenderDetail } from '#modules/tenders/tender_transformer'
import { attachmentStream, storeUpload } from '#services/attachments'
import { excelTime, streamExcel, type ExcelColumn } from '#services/excel_export'
import { describeExport } from '#services/audit'
import type { TenderRow } from '@szpm/core'
import { errors as vineErrors } from '@vinejs/vine'
import { receiptContent, receiptDigest, renderReceipt } from '#modules/tenders/tender_receipt'

/** the columns of the list's export (the page's table) */
const EXPORT_COLUMNS: ExcelColumn<TenderRow>[] = [
  { header: '备案编号', width: 20, value: (row) => row.filingNo },
  { header: '所属街道', width: 14, value: (row) => row.streetName },
  { header: '所属社区', width: 14, value: (row) => row.communityName },
  { header: '物业项目', width: 20, value: (row) => row.estateName },
  { header: '招标项目名称', width: 28, value: (row) => row.title },
  { header: '招标人类型', width: 12, value: (row) => row.tendererKindName },
  { header: '招标人', width: 22, value: (row) => row.tendererName },
  { header: '状态', width: 12, value: (row) => row.stateName },
  { header: '轮次', width: 6, value: (row) => row.round },
  { header: '提交时间', width: 18, value: (row) => excelTime(row.submittedAt) },
  { header: '终审时间', width: 18, value: (row) => (row.decidedAt ? excelTime(row.decidedAt) : '') },
  { header: '办理时长（工作日）', width: 12, value: (row) => (row.sla.workingDays === null ? '未知' : row.sla.workingDays) },
  { header: '办理情况', width: 10, value: (row) => row.sla.bucketName },
]

/** 招标文件备案 (module 21): list, export, detail, files, filing, resubmission and the two reviews. */
export default class TendersController {
  #service = new TenderService()

  async index({ request, auth }: HttpContext) {
    const { page = 1, per_page = 20, ...filters } = await request.validateUsing(tenderListValidator, { data: request.qs() })
    const { rows, total } = await this.#service.list(auth.getUserOrFail(), { ...filters, page, perPage: per_page })
    return { data: rows.map(transformTender), meta: { total, page, perPage: per_page } }
  }

  /** the list with its filters, as an Excel download (scope checked before anything streams) */
  async export(ctx: HttpContext) {
    const { page: _page, per_page: _perPage, ...filters } = await ctx.request.validateUsing(tenderListValidator, { data: ctx.request.qs() })
    const user = ctx.auth.getUserOrFail()
    const service = this.#service
    const first = await service.list(user, { ...filters, page: 1, perPage: 200 })
    async function* rows() {
      let batch: TenderListed[] = first.rows
      for (let page = 2; batch.length > 0; page++) {
        for (const row of batch) yield transformTender(row)
        if (batch.length < 200) break
        batch = (await service.list(user, { ...filters, page, perPage: 200 })).rows
      }
    }
    await streamExcel<TenderRow>(ctx, '招标文件备案', '招标文件备案', EXPORT_COLUMNS, rows())
  }

  async show({ params, auth }: HttpContext) {
    return { data: transformTenderDetail(await this.#service.detail(auth.getUserOrFail(), Number(params.id))), meta: {} }
  }

  /** one file of a filing; audited as an export (every `.download` is) */
  async download(ctx: HttpContext) {
    const attachment = await this.#service.attachment(ctx.auth.getUserOrFail(), Number(ctx.params.id), Number(ctx.params.attachmentId))
    const stream = await attachmentStream(attachment.storage_key)
    describeExport(ctx, { tender_id: Number(ctx.params.id), attachment_id: Number(attachment.id), file_name: attachment.file_name, size_bytes: Number(attachment.size_bytes) })
    ctx.response.header('Content-Type', attachment.content_type)
    ctx.response.header('Content-Length', String(attachment.size_bytes))
    ctx.response.header('Content-Disposition', `attachment; filename="attachment"; filename*=UTF-8''${encodeURIComponent(attachment.file_name)}`)
    ctx.response.header('X-Content-Type-Options', 'nosniff')
    ctx.response.stream(stream)
  }

  /** 打印备案回执: the PDF of an approved filing, inline (previewed and printed in the page); audited as an export */
  async receipt(ctx: HttpContext) {
    const detail = transformTenderDetail(await this.#service.detail(ctx.auth.getUserOrFail(), Number(ctx.params.id)))
    if (detail.state !== 'approved') {
      throw new vineErrors.E_VALIDATION_ERROR([{ field: 'id', message: '仅终审同意（已备案）的招标文件可打印备案回执', rule: 'state' }])
    }
    const content = receiptContent(detail)
    const pdf = await renderReceipt(content)
    describeExport(ctx, { tender_id: detail.id, filing_no: detail.filingNo, receipt_digest: receiptDigest(content) })
    ctx.response.header('Content-Type', 'application/pdf')
    ctx.response.header('Content-Disposition', `inline; filename="receipt.pdf"; filename*=UTF-8''${encodeURIComponent(`备案回执-${detail.filingNo}.pdf`)}`)
    ctx.response.header('X-Receipt-Digest', receiptDigest(content))
    ctx.response.header('X-Content-Type-Options', 'nosniff')
    return pdf
  }

  /** one file per request, checked by size and magic bytes; its token goes into `attachments` */
  async upload(ctx: HttpContext) {
    const staged = await storeUpload(ctx, ctx.auth.getUserOrFail().id, TENDER_FOLDER)
    ctx.response.status(201)
    return { data: { token: staged.token, fileName: staged.fileName, sizeBytes: staged.sizeBytes }, meta: {} }
  }

  async store({ request, auth, response }: HttpContext) {
    const input = await request.validateUsing(storeTenderValidator)
    const detail = await this.#service.store(auth.getUserOrFail(), input)
    response.status(201)
    return { data: transformTenderDetail(detail), meta: {} }
  }

  async resubmit({ request, params, auth }: HttpContext) {
    const input = await request.validateUsing(resubmitTenderValidator)
    return { data: transformTenderDetail(await this.#service.resubmit(auth.getUserOrFail(), Number(params.id), input)), meta: {} }
  }

  async firstReview({ request, params, auth }: HttpContext) {
    const input = await request.validateUsing(firstReviewValidator)
    return { data: transformTenderDetail(await this.#service.firstReview(auth.getUserOrFail(), Number(params.id), input)), meta: {} }
  }

  async finalReview({ request, params, auth }: HttpContext) {
    const input = await request.validateUsing(finalReviewValidator)
    return { data: transformTenderDetail(await this.#service.finalReview(auth.getUserOrFail(), Number(params.id), input)), meta: {} }
  }
}
