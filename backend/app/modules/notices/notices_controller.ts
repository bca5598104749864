import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import NoticeService, { NOTICE_FOLDER } from '#modules/notices/notice_service'
import { noticeEstatesValidator, noticeListValidator, publishNoticeValidator } from '#modules/notices/notice_validator'
import {
  deliveryText, transformEstateOption, transformNoticeDetail, transformNoticeList, transformReceived, transformRecipient,
} from '#modules/notices/notice_transformer'
import { attachmentStream, storeUpload } from '#services/attachments'
import { excelTime, pagedRows, streamExcel } from '#services/excel_export'
import { findRegionInScope } from '#services/region_scope'
import { describeExport } from '#services/audit'
import { userFeatures } from '#services/roles'
import type { NoticeListItem, NoticeRecipient } from '@szpm/core'

/** 通知发布 (module 19): 部门已发消息, 发布通知, 详情, 催办, the received notice and attachments. */
@inject()
export default class NoticesController {
  constructor(private notices: NoticeService) {}

  async index({ request, auth }: HttpContext) {
    const input = await request.validateUsing(noticeListValidator, { data: request.qs() })
    const result = await this.notices.list(auth.getUserOrFail(), input)
    return {
      data: transformNoticeList(result.rows, result.urges),
      meta: { total: result.total, page: result.page, perPage: result.perPage },
    }
  }

  async export(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(noticeListValidator, { data: ctx.request.qs() })
    const user = ctx.auth.getUserOrFail()
    const region = await findRegionInScope(user, input.region_id)
    const { rows } = await pagedRows(
      (page) => this.notices.list(user, { ...input, page, per_page: 200 }),
      (batch) => transformNoticeList(batch.rows, batch.urges)
    )
    const notice = <K extends keyof Extract<NoticeListItem, { kind: 'notice' }>>(key: K) => (row: NoticeListItem) =>
      row.kind === 'notice' ? (row[key] as string | number) : null
    await streamExcel<NoticeListItem>(ctx, `部门已发消息-${region.name}`, '部门已发消息', [
      { header: '类型', width: 8, value: (row) => (row.kind === 'notice' ? '通知' : '催办') },
      { header: '标题', width: 40, value: (row) => row.title },
      { header: '发布街道', width: 14, value: notice('streetName') },
      { header: '发送对象', width: 20, value: notice('audienceName') },
      { header: '发送范围', width: 14, value: notice('estateScopeName') },
      { header: '物业项目数', width: 12, value: notice('estateCount') },
      { header: '接收人数', width: 10, value: (row) => row.recipientCount },
      { header: '已读', width: 8, value: notice('readCount') },
      { header: '未读', width: 8, value: notice('unreadCount') },
      { header: '附件数', width: 8, value: notice('attachmentCount') },
      { header: '发送人', width: 12, value: (row) => (row.kind === 'notice' ? row.publishedByName : row.sentByName) },
      { header: '发送时间', width: 18, value: (row) => excelTime(row.kind === 'notice' ? row.publishedAt : row.sentAt) },
    ], rows)
  }

  async estates({ request, auth }: HttpContext) {
    const input = await request.validateUsing(noticeEstatesValidator, { data: request.qs() })
    const rows = await this.notices.publishableEstates(auth.getUserOrFail(), input.q)
    return { data: rows.map(transformEstateOption), meta: { total: rows.length } }
  }

  async store({ request, auth, response }: HttpContext) {
    const input = await request.validateUsing(publishNoticeValidator)
    const user = auth.getUserOrFail()
    const id = await this.notices.publish(user, input)
    response.status(201)
    return { data: transformNoticeDetail(await this.notices.show(user, id)), meta: {} }
  }

  async upload(ctx: HttpContext) {
    const user = ctx.auth.getUserOrFail()
    // only street accounts publish, so only they upload
    await this.notices.publishingStreet(user)
    const staged = await storeUpload(ctx, user.id, NOTICE_FOLDER)
    ctx.response.status(201)
    return { data: { token: staged.token, fileName: staged.fileName, contentType: staged.contentType, sizeBytes: staged.sizeBytes }, meta: {} }
  }

  async show({ params, auth }: HttpContext) {
    return { data: transformNoticeDetail(await this.notices.show(auth.getUserOrFail(), Number(params.id))), meta: {} }
  }

  async exportRecipients(ctx: HttpContext) {
    const detail = await this.notices.show(ctx.auth.getUserOrFail(), Number(ctx.params.id))
    await streamExcel<NoticeRecipient>(ctx, `通知接收情况-${detail.notice.title.slice(0, 30)}`, '接收情况', [
      { header: '所属社区', width: 16, value: (row) => row.communityName },
      { header: '物业项目', width: 24, value: (row) => row.estateName },
      { header: '接收人', width: 12, value: (row) => row.name },
      { header: '手机号', width: 14, value: (row) => row.phone },
      { header: '身份', width: 12, value: (row) => row.relationName },
      { header: '状态', width: 8, value: (row) => (row.readAt ? '已读' : '未读') },
      { header: '查看时间', width: 18, value: (row) => excelTime(row.readAt) },
      { header: '送达情况', width: 40, value: deliveryText },
    ], detail.recipients.map(transformRecipient))
  }

  async urge({ params, auth }: HttpContext) {
    const result = await this.notices.urge(auth.getUserOrFail(), Number(params.id))
    return {
      data: { urgeId: result.urgeId, recipientCount: result.recipientCount, skippedCount: result.skippedCount, sentAt: result.sentAt.toUTC().toISO()! },
      meta: {},
    }
  }

  async received({ params, auth }: HttpContext) {
    return { data: transformReceived(await this.notices.received(auth.getUserOrFail(), Number(params.id))), meta: {} }
  }

  /** a notice's attachment, for its recipients and the users who see the notice as its street; audited (as every `.download`) */
  async download(ctx: HttpContext) {
    const user = ctx.auth.getUserOrFail()
    const noticeId = Number(ctx.params.id)
    const attachment = await this.notices.attachmentFor(user, noticeId, Number(ctx.params.attachmentId), userFeatures(user).includes('notices.view'))
    const stream = await attachmentStream(attachment.storage_key)
    // the audit middleware records every `.download` as an export; this says what left
    describeExport(ctx, { notice_id: noticeId, attachment_id: Number(attachment.id), file_name: attachment.file_name, size_bytes: Number(attachment.size_bytes) })
    ctx.response.header('Content-Type', attachment.content_type)
    ctx.response.header('Content-Length', String(attachment.size_bytes))
    ctx.response.header('Content-Disposition', `attachment; filename="attachment"; filename*=UTF-8''${encodeURIComponent(attachment.file_name)}`)
    ctx.response.header('X-Content-Type-Options', 'nosniff')
    ctx.response.stream(stream)
  }
}

