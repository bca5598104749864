import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import type { MessageRow } from '@szpm/core'
import { excelTime, pagedRows, streamExcel } from '#services/excel_export'
import MessageService from './message_service.ts'
import { transformMessage } from './message_transformer.ts'
import { messageListValidator, readAllValidator } from './message_validator.ts'

/** 我的消息: the signed-in user's inbox (own messages only), unread badge, open (= read), 全部已读, export. */
@inject()
export default class MessagesController {
  constructor(private messages: MessageService) {}

  async index({ request, auth }: HttpContext) {
    const input = await request.validateUsing(messageListValidator, { data: request.qs() })
    const result = await this.messages.list(auth.getUserOrFail().id, input)
    return { data: result.rows.map(transformMessage), meta: { total: result.total, page: result.page, perPage: result.perPage } }
  }

  async unreadCount({ auth }: HttpContext) {
    return { data: await this.messages.unreadCount(auth.getUserOrFail().id), meta: {} }
  }

  async show({ params, auth }: HttpContext) {
    return { data: transformMessage(await this.messages.open(auth.getUserOrFail().id, Number(params.id))), meta: {} }
  }

  async readAll({ request, auth }: HttpContext) {
    const input = await request.validateUsing(readAllValidator)
    return { data: { marked: await this.messages.readAll(auth.getUserOrFail().id, input.kind) }, meta: {} }
  }

  async export(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(messageListValidator, { data: ctx.request.qs() })
    const userId = ctx.auth.getUserOrFail().id
    const { rows } = await pagedRows((page) => this.messages.list(userId, { ...input, page, per_page: 200 }), (batch) => batch.rows.map(transformMessage))
    await streamExcel<MessageRow>(ctx, '我的消息', '我的消息', [
      { header: '类型', value: (r) => r.kindName },
      { header: '标题', width: 40, value: (r) => r.title },
      { header: '内容', width: 60, value: (r) => r.summary },
      { header: '来源', width: 16, value: (r) => r.moduleName },
      { header: '发送人', value: (r) => r.senderName ?? '系统' },
      { header: '收到时间', width: 20, value: (r) => excelTime(r.createdAt) },
      { header: '阅读时间', width: 20, value: (r) => excelTime(r.readAt) ?? '未读' },
    ], rows)
  }
}
