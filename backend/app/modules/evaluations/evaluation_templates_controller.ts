import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import EvaluationTemplateService from '#modules/evaluations/evaluation_template_service'
import { activateTemplateValidator, evaluationTemplateValidator } from '#modules/evaluations/evaluation_validator'
import { transformEvaluationTemplate } from '#modules/evaluations/evaluation_template_transformer'
import { streamExcel } from '#services/excel_export'
import type { EvaluationTemplate } from '@szpm/core'

/** 评分模板 (city admin): list, draft, edit, 启用, delete a draft, export. */
@inject()
export default class EvaluationTemplatesController {
  constructor(private templates: EvaluationTemplateService) {}

  async index() {
    return { data: (await this.templates.list()).map(transformEvaluationTemplate), meta: {} }
  }

  async store({ request, response, auth }: HttpContext) {
    const input = await request.validateUsing(evaluationTemplateValidator)
    const row = await this.templates.create(auth.getUserOrFail(), input as any)
    return response.created({ data: transformEvaluationTemplate(row), meta: {} })
  }

  async update({ params, request }: HttpContext) {
    const input = await request.validateUsing(evaluationTemplateValidator)
    return { data: transformEvaluationTemplate(await this.templates.update(Number(params.id), input as any)), meta: {} }
  }

  async activate({ params, request }: HttpContext) {
    const { version } = await request.validateUsing(activateTemplateValidator)
    return { data: transformEvaluationTemplate(await this.templates.activate(Number(params.id), version)), meta: {} }
  }

  async destroy({ params, response }: HttpContext) {
    await this.templates.destroy(Number(params.id))
    return response.noContent()
  }

  /** one row per item of every template */
  async export(ctx: HttpContext) {
    const templates = (await this.templates.list()).map(transformEvaluationTemplate)
    type Row = { template: EvaluationTemplate; item: EvaluationTemplate['items'][number] }
    const rows: Row[] = templates.flatMap((template) => template.items.map((item) => ({ template, item })))
    await streamExcel<Row>(ctx, '评分模板', '评分模板', [
      { header: '模板', width: 28, value: (r) => r.template.name },
      { header: '状态', value: (r) => r.template.statusName },
      { header: '评分项编码', value: (r) => r.item.key },
      { header: '评分项', width: 20, value: (r) => r.item.name },
      { header: '说明', width: 40, value: (r) => r.item.description },
      { header: '满分', value: (r) => r.item.maxScore },
      { header: '权重', value: (r) => r.item.weight },
      { header: '已使用次数', value: (r) => r.template.usedBy },
    ], rows)
  }
}
