import type { HttpContext } from '@adonisjs/core/http'
import type User from '#models/user'
import {
  DISPUTE_FOLDER, createDispute, disputeAttachment, disputeEstates, listDisputes, showDispute, stepDispute, type DisputeAction,
} from '#modules/disputes/dispute_service'
import { createDisputeValidator, disputeEstatesValidator, disputeListValidator, disputeStepValidator } from '#modules/disputes/dispute_validator'
import { transformDispute, transformDisputeDetail, transformDisputeEstate } from '#modules/disputes/dispute_transformer'
import { attachmentStream, storeUpload } from '#services/attachments'
import { describeExport } from '#services/audit'
import { excelTime, pagedRows, recordsFileName, streamExcel, type ExcelTable } from '#services/excel_export'
import { DISPUTE_LEDGERS, type DisputeRow } from '@szpm/core'

/** a validated date as YYYY-MM-DD (its local calendar day, as VineJS parsed it) */
const ymd = (date: Date | null | undefined) =>
  date ? `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}` : undefined

async function listInput(qs: Record<string, unknown>) {
  const input = await disputeListValidator.validate(qs)
  return { ...input, reported_from: ymd(input.reported_from), reported_to: ymd(input.reported_to) }
}

/** 纠纷化解台账 (module 22): the ledgers and their export, one dispute with its timeline, 录入 and every step. */
export default class DisputesController {
  async index({ request, auth }: HttpContext) {
    const input = await listInput(request.qs())
    const result = await listDisputes(auth.getUserOrFail(), input)
    return { data: result.rows.map(transformDispute), meta: { total: result.total, page: result.page, perPage: result.perPage } }
  }

  /** the ledger as a sheet (its filters, the user's scope): the download, or a background run of 导出中心 */
  static async table(user: User, qs: Record<string, unknown>): Promise<ExcelTable<DisputeRow>> {
    const input = await listInput(qs)
    const { first, rows } = await pagedRows(
      (page) => listDisputes(user, { ...input, page, per_page: 200 }),
      (batch) => batch.rows.map(transformDispute)
    )
    const title = DISPUTE_LEDGERS[input.ledger ?? 'all']
    const fileName = await recordsFileName(`纠纷化解${title}`, user, first.region, input.estate_id)
    return {
      fileName,
      sheetName: title,
      columns: [
        { header: '编号', width: 8, value: (row) => row.id },
        { header: '纠纷事项', width: 28, value: (row) => row.title },
        { header: '纠纷类型', width: 16, value: (row) => row.disputeTypeName },
        { header: '物业项目', width: 18, value: (row) => row.estateName },
        { header: '所属社区', width: 14, value: (row) => row.communityName },
        { header: '所属街道', width: 14, value: (row) => row.streetName },
        { header: '所属区', width: 10, value: (row) => row.districtName },
        { header: '当事人', width: 24, value: (row) => row.parties },
        { header: '受理日期', width: 12, value: (row) => row.reportedOn },
        { header: '录入单位', width: 12, value: (row) => row.bureauName },
        { header: '状态', width: 12, value: (row) => row.stateName },
        { header: '处理次数', width: 10, value: (row) => row.handleCount },
        { header: '最近处理时间', width: 18, value: (row) => excelTime(row.lastHandledAt) },
        { header: '办结时间', width: 18, value: (row) => excelTime(row.closedAt) },
      ],
      rows,
      total: async () => first.total,
    }
  }

  async export(ctx: HttpContext) {
    const sheet = await DisputesController.table(ctx.auth.getUserOrFail(), ctx.request.qs())
    await streamExcel<DisputeRow>(ctx, sheet.fileName, sheet.sheetName, sheet.columns, sheet.rows)
  }

  async estates({ request, auth }: HttpContext) {
    const input = await request.validateUsing(disputeEstatesValidator, { data: request.qs() })
    const rows = await disputeEstates(auth.getUserOrFail(), input.q)
    return { data: rows.map(transformDisputeEstate), meta: { total: rows.length } }
  }

  /** one file per request, checked by its magic bytes and size; a later 录入 / 处理 claims it by its token */
  async upload(ctx: HttpContext) {
    const staged = await storeUpload(ctx, ctx.auth.getUserOrFail().id, DISPUTE_FOLDER)
    ctx.response.status(201)
    return { data: { token: staged.token, fileName: staged.fileName, sizeBytes: staged.sizeBytes }, meta: {} }
  }

  async store({ request, auth, response }: HttpContext) {
    const input = await request.validateUsing(createDisputeValidator)
    const user = auth.getUserOrFail()
    const id = await createDispute(user, { ...input, reported_on: ymd(input.reported_on)! })
    response.status(201)
    return { data: transformDisputeDetail(await showDispute(user, id)), meta: {} }
  }

  async show({ params, auth }: HttpContext) {
    return { data: transformDisputeDetail(await showDispute(auth.getUserOrFail(), Number(params.id))), meta: {} }
  }

  private async step({ params, request, auth }: HttpContext, action: DisputeAction) {
    const input = await request.validateUsing(disputeStepValidator)
    const detail = await stepDispute(auth.getUserOrFail(), Number(params.id), action, { ...input, handled_on: ymd(input.handled_on) ?? null })
    return { data: transformDisputeDetail(detail), meta: {} }
  }

  transfer(ctx: HttpContext) {
    return this.step(ctx, 'transfer')
  }

  handle(ctx: HttpContext) {
    return this.step(ctx, 'handle')
  }

  applyClose(ctx: HttpContext) {
    return this.step(ctx, 'apply_close')
  }

  confirmClose(ctx: HttpContext) {
    return this.step(ctx, 'confirm_close')
  }

  return(ctx: HttpContext) {
    return this.step(ctx, 'return')
  }

  /** an attachment of a dispute in the user's scope; audited (as every `.download`) */
  async download(ctx: HttpContext) {
    const disputeId = Number(ctx.params.id)
    const attachment = await disputeAttachment(ctx.auth.getUserOrFail(), disputeId, Number(ctx.params.attachmentId))
    const stream = await attachmentStream(attachment.storage_key)
    describeExport(ctx, { dispute_id: disputeId, attachment_id: Number(attachment.id), file_name: attachment.file_name, size_bytes: Number(attachment.size_bytes) })
    ctx.response.header('Content-Type', attachment.content_type)
    ctx.response.header('Content-Length', String(attachment.size_bytes))
    ctx.response.header('Content-Disposition', `attachment; filename="attachment"; filename*=UTF-8''${encodeURIComponent(attachment.file_name)}`)
    ctx.response.header('X-Content-Type-Options', 'nosniff')
    ctx.response.stream(stream)
  }
}
