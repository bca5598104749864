import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import clock from '#services/clock'
import { personalData } from '#services/masking'
import { streamExcel, type ExcelColumn } from '#services/excel_export'
import StaffService from '#modules/staff/staff_service'
import { staffRecordQuery } from '#modules/staff/staff_records_query'
import { transformCertificate, transformStaffRecord } from '#modules/staff/staff_transformer'
import type { StaffMember } from '@szpm/core'
import { createPractitionerValidator, deletePractitionerValidator, updatePractitionerValidator } from '#modules/staff/staff_validator'

/** the columns of 本项目从业人员's export (the page's table; ID numbers and phones as the list shows them) */
const MEMBER_COLUMNS: ExcelColumn<StaffMember>[] = [
  { header: '姓名', width: 12, value: (row) => row.name },
  { header: '身份证号', width: 22, value: (row) => row.idNumber },
  { header: '手机号码', width: 14, value: (row) => row.phone },
  { header: '岗位', width: 12, value: (row) => row.postName },
  { header: '项目负责人', width: 10, value: (row) => (row.isLead ? '是' : '否') },
  { header: '入职日期', width: 12, value: (row) => row.hiredOn },
  {
    header: '证书（编号，有效期至）',
    width: 60,
    value: (row) => row.certificates.map((c) => `${c.name}（${c.number}，${c.validUntil ?? '长期有效'}${c.expired ? '，已过期' : ''}）`).join('；'),
  },
  { header: '过期证书数', width: 10, value: (row) => row.expiredCertificateCount },
]

/**
 * The estate's 项目经理 maintains its staff (`estate_staff.*`): the list with certificates and the
 * information state, add, edit (version), delete (version), 确认信息无误. Another estate (or an account
 * that is not its project manager) is a 404.
 */
@inject()
export default class EstateStaffController {
  constructor(private staff: StaffService) {}

  /** the estate's practitioners (ID numbers and phones masked) with their certificates, and its state */
  async index(ctx: HttpContext) {
    const user = ctx.auth.getUserOrFail()
    const estate = await this.staff.managedEstate(user, Number(ctx.params.id))
    return { data: await this.members(ctx, estate.id), meta: { estate: await this.staff.state(estate) } }
  }

  /** the estate's practitioners with their certificates, as an Excel download */
  async export(ctx: HttpContext) {
    const estate = await this.staff.managedEstate(ctx.auth.getUserOrFail(), Number(ctx.params.id))
    await streamExcel<StaffMember>(ctx, `本项目从业人员-${estate.name}`, '从业人员', MEMBER_COLUMNS, await this.members(ctx, estate.id))
  }

  async store(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(createPractitionerValidator)
    const id = await this.staff.create(ctx.auth.getUserOrFail(), Number(ctx.params.id), input)
    return ctx.response.created({ data: await this.member(ctx, id), meta: {} })
  }

  async update(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(updatePractitionerValidator)
    const id = await this.staff.update(ctx.auth.getUserOrFail(), Number(ctx.params.id), input)
    return { data: await this.member(ctx, id), meta: {} }
  }

  async destroy(ctx: HttpContext) {
    const { version } = await ctx.request.validateUsing(deletePractitionerValidator)
    await this.staff.destroy(ctx.auth.getUserOrFail(), Number(ctx.params.id), version)
    return { data: { id: Number(ctx.params.id) }, meta: {} }
  }

  /** 确认信息无误: answers the estate's new state */
  async confirm(ctx: HttpContext) {
    const user = ctx.auth.getUserOrFail()
    await this.staff.confirm(user, Number(ctx.params.id))
    const estate = await this.staff.managedEstate(user, Number(ctx.params.id))
    return { data: await this.staff.state(estate), meta: {} }
  }

  private async members(ctx: HttpContext, estateId: number, practitionerId?: number) {
    const today = clock.today()
    const query = staffRecordQuery(null, { estate_id: estateId }, today)
    if (practitionerId) query.where('p.id', practitionerId)
    const rows = await query
    const certificates = rows.length
      ? await db.from('practitioner_certificates').whereIn('practitioner_id', rows.map((row) => row.id)).orderBy('id')
      : []
    const view = await personalData(ctx, { target: '本项目从业人员' })
    return rows.map((row) => ({
      ...transformStaffRecord(row, view),
      certificates: certificates.filter((certificate) => certificate.practitioner_id === row.id).map((certificate) => transformCertificate(certificate, today)),
    }))
  }

  private async member(ctx: HttpContext, id: number) {
    const practitioner = await db.from('practitioners').where('id', id).select('estate_id').firstOrFail()
    return (await this.members(ctx, practitioner.estate_id, id))[0]
  }
}
