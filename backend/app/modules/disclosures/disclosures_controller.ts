import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import DisclosureService from '#modules/disclosures/disclosure_service'
import {
  boardValidator, disclosureListValidator, disclosureUpdateValidator, disclosureValidator, disclosureVersionValidator, disclosureVoidValidator, estatesValidator,
} from '#modules/disclosures/disclosure_validator'
import { transformDisclosure, transformDisclosureDetail } from '#modules/disclosures/disclosure_transformer'
import { excelTime, pagedRows, recordsFileName, streamExcel } from '#services/excel_export'
import type { DisclosureRow } from '@szpm/core'

/** 信息公开 (module 16): 信息公开查询, 发布信息公开 (draft, preview, 发布), 查看, 作废, 删除, 公示公告. */
@inject()
export default class DisclosuresController {
  constructor(private disclosures: DisclosureService) {}

  async index({ request, auth }: HttpContext) {
    const input = await request.validateUsing(disclosureListValidator, { data: request.qs() })
    const result = await this.disclosures.list(auth.getUserOrFail(), input)
    return { data: result.rows.map(transformDisclosure), meta: { total: result.total, page: result.page, perPage: result.perPage } }
  }

  async export(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(disclosureListValidator, { data: ctx.request.qs() })
    const user = ctx.auth.getUserOrFail()
    const { first, rows } = await pagedRows(
      (page) => this.disclosures.list(user, { ...input, page, per_page: 500 }),
      (batch) => batch.rows.map(transformDisclosure)
    )
    const fileName = await recordsFileName('信息公开', user, first.region, input.estate_id)
    await streamExcel<DisclosureRow>(ctx, fileName, '信息公开', [
      { header: '标题', width: 40, value: (row) => row.title },
      { header: '模板', width: 14, value: (row) => row.templateName },
      { header: '物业项目', width: 24, value: (row) => row.estateName },
      { header: '所属社区', width: 16, value: (row) => row.communityName },
      { header: '所属街道', width: 14, value: (row) => row.streetName },
      { header: '状态', width: 8, value: (row) => row.stateName },
      { header: '来源', width: 12, value: (row) => row.sourceName },
      { header: '发布人', width: 12, value: (row) => row.publishedByName },
      { header: '发布时间', width: 18, value: (row) => excelTime(row.publishedAt) },
      { header: '作废时间', width: 18, value: (row) => excelTime(row.voidedAt) },
      { header: '作废原因', width: 30, value: (row) => row.voidReason },
    ], rows)
  }

  async estates({ request, auth }: HttpContext) {
    const input = await request.validateUsing(estatesValidator, { data: request.qs() })
    const rows = await this.disclosures.publishableEstates(auth.getUserOrFail(), input.q)
    return { data: rows.map((row) => ({ id: row.id, name: row.name, communityName: row.community_name })), meta: { total: rows.length } }
  }

  async preview({ request, auth }: HttpContext) {
    const input = await request.validateUsing(disclosureValidator)
    return { data: await this.disclosures.preview(auth.getUserOrFail(), input), meta: {} }
  }

  async store({ request, auth, response }: HttpContext) {
    const input = await request.validateUsing(disclosureValidator)
    const user = auth.getUserOrFail()
    const id = await this.disclosures.create(user, input)
    response.status(201)
    return this.detail(user, id)
  }

  async show({ params, auth }: HttpContext) {
    return this.detail(auth.getUserOrFail(), Number(params.id))
  }

  async update({ params, request, auth }: HttpContext) {
    const input = await request.validateUsing(disclosureUpdateValidator)
    const user = auth.getUserOrFail()
    await this.disclosures.update(user, Number(params.id), input)
    return this.detail(user, Number(params.id))
  }

  async publish({ params, request, auth }: HttpContext) {
    const { version } = await request.validateUsing(disclosureVersionValidator)
    const user = auth.getUserOrFail()
    await this.disclosures.publish(user, Number(params.id), version)
    return this.detail(user, Number(params.id))
  }

  async void({ params, request, auth }: HttpContext) {
    const { version, reason } = await request.validateUsing(disclosureVoidValidator)
    const user = auth.getUserOrFail()
    await this.disclosures.void(user, Number(params.id), version, reason)
    return this.detail(user, Number(params.id))
  }

  async destroy({ params, request, auth }: HttpContext) {
    const { version } = await request.validateUsing(disclosureVersionValidator)
    await this.disclosures.destroy(auth.getUserOrFail(), Number(params.id), version)
    return { data: { id: Number(params.id) }, meta: {} }
  }

  async board({ request, auth }: HttpContext) {
    const input = await request.validateUsing(boardValidator, { data: request.qs() })
    const result = await this.disclosures.board(auth.getUserOrFail(), input)
    return { data: result.rows.map(transformDisclosure), meta: { total: result.total, page: result.page, perPage: result.perPage } }
  }

  async boardItem({ params, auth }: HttpContext) {
    const user = auth.getUserOrFail()
    const detail = await this.disclosures.boardItem(user, Number(params.id))
    return { data: transformDisclosureDetail(detail, { edit: false, publish: false, void: false, destroy: false }), meta: {} }
  }

  private async detail(user: Parameters<DisclosureService['show']>[0], id: number) {
    const detail = await this.disclosures.show(user, id)
    return { data: transformDisclosureDetail(detail, this.disclosures.permissions(user, detail.row)), meta: {} }
  }
}
