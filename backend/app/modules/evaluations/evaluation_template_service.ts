/**
 * 评分模板 (module 13), managed by the city admin. A template is edited as a draft; 启用 makes it
 * the one new half-year windows score against and retires the previous one. A template that any
 * evaluation uses is never edited or deleted, so a stored score always matches its items.
 */
import db from '@adonisjs/lucid/services/db'
import { Exception } from '@adonisjs/core/exceptions'
import { errors as vineErrors } from '@vinejs/vine'
import type User from '#models/user'
import clock from '#services/clock'
import { StaleSubject } from '#workflows/engine'
import { NotFoundInScope } from '#services/region_scope'
import type { EvaluationTemplateInput, EvaluationTemplateItem } from '@szpm/core'

export class TemplateLocked extends Exception {
  constructor(message: string) {
    super(message, { status: 422, code: 'E_TEMPLATE_LOCKED' })
  }
}

/** weights sum to 100 (the total is on a 100-point scale), keys are unique */
function checkItems(items: EvaluationTemplateItem[]) {
  const problems: { field: string; message: string; rule: string }[] = []
  const seen = new Set<string>()
  items.forEach((item, index) => {
    if (seen.has(item.key)) problems.push({ field: `items.${index}.key`, message: `评分项编码「${item.key}」重复`, rule: 'distinct' })
    seen.add(item.key)
  })
  const weights = Math.round(items.reduce((sum, item) => sum + item.weight, 0) * 100) / 100
  if (weights !== 100) problems.push({ field: 'items', message: `各评分项权重之和须为 100（当前为 ${weights}）`, rule: 'weights' })
  if (problems.length > 0) throw new vineErrors.E_VALIDATION_ERROR(problems)
  return items.map((item) => ({ key: item.key, name: item.name, description: item.description ?? '', maxScore: item.maxScore, weight: item.weight }))
}

export default class EvaluationTemplateService {
  async list() {
    return db
      .from('evaluation_templates as t')
      .select('t.*', db.raw('(SELECT count(*) FROM evaluations ev WHERE ev.template_id = t.id) AS used_by'))
      .orderByRaw(`CASE t.status WHEN 'active' THEN 0 WHEN 'draft' THEN 1 ELSE 2 END`)
      .orderBy('t.id', 'desc')
  }

  async find(id: number) {
    const row = await db
      .from('evaluation_templates as t')
      .where('t.id', id)
      .select('t.*', db.raw('(SELECT count(*) FROM evaluations ev WHERE ev.template_id = t.id) AS used_by'))
      .first()
    if (!row) throw new NotFoundInScope()
    return row
  }

  async create(user: User, input: EvaluationTemplateInput) {
    const items = checkItems(input.items)
    const now = clock.now().toJSDate()
    const [row] = await db.table('evaluation_templates').insert({
      name: input.name, status: 'draft', items: JSON.stringify(items), version: 1, created_by: user.id, created_at: now, updated_at: now,
    }).returning('id')
    return this.find(row.id)
  }

  async update(id: number, input: EvaluationTemplateInput & { version?: number }) {
    const current = await this.find(id)
    if (current.status !== 'draft') throw new TemplateLocked('已启用或已停用的模板不能修改，请新建模板')
    const items = checkItems(input.items)
    const updated = await db.from('evaluation_templates')
      .where({ id, status: 'draft', version: input.version ?? current.version })
      .update({ name: input.name, items: JSON.stringify(items), version: db.raw('version + 1'), updated_at: clock.now().toJSDate() })
    if (Number(updated) !== 1) throw new StaleSubject()
    return this.find(id)
  }

  /** 启用: this template becomes the active one; the previous active one is retired */
  async activate(id: number, version: number) {
    await db.transaction(async (trx) => {
      const current = await trx.from('evaluation_templates').where('id', id).forUpdate().first()
      if (!current) throw new NotFoundInScope()
      if (current.status === 'active') return
      if (current.status !== 'draft') throw new TemplateLocked('已停用的模板不能再次启用，请复制为新模板')
      if (current.version !== version) throw new StaleSubject()
      const now = clock.now().toJSDate()
      await trx.from('evaluation_templates').where('status', 'active').update({ status: 'retired', updated_at: now })
      await trx.from('evaluation_templates').where('id', id)
        .update({ status: 'active', activated_at: now, updated_at: now, version: current.version + 1 })
    })
    return this.find(id)
  }

  async destroy(id: number) {
    const current = await this.find(id)
    if (current.status !== 'draft') throw new TemplateLocked('只能删除草稿模板')
    await db.from('evaluation_templates').where({ id, status: 'draft' }).delete()
  }
}
