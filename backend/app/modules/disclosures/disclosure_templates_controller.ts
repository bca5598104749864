import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import DisclosureService from '#modules/disclosures/disclosure_service'
import { templateUpdateValidator, templateValidator } from '#modules/disclosures/disclosure_validator'
import { transformTemplate } from '#modules/disclosures/disclosure_transformer'

/** 信息公开模板: every user of the module reads them; the city administrator keeps them. */
@inject()
export default class DisclosureTemplatesController {
  constructor(private disclosures: DisclosureService) {}

  async index() {
    const rows = await this.disclosures.templates()
    return { data: rows.map(transformTemplate), meta: { total: rows.length } }
  }

  async store({ request, auth, response }: HttpContext) {
    const input = await request.validateUsing(templateValidator)
    const row = await this.disclosures.createTemplate(auth.getUserOrFail(), input)
    response.status(201)
    return { data: transformTemplate(row), meta: {} }
  }

  async update({ params, request, auth }: HttpContext) {
    const input = await request.validateUsing(templateUpdateValidator)
    return { data: transformTemplate(await this.disclosures.updateTemplate(auth.getUserOrFail(), Number(params.id), input)), meta: {} }
  }
}
