import type { HttpContext } from '@adonisjs/core/http'
import clock from '#services/clock'
import { personalData } from '#services/masking'
import { findRegionInScope } from '#services/region_scope'
import { createCreditRecordValidator, creditSubjectListValidator, deleteCreditRecordValidator, updateCreditRecordValidator } from '#modules/credit/credit_validator'
import { CREDIT_FOLDER, createCreditRecord, creditAttachment, deleteCreditRecord, updateCreditRecord } from '#modules/credit/credit_record_service'
import { attachmentStream, storeUpload } from '#services/attachments'
import { describeExport } from '#services/audit'
import { creditSubjectDetail, creditSubjectPage } from '#modules/credit/credit_subject_service'

/** a validated date as YYYY-MM-DD (its local calendar day, as VineJS parsed it) */
const ymd = (date: Date | undefined) =>
  date ? `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}` : undefined

/** 信用主体查询 (`credit_subjects.*`): the subjects of the user's region, and one subject with its records and score. */
export default class CreditSubjectsController {
  async index(ctx: HttpContext) {
    const { request, auth } = ctx
    const { region_id, page = 1, per_page = 20, from, to, ...filters } = await request.validateUsing(creditSubjectListValidator, { data: request.qs() })
    const region = await findRegionInScope(auth.getUserOrFail(), region_id)
    const personal = await personalData(ctx, { target: '信用主体' })
    const { rows, total } = await creditSubjectPage(region, { ...filters, from: ymd(from), to: ymd(to) }, { page, perPage: per_page }, clock.today(), personal)
    return { data: rows, meta: { total, page, perPage: per_page } }
  }

  async show(ctx: HttpContext) {
    const region = await findRegionInScope(ctx.auth.getUserOrFail(), undefined)
    const personal = await personalData(ctx, { target: '信用主体详情' })
    return { data: await creditSubjectDetail(region, Number(ctx.params.id), clock.today(), personal) }
  }

  /** 录入信用记录 (credit.manage): 201 with the subject's page as it now reads (the new record among its records) */
  async storeRecord(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(createCreditRecordValidator)
    const user = ctx.auth.getUserOrFail()
    const id = await createCreditRecord(user, Number(ctx.params.id), { ...input, decided_on: ymd(input.decided_on)! })
    const region = await findRegionInScope(user, undefined)
    const personal = await personalData(ctx, { target: '信用主体详情' })
    const detail = await creditSubjectDetail(region, Number(ctx.params.id), clock.today(), personal)
    return ctx.response.created({ data: detail.records.find((record) => record.id === id), meta: {} })
  }

  /** 修改信用记录 (credit.manage): the record as the subject page now lists it */
  async updateRecord(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(updateCreditRecordValidator)
    const user = ctx.auth.getUserOrFail()
    const id = Number(ctx.params.id)
    const { subjectId } = await updateCreditRecord(user, id, { ...input, decided_on: ymd(input.decided_on)! })
    const region = await findRegionInScope(user, undefined)
    const personal = await personalData(ctx, { target: '信用主体详情' })
    const detail = await creditSubjectDetail(region, subjectId, clock.today(), personal)
    return { data: detail.records.find((record) => record.id === id), meta: {} }
  }

  /** 删除信用记录 (credit.manage) */
  async destroyRecord(ctx: HttpContext) {
    const { version } = await ctx.request.validateUsing(deleteCreditRecordValidator)
    const id = Number(ctx.params.id)
    await deleteCreditRecord(ctx.auth.getUserOrFail(), id, version)
    return { data: { id }, meta: {} }
  }

  /** one document for a record (credit.manage): checked by its content, stored under credit/; 201 with its token */
  async upload(ctx: HttpContext) {
    const staged = await storeUpload(ctx, ctx.auth.getUserOrFail().id, CREDIT_FOLDER)
    return ctx.response.created({ data: { token: staged.token, fileName: staged.fileName, sizeBytes: staged.sizeBytes }, meta: {} })
  }

  /** a document of a record whose subject the user sees; audited (as every `.download`) */
  async download(ctx: HttpContext) {
    const recordId = Number(ctx.params.id)
    const attachment = await creditAttachment(ctx.auth.getUserOrFail(), recordId, Number(ctx.params.attachmentId))
    const stream = await attachmentStream(attachment.storageKey)
    describeExport(ctx, { credit_record_id: recordId, attachment_id: attachment.id, file_name: attachment.fileName, size_bytes: attachment.sizeBytes })
    ctx.response.header('Content-Type', attachment.contentType)
    ctx.response.header('Content-Length', String(attachment.sizeBytes))
    ctx.response.header('Content-Disposition', `attachment; filename="attachment"; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`)
    ctx.response.header('X-Content-Type-Options', 'nosniff')
    ctx.response.stream(stream)
  }
}
