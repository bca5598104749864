import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import ProxyGovernanceService from '#modules/proxy_governance/proxy_governance_service'
import { proxyEstatesValidator, proxyListValidator, proxyStepValidator, startProxyValidator } from '#modules/proxy_governance/proxy_governance_validator'
import { transformProxyGovernance, transformProxyGovernanceDetail } from '#modules/proxy_governance/proxy_governance_transformer'
import { excelTime, pagedRows, recordsFileName, streamExcel } from '#services/excel_export'
import type User from '#models/user'
import type { ProxyGovernanceAction, ProxyGovernanceRow } from '@szpm/core'

/** 居代业管理 (module 23): list, export, 发起, a 居代业's page, 不启动 / 指定 / 终止. */
@inject()
export default class ProxyGovernancesController {
  constructor(private proxies: ProxyGovernanceService) {}

  async index({ request, auth }: HttpContext) {
    const input = await request.validateUsing(proxyListValidator, { data: request.qs() })
    const result = await this.proxies.list(auth.getUserOrFail(), input)
    return { data: result.rows.map(transformProxyGovernance), meta: { total: result.total, page: result.page, perPage: result.perPage } }
  }

  async export(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(proxyListValidator, { data: ctx.request.qs() })
    const user = ctx.auth.getUserOrFail()
    const { first, rows } = await pagedRows(
      (page) => this.proxies.list(user, { ...input, page, per_page: 500 }),
      (batch) => batch.rows.map(transformProxyGovernance)
    )
    const fileName = await recordsFileName('居代业', user, first.region, input.estate_id)
    await streamExcel<ProxyGovernanceRow>(ctx, fileName, '居代业', [
      { header: '物业项目', width: 24, value: (row) => row.estateName },
      { header: '所属社区', width: 16, value: (row) => row.communityName },
      { header: '所属街道', width: 14, value: (row) => row.streetName },
      { header: '状态', width: 10, value: (row) => row.stateName },
      { header: '结果', width: 10, value: (row) => row.outcomeName },
      { header: '发起原因', width: 36, value: (row) => row.reason },
      { header: '代行主体', width: 20, value: (row) => row.agent },
      { header: '发起人', width: 12, value: (row) => row.startedByName },
      { header: '发起时间', width: 18, value: (row) => excelTime(row.startedAt) },
      { header: '代行开始', width: 18, value: (row) => excelTime(row.actingSince) },
      { header: '结束时间', width: 18, value: (row) => excelTime(row.endedAt) },
    ], rows)
  }

  async estates({ request, auth }: HttpContext) {
    const input = await request.validateUsing(proxyEstatesValidator, { data: request.qs() })
    const rows = await this.proxies.estates(auth.getUserOrFail(), input.q)
    return {
      data: rows.map((row) => ({ id: row.id, name: row.name, communityName: row.community_name, hasCommittee: row.has_committee, openId: row.open_id === null ? null : Number(row.open_id) })),
      meta: { total: rows.length },
    }
  }

  async store({ request, auth, response }: HttpContext) {
    const input = await request.validateUsing(startProxyValidator)
    const user = auth.getUserOrFail()
    const id = await this.proxies.start(user, { estate_id: input.estate_id, reason: input.reason ?? '', content: input.content ?? '' })
    response.status(201)
    return this.detail(user, id)
  }

  async show({ params, auth }: HttpContext) {
    return this.detail(auth.getUserOrFail(), Number(params.id))
  }

  async decline(ctx: HttpContext) {
    return this.step(ctx, 'decline')
  }

  async appoint(ctx: HttpContext) {
    return this.step(ctx, 'appoint')
  }

  async terminate(ctx: HttpContext) {
    return this.step(ctx, 'terminate')
  }

  private async step({ params, request, auth }: HttpContext, action: ProxyGovernanceAction) {
    const input = await request.validateUsing(proxyStepValidator)
    const user = auth.getUserOrFail()
    await this.proxies.step(user, Number(params.id), action, input)
    return this.detail(user, Number(params.id))
  }

  private async detail(user: User, id: number) {
    return { data: transformProxyGovernanceDetail(await this.proxies.show(user, id)), meta: {} }
  }
}
