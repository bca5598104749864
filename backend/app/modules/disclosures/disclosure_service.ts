/**
 * 信息公开 (module 16): templates, announcements (draft → 发布 → 作废), 信息公开查询 and 公示公告.
 * docs/disclosures.md.
 *
 * Scope: an announcement belongs to its estate. Users whose region holds the estate see it (drafts:
 * only the street's own accounts); estate-side accounts see their estates' published and voided ones
 * on 公示公告; anyone else gets a 404. Only street accounts publish, for estates of their street.
 *
 * Other modules publish with `publishDisclosure(trx, …)` inside their own transaction (居代业 now,
 * 电子投票's meeting announcements later): validated against the template like a manual one.
 */
import { inject } from '@adonisjs/core'
import { Exception } from '@adonisjs/core/exceptions'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { errors as vineErrors } from '@vinejs/vine'
import type User from '#models/user'
import clock from '#services/clock'
import { containing } from '#services/like_pattern'
import { NotFoundInScope, findEstateInScope, findRegionInScope, userScope, whereEstateIn, type DataScope } from '#services/region_scope'
import { ROLE_REGION_LEVEL, userFeatures } from '#services/roles'
import { checkFields, composeBody, type FieldValues } from '#modules/disclosures/disclosure_fields'
import type { DisclosureSource, DisclosureState, DisclosureTemplateField } from '@szpm/core'
import { writeDisclosureOutbox } from '@szpm/etl'

/** a business refusal with a Chinese message (422 by default) */
export class DisclosureRefused extends Exception {
  constructor(message: string, status = 422) {
    super(message, { status, code: 'E_DISCLOSURE_REFUSED' })
  }
}

export class StaleDisclosure extends Exception {
  constructor() {
    super('该信息公开已被他人修改，请刷新后重试', { status: 409, code: 'E_STALE_RECORD' })
  }
}

export interface TemplateRecord {
  id: number
  code: string
  name: string
  fields: DisclosureTemplateField[]
  system: boolean
  active: boolean
  version: number
}

export interface DisclosureRecord {
  id: number
  title: string
  template_id: number
  template_name: string
  estate_id: number
  estate_name: string
  community_name: string
  street_name: string
  street_id: number
  state: DisclosureState
  source: DisclosureSource
  source_id: number | null
  published_at: Date | null
  published_by_name: string | null
  voided_at: Date | null
  void_reason: string | null
  voided_by_name: string | null
  created_at: Date
  version: number
  fields?: FieldValues
  body_html?: string
}

export interface DisclosureListInput {
  region_id?: number
  estate_id?: number
  template_id?: number
  /** a template's code (信息公开统计's 穿透 by template) */
  template?: string
  state?: DisclosureState
  source?: DisclosureSource
  q?: string
  from?: Date
  to?: Date
  page?: number
  per_page?: number
}

export interface DisclosureInput {
  template_id: number
  estate_id: number
  title: string
  fields?: Record<string, unknown>
  publish?: boolean
}

export interface TemplateInput {
  code: string
  name: string
  active: boolean
  fields: DisclosureTemplateField[]
}

/** a validated date (YYYY-MM-DD as the user typed it) back to its ISO day */
function isoDay(date: Date) {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/**
 * The announcements' warehouse facts (信息公开统计), INSIDE the transaction that changed them: one
 * `disclosure` event per published or voided announcement (a draft's id writes nothing: drafts are not
 * counted).
 */
export async function writeDisclosureFacts(trx: TransactionClientContract, ids: readonly number[]) {
  await writeDisclosureOutbox((sql, params) => trx.rawQuery(sql, params as never).then((result: { rows: any[] }) => result.rows), ids, { paramStyle: 'knex' })
}

function fieldErrors(problems: { field: string; message: string; rule: string }[]) {
  return new vineErrors.E_VALIDATION_ERROR(problems)
}

/** the announcements query with the names the list shows */
function disclosureQuery(client: TransactionClientContract | typeof db = db) {
  return client
    .from('disclosures as d')
    .join('disclosure_templates as t', 't.id', 'd.template_id')
    .join('estates as e', 'e.id', 'd.estate_id')
    .join('regions as c', 'c.id', 'e.community_id')
    .join('regions as s', 's.id', 'e.street_id')
    .leftJoin('users as p', 'p.id', 'd.published_by')
    .leftJoin('users as v', 'v.id', 'd.voided_by')
    .select(
      'd.id', 'd.title', 'd.template_id', 't.name as template_name', 'd.estate_id', 'e.name as estate_name', 'c.name as community_name',
      's.name as street_name', 'e.street_id', 'd.state', 'd.source', 'd.source_id', 'd.published_at', 'p.name as published_by_name',
      'd.voided_at', 'd.void_reason', 'v.name as voided_by_name', 'd.created_at', 'd.version'
    )
}

/** is the account a street office's (the only ones that publish) */
function isStreetAccount(user: User) {
  return ROLE_REGION_LEVEL[user.role] === 'street'
}

function streetPublisher(user: User) {
  if (!isStreetAccount(user)) throw new DisclosureRefused('仅街道办账号可以发布信息公开', 403)
}

async function templateByCode(client: TransactionClientContract | typeof db, code: string): Promise<TemplateRecord> {
  const template = await client.from('disclosure_templates').where('code', code).first()
  if (!template) throw new Error(`disclosure template ${code} does not exist`)
  return template as TemplateRecord
}

/**
 * Publishes an announcement from another module's step, in that module's transaction: the fields
 * are checked against the template (a field error names `fields.<key>`), the text is composed and
 * sanitised, the row is stored published and immutable. Returns its id.
 */
export async function publishDisclosure(
  trx: TransactionClientContract,
  input: { template: string; estateId: number; title: string; fields: Record<string, unknown>; source: Exclude<DisclosureSource, 'manual'>; sourceId: number; publishedBy: User | null }
): Promise<number> {
  const template = await templateByCode(trx, input.template)
  const { values, problems } = checkFields(template.fields, input.fields)
  if (problems.length > 0) throw fieldErrors(problems)
  const now = clock.now().toJSDate()
  const [row] = await trx
    .table('disclosures')
    .insert({
      template_id: template.id,
      estate_id: input.estateId,
      title: input.title.trim().slice(0, 100),
      fields: JSON.stringify(values),
      body_html: composeBody(template.fields, values),
      state: 'published',
      source: input.source,
      source_id: input.sourceId,
      created_by: input.publishedBy?.id ?? null,
      published_by: input.publishedBy?.id ?? null,
      published_at: now,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
  const id = Number(row.id ?? row)
  await writeDisclosureFacts(trx, [id])
  return id
}

/** the announcements another module's subject published (e.g. one 居代业's steps), oldest first */
export async function disclosuresOfSource(source: Exclude<DisclosureSource, 'manual'>, sourceId: number): Promise<DisclosureRecord[]> {
  return (await disclosureQuery().where({ 'd.source': source, 'd.source_id': sourceId }).orderBy('d.id')) as DisclosureRecord[]
}

@inject()
export default class DisclosureService {
  // ---- templates (the city administrator) ----

  async templates(): Promise<TemplateRecord[]> {
    return (await db.from('disclosure_templates').orderBy('id')) as TemplateRecord[]
  }

  private cityAdmin(user: User) {
    if (ROLE_REGION_LEVEL[user.role] !== 'city') throw new DisclosureRefused('仅市住建局管理员可以维护信息公开模板', 403)
  }

  private checkTemplate(input: TemplateInput) {
    const seen = new Set<string>()
    const problems = input.fields.flatMap((field, index) => {
      if (seen.has(field.key)) return [{ field: `fields.${index}.key`, message: '字段编码不能重复', rule: 'distinct' }]
      seen.add(field.key)
      return []
    })
    if (problems.length > 0) throw fieldErrors(problems)
  }

  async createTemplate(user: User, input: TemplateInput): Promise<TemplateRecord> {
    this.cityAdmin(user)
    this.checkTemplate(input)
    if (await db.from('disclosure_templates').where('code', input.code).first()) {
      throw fieldErrors([{ field: 'code', message: '模板编码已存在', rule: 'unique' }])
    }
    const [row] = await db
      .table('disclosure_templates')
      .insert({ code: input.code, name: input.name, active: input.active, fields: JSON.stringify(input.fields), system: false })
      .returning('*')
    return row as TemplateRecord
  }

  async updateTemplate(user: User, id: number, input: TemplateInput & { version: number }): Promise<TemplateRecord> {
    this.cityAdmin(user)
    const current = (await db.from('disclosure_templates').where('id', id).first()) as TemplateRecord | null
    if (!current) throw new NotFoundInScope()
    if (current.system) throw new DisclosureRefused(`「${current.name}」由其他模块发布使用，不能修改`)
    this.checkTemplate(input)
    if (input.code !== current.code && (await db.from('disclosure_templates').where('code', input.code).first())) {
      throw fieldErrors([{ field: 'code', message: '模板编码已存在', rule: 'unique' }])
    }
    return db.transaction(async (trx) => {
      const [row] = await trx
        .from('disclosure_templates')
        .where({ id, version: input.version })
        .update({ code: input.code, name: input.name, active: input.active, fields: JSON.stringify(input.fields), version: db.raw('version + 1'), updated_at: clock.now().toJSDate() })
        .returning('*')
      if (!row) throw new StaleDisclosure()
      // the facts carry the template's code: a new code re-publishes its announcements
      if (input.code !== current.code) {
        const ids = (await trx.from('disclosures').where('template_id', id).whereNot('state', 'draft').select('id')).map((item: { id: number }) => Number(item.id))
        await writeDisclosureFacts(trx, ids)
      }
      return row as TemplateRecord
    })
  }

  // ---- announcements ----

  /** the estates a street account publishes for: those of its street */
  async publishableEstates(user: User, q?: string) {
    streetPublisher(user)
    const query = db
      .from('estates as e')
      .join('regions as c', 'c.id', 'e.community_id')
      .where('e.street_id', user.regionId)
      .select('e.id', 'e.name', 'c.name as community_name')
      .orderBy('c.name').orderBy('e.name').orderBy('e.id')
      .limit(500)
    if (q) query.whereILike('e.name', containing(q))
    return (await query) as { id: number; name: string; community_name: string }[]
  }

  /** 信息公开查询: the announcements of a region of the user's scope, newest first */
  async list(user: User, input: DisclosureListInput) {
    const region = await findRegionInScope(user, input.region_id)
    const page = input.page ?? 1
    const perPage = input.per_page ?? 20
    const query = whereEstateIn(disclosureQuery(), 'e', region)
    if (!isStreetAccount(user)) query.whereNot('d.state', 'draft')
    if (input.estate_id) query.where('d.estate_id', (await findEstateInScope(user, input.estate_id)).id)
    if (input.template_id) query.where('d.template_id', input.template_id)
    if (input.template) query.where('t.code', input.template)
    if (input.state) query.where('d.state', input.state)
    if (input.source) query.where('d.source', input.source)
    if (input.q) query.where((sub) => sub.whereILike('d.title', containing(input.q!)).orWhereILike('e.name', containing(input.q!)))
    if (input.from) query.whereRaw(`(coalesce(d.published_at, d.created_at) AT TIME ZONE 'Asia/Shanghai')::date >= ?::date`, [isoDay(input.from)])
    if (input.to) query.whereRaw(`(coalesce(d.published_at, d.created_at) AT TIME ZONE 'Asia/Shanghai')::date <= ?::date`, [isoDay(input.to)])
    const [{ total }] = await query.clone().clearSelect().clearOrder().count('* as total')
    const rows = (await query
      .orderByRaw('coalesce(d.published_at, d.created_at) DESC')
      .orderBy('d.id', 'desc')
      .limit(perPage)
      .offset((page - 1) * perPage)) as DisclosureRecord[]
    return { rows, total: Number(total), page, perPage, region }
  }

  /** one announcement the user may see (404 otherwise) with its text and template */
  async show(user: User, id: number) {
    const row = await this.find(id, await userScope(user))
    if (row.state === 'draft' && !isStreetAccount(user)) throw new NotFoundInScope()
    return this.withText(row)
  }

  /** 公示公告: published (and voided) announcements of the user's own estates or region */
  async board(user: User, input: { page?: number; per_page?: number }) {
    const page = input.page ?? 1
    const perPage = input.per_page ?? 20
    const query = whereEstateIn(disclosureQuery(), 'e', await userScope(user)).whereIn('d.state', ['published', 'voided'])
    const [{ total }] = await query.clone().clearSelect().clearOrder().count('* as total')
    const rows = (await query.orderBy('d.published_at', 'desc').orderBy('d.id', 'desc').limit(perPage).offset((page - 1) * perPage)) as DisclosureRecord[]
    return { rows, total: Number(total), page, perPage }
  }

  async boardItem(user: User, id: number) {
    const row = await this.find(id, await userScope(user))
    if (row.state === 'draft') throw new NotFoundInScope()
    return this.withText(row)
  }

  /** what the user may do with it now */
  permissions(user: User, row: DisclosureRecord) {
    const manages = isStreetAccount(user) && userFeatures(user).includes('disclosures.manage') && row.source === 'manual'
    return {
      edit: manages && row.state === 'draft',
      publish: manages && row.state === 'draft',
      void: manages && row.state === 'published',
      destroy: manages && row.state === 'draft',
    }
  }

  /** composes without saving (发布前预览): the same checks and text as 发布 */
  async preview(user: User, input: DisclosureInput) {
    streetPublisher(user)
    const template = await this.publishableTemplate(input.template_id)
    const { values, problems } = checkFields(template.fields, input.fields ?? {})
    if (problems.length > 0) throw fieldErrors(problems)
    return { title: input.title, bodyHtml: composeBody(template.fields, values) }
  }

  /** 保存草稿 or 发布 (publish: true) */
  async create(user: User, input: DisclosureInput): Promise<number> {
    streetPublisher(user)
    const estate = await findEstateInScope(user, input.estate_id)
    const template = await this.publishableTemplate(input.template_id)
    const { values, problems } = checkFields(template.fields, input.fields ?? {})
    if (problems.length > 0) throw fieldErrors(problems)
    const now = clock.now().toJSDate()
    return db.transaction(async (trx) => {
      const [row] = await trx
        .table('disclosures')
        .insert({
          template_id: template.id, estate_id: estate.id, title: input.title, fields: JSON.stringify(values), body_html: composeBody(template.fields, values),
          state: input.publish ? 'published' : 'draft', source: 'manual', created_by: user.id,
          published_by: input.publish ? user.id : null, published_at: input.publish ? now : null, created_at: now, updated_at: now,
        })
        .returning('id')
      const id = Number(row.id)
      if (input.publish) await writeDisclosureFacts(trx, [id])
      return id
    })
  }

  /** a draft's new text (its estate and template may change too) */
  async update(user: User, id: number, input: DisclosureInput & { version: number }) {
    streetPublisher(user)
    const current = await this.find(id, await userScope(user))
    this.assertDraft(current, '修改')
    const estate = await findEstateInScope(user, input.estate_id)
    const template = await this.publishableTemplate(input.template_id)
    const { values, problems } = checkFields(template.fields, input.fields ?? {})
    if (problems.length > 0) throw fieldErrors(problems)
    const now = clock.now().toJSDate()
    const publish = input.publish === true
    await this.move(id, input.version, 'draft', {
      template_id: template.id, estate_id: estate.id, title: input.title, fields: JSON.stringify(values), body_html: composeBody(template.fields, values),
      ...(publish ? { state: 'published', published_by: user.id, published_at: now } : {}),
    })
  }

  async publish(user: User, id: number, version: number) {
    streetPublisher(user)
    const current = await this.find(id, await userScope(user))
    this.assertDraft(current, '发布')
    await this.move(id, version, 'draft', { state: 'published', published_by: user.id, published_at: clock.now().toJSDate() })
  }

  async void(user: User, id: number, version: number, reason: string) {
    streetPublisher(user)
    const current = await this.find(id, await userScope(user))
    if (current.source !== 'manual') throw new DisclosureRefused('该公告由居代业等业务流程发布，不能单独作废')
    if (current.state !== 'published') throw new DisclosureRefused(current.state === 'voided' ? '该信息公开已作废' : '草稿不能作废，可直接删除')
    await this.move(id, version, 'published', { state: 'voided', voided_by: user.id, voided_at: clock.now().toJSDate(), void_reason: reason })
  }

  async destroy(user: User, id: number, version: number) {
    streetPublisher(user)
    const current = await this.find(id, await userScope(user))
    this.assertDraft(current, '删除')
    const deleted = await db.from('disclosures').where({ id, version, state: 'draft' }).delete()
    if (Number(deleted) !== 1) throw new StaleDisclosure()
  }

  // ---- helpers ----

  private async find(id: number, scope: DataScope): Promise<DisclosureRecord> {
    const row = (await whereEstateIn(disclosureQuery(), 'e', scope).where('d.id', id).first()) as DisclosureRecord | null
    if (!row) throw new NotFoundInScope()
    return row
  }

  private async withText(row: DisclosureRecord) {
    const text = await db.from('disclosures').where('id', row.id).select('fields', 'body_html').firstOrFail()
    const template = (await db.from('disclosure_templates').where('id', row.template_id).firstOrFail()) as TemplateRecord
    return { row: { ...row, fields: text.fields as FieldValues, body_html: text.body_html as string }, template }
  }

  private async publishableTemplate(id: number): Promise<TemplateRecord> {
    const template = (await db.from('disclosure_templates').where('id', id).first()) as TemplateRecord | null
    if (!template || !template.active || template.system) {
      throw fieldErrors([{ field: 'template_id', message: template?.system ? `「${template.name}」由业务流程自动发布，不能手工选用` : '模板不存在或已停用', rule: 'exists' }])
    }
    return template
  }

  private assertDraft(row: DisclosureRecord, action: string) {
    if (row.source !== 'manual') throw new DisclosureRefused('该公告由居代业等业务流程发布，不能修改')
    if (row.state !== 'draft') throw new DisclosureRefused(`已发布的信息公开不能${action}${action === '删除' ? '，可以作废' : ''}`)
  }

  /**
   * UPDATE … WHERE id, version, state: zero rows = someone else changed it first (409); with the
   * announcement's warehouse fact in the same transaction (nothing for a draft that stays a draft)
   */
  private async move(id: number, version: number, from: DisclosureState, changes: Record<string, unknown>) {
    await db.transaction(async (trx) => {
      const moved = await trx
        .from('disclosures')
        .where({ id, version, state: from })
        .update({ ...changes, version: db.raw('version + 1'), updated_at: clock.now().toJSDate() })
      if (Number(moved) !== 1) throw new StaleDisclosure()
      await writeDisclosureFacts(trx, [id])
    })
  }
}
