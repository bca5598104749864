/**
 * 居代业管理 (module 23): 发起, 不启动 / 指定 / 终止, the list and a 居代业's page. Every step is one
 * transaction: the state change through the workflow engine (role, required fields, version, history,
 * to-dos) and the step's announcement through 信息公开 (`publishDisclosure`). docs/proxy_governance.md.
 *
 * Scope: a 居代业 belongs to its estate; users whose region holds the estate see it, anyone else gets a 404.
 */
import { inject } from '@adonisjs/core'
import { Exception } from '@adonisjs/core/exceptions'
import db from '@adonisjs/lucid/services/db'
import { errors as vineErrors } from '@vinejs/vine'
import type User from '#models/user'
import clock from '#services/clock'
import { containing } from '#services/like_pattern'
import { NotFoundInScope, findEstateInScope, findRegionInScope, userRegion, userScope, whereEstateIn } from '#services/region_scope'
import { fire, mayFire, missingFields, recordCreated, TransitionNotAllowed } from '#workflows/engine'
import type { ProcessDefinition } from '#workflows/process'
import { proxyGovernanceProcess } from '#modules/proxy_governance/proxy_governance_process'
import { disclosuresOfSource, publishDisclosure } from '#modules/disclosures/disclosure_service'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { writeProxyGovernanceOutbox } from '@szpm/etl'
import { PROXY_GOVERNANCE_ACTIONS, type ProxyGovernanceAction, type ProxyGovernanceOutcome, type ProxyGovernanceState } from '@szpm/core'

export const PROCESS = proxyGovernanceProcess as unknown as ProcessDefinition

/** at most one open 居代业 per estate (also the partial unique index proxy_governances_one_open) */
export class ProxyGovernanceOpen extends Exception {
  constructor() {
    super('该物业项目已有进行中的居代业，不能重复发起', { status: 409, code: 'E_PROXY_GOVERNANCE_OPEN' })
  }
}

export interface ProxyGovernanceRecord {
  id: number
  estate_id: number
  estate_name: string
  community_name: string
  street_name: string
  state: ProxyGovernanceState
  outcome: ProxyGovernanceOutcome | null
  reason: string
  agent: string | null
  started_by_name: string | null
  started_at: Date
  acting_since: Date | null
  ended_at: Date | null
  version: number
}

export interface ProxyListInput {
  region_id?: number
  estate_id?: number
  state?: ProxyGovernanceState
  outcome?: ProxyGovernanceOutcome
  q?: string
  page?: number
  per_page?: number
}

/** the announcement each step publishes (template 居代业公告) */
const ANNOUNCEMENT_TITLES: Record<'start' | ProxyGovernanceAction, string> = {
  start: '居代业意见征集公告',
  decline: '居代业不启动公告',
  appoint: '居代业指定公告',
  terminate: '居代业终止公告',
}

function proxyQuery() {
  return db
    .from('proxy_governances as g')
    .join('estates as e', 'e.id', 'g.estate_id')
    .join('regions as c', 'c.id', 'e.community_id')
    .join('regions as s', 's.id', 'e.street_id')
    .leftJoin('users as u', 'u.id', 'g.started_by')
    .select(
      'g.id', 'g.estate_id', 'e.name as estate_name', 'c.name as community_name', 's.name as street_name', 'g.state', 'g.outcome', 'g.reason', 'g.agent',
      'u.name as started_by_name', 'g.started_at', 'g.acting_since', 'g.ended_at', 'g.version'
    )
}

/**
 * Publishes a step's announcement through 信息公开 in the step's transaction. The template's check of
 * the text (sanitised rich text, not empty, length) answers on this API's field `content`.
 */
async function announce(trx: TransactionClientContract, user: User, id: number, estateId: number, title: string, content: string) {
  try {
    await publishDisclosure(trx, { template: 'proxy_governance', estateId, title, fields: { content }, source: 'proxy_governance', sourceId: id, publishedBy: user })
  } catch (error) {
    if (error instanceof vineErrors.E_VALIDATION_ERROR) {
      const messages = (error.messages as { field: string; message: string; rule: string }[]).map((problem) => ({ ...problem, field: problem.field.replace(/^fields\./, '') }))
      throw new vineErrors.E_VALIDATION_ERROR(messages)
    }
    throw error
  }
}

/** the 居代业's warehouse fact (居代业统计), in the step's transaction */
async function writeOutbox(trx: TransactionClientContract, id: number) {
  await writeProxyGovernanceOutbox((sql, params) => trx.rawQuery(sql, params as never).then((result: { rows: any[] }) => result.rows), [id], { paramStyle: 'knex' })
}

function isUniqueViolation(error: unknown) {
  return (error as { code?: string })?.code === '23505'
}

@inject()
export default class ProxyGovernanceService {
  async list(user: User, input: ProxyListInput) {
    const region = await findRegionInScope(user, input.region_id)
    const page = input.page ?? 1
    const perPage = input.per_page ?? 20
    const query = whereEstateIn(proxyQuery(), 'e', region)
    if (input.estate_id) query.where('g.estate_id', (await findEstateInScope(user, input.estate_id)).id)
    if (input.state) query.where('g.state', input.state)
    if (input.outcome) query.where('g.outcome', input.outcome)
    if (input.q) query.whereILike('e.name', containing(input.q))
    const [{ total }] = await query.clone().clearSelect().clearOrder().count('* as total')
    const rows = (await query.orderBy('g.started_at', 'desc').orderBy('g.id', 'desc').limit(perPage).offset((page - 1) * perPage)) as ProxyGovernanceRecord[]
    return { rows, total: Number(total), page, perPage, region }
  }

  /** the estates of the user's region for 发起居代业, with whether each has a committee and an open 居代业 */
  async estates(user: User, q?: string) {
    const region = await userRegion(user)
    const query = whereEstateIn(
      db.from('estates as e').join('regions as c', 'c.id', 'e.community_id').select(
        'e.id', 'e.name', 'c.name as community_name', 'e.has_committee',
        db.raw(`(SELECT g.id FROM proxy_governances g WHERE g.estate_id = e.id AND g.state <> 'ended' LIMIT 1) AS open_id`)
      ),
      'e',
      region
    )
      .orderBy('c.name').orderBy('e.name').orderBy('e.id')
      .limit(500)
    if (q) query.whereILike('e.name', containing(q))
    return (await query) as { id: number; name: string; community_name: string; has_committee: boolean; open_id: number | null }[]
  }

  /**
   * 发起居代业: refused for a user the process does not allow (403), missing fields (422), an estate
   * outside the scope (404), an estate with a working owners' committee (422) and an estate with an
   * open 居代业 (409, also under concurrency: the unique index).
   */
  async start(user: User, input: { estate_id: number; reason: string; content: string }): Promise<number> {
    if (!mayFire(PROCESS, 'start', user)) throw new TransitionNotAllowed('您没有权限执行「发起居代业」', 403)
    const missing = missingFields(PROCESS, 'start', input)
    if (missing.length > 0) throw new vineErrors.E_VALIDATION_ERROR(missing)
    const estate = await findEstateInScope(user, input.estate_id)
    if (estate.hasCommittee) {
      throw new vineErrors.E_VALIDATION_ERROR([{ field: 'estate_id', message: `${estate.name}已成立业主委员会并正常履职，不能发起居代业`, rule: 'committee' }])
    }
    try {
      return await db.transaction(async (trx) => {
        const now = clock.now().toJSDate()
        const [row] = await trx
          .table('proxy_governances')
          .insert({ estate_id: estate.id, state: 'collecting', reason: input.reason.trim(), started_by: user.id, started_at: now, created_at: now, updated_at: now })
          .returning('id')
        const id = Number(row.id)
        await recordCreated(trx, PROCESS, 'start', [id], user)
        await announce(trx, user, id, estate.id, `${estate.name}${ANNOUNCEMENT_TITLES.start}`, input.content)
        await writeOutbox(trx, id)
        return id
      })
    } catch (error) {
      if (isUniqueViolation(error)) throw new ProxyGovernanceOpen()
      throw error
    }
  }

  /** 不启动 / 指定 / 终止 through the engine, with the step's announcement, in one transaction */
  async step(user: User, id: number, action: ProxyGovernanceAction, input: { version: number; remark?: string; content?: string; agent?: string }) {
    const current = await this.find(user, id)
    const now = clock.now().toJSDate()
    const changes: Record<string, unknown> =
      action === 'appoint' ? { agent: input.agent?.trim() ?? null, acting_since: now }
      : action === 'decline' ? { outcome: 'declined', ended_at: now }
      : { outcome: 'terminated', ended_at: now }
    await db.transaction(async (trx) => {
      await fire(trx, PROCESS, {
        subjectId: id,
        action,
        actor: user,
        version: input.version,
        remark: input.remark?.trim() ?? null,
        data: { content: input.content, ...(action === 'appoint' ? { agent: input.agent } : {}) },
        changes,
      })
      await announce(trx, user, id, current.estate_id, `${current.estate_name}${ANNOUNCEMENT_TITLES[action]}`, input.content ?? '')
      await writeOutbox(trx, id)
    })
  }

  /** one 居代业 with its history, its announcements and the steps the user may take now */
  async show(user: User, id: number) {
    const row = await this.find(user, id)
    const history = await db.from('workflow_events').where({ process: PROCESS.name, subject_id: id }).orderBy('id')
    const actions = (Object.keys(PROXY_GOVERNANCE_ACTIONS) as ProxyGovernanceAction[]).filter(
      (action) => PROCESS.transitions[action].from.includes(row.state) && mayFire(PROCESS, action, user)
    )
    return { row, history, actions, disclosures: await disclosuresOfSource('proxy_governance', id) }
  }

  private async find(user: User, id: number): Promise<ProxyGovernanceRecord> {
    const row = (await whereEstateIn(proxyQuery(), 'e', await userScope(user)).where('g.id', id).first()) as ProxyGovernanceRecord | null
    if (!row) throw new NotFoundInScope()
    return row
  }
}
