import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import FilingService from '#modules/filings/filing_service'
import { createFilingValidator, updateFilingValidator, withdrawFilingValidator } from '#modules/filings/filing_validator'
import { transformFiling } from '#modules/filings/filing_transformer'
import clock from '#services/clock'

@inject()
export default class FilingsController {
  constructor(private filings: FilingService) {}

  /** Filing records of one estate, newest first, each with its full history. */
  async index({ params, auth }: HttpContext) {
    const records = await this.filings.listForEstate(auth.getUserOrFail(), Number(params.id))
    return { data: records.map((record) => transformFiling(record, clock.today())), meta: {} }
  }

  async store({ request, auth, response }: HttpContext) {
    const input = await request.validateUsing(createFilingValidator)
    const filing = await this.filings.create(auth.getUserOrFail(), input)
    return response.created({ data: transformFiling(await this.withHistory(filing.id), clock.today()), meta: {} })
  }

  async update({ request, params, auth }: HttpContext) {
    const input = await request.validateUsing(updateFilingValidator)
    const filing = await this.filings.transition(auth.getUserOrFail(), Number(params.id), input)
    return { data: transformFiling(await this.withHistory(filing.id), clock.today()), meta: {} }
  }

  async destroy({ request, params, auth }: HttpContext) {
    const input = await request.validateUsing(withdrawFilingValidator)
    const filing = await this.filings.transition(auth.getUserOrFail(), Number(params.id), { ...input, status: 'withdrawn' })
    return { data: transformFiling(await this.withHistory(filing.id), clock.today()), meta: {} }
  }

  private async withHistory(id: number) {
    const { default: Filing } = await import('#models/filing')
    return Filing.query().where('id', id).preload('events', (q) => q.orderBy('id').preload('actor')).firstOrFail()
  }
}
