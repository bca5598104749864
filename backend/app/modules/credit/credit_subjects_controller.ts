import type { HttpContext } from '@adonisjs/core/http'
import clock from '#services/clock'
import { personalData } from '#services/masking'
import { findRegionInScope } from '#services/region_scope'
import { createCreditRecordValidator, creditSubjectListValidator } from '#modules/credit/credit_validator'
import { createCreditRecord } from '#modules/credit/credit_record_service'
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
}
