/**
 * 招标文件备案 (module 21): filing, resubmitting and reviewing through the declared process
 * (tender_process.ts). Every change is one transaction: the filing, its round, its files, the history
 * and the to-dos (the engine). Data scope: street users by region (#services/region_scope); the
 * committee director sees the committee filings of the estates they direct; anything else is a 404.
 */
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { errors as vineErrors } from '@vinejs/vine'
import type User from '#models/user'
import clock from '#services/clock'
import { isEstateSideRole } from '#services/roles'
import { NotFoundInScope, findEstateInScope, findRegionInScope, whereEstateIn } from '#services/region_scope'
import { containing } from '#services/like_pattern'
import { TransitionNotAllowed, fire, mayFire, recordCreated, transitionOf } from '#workflows/engine'
import { tenderWorkflow as tenderProcess } from '#modules/tenders/tender_process'
import { roundSla } from '#modules/tenders/tender_sla'
import { stagedAttachments } from '#services/attachments'
import { writeTenderRoundOutbox } from '@szpm/etl'
import type { TenderFinalDecision, TenderFirstOpinion, TenderRoundDecision, TenderSla, TenderSlaBucket, TenderState, TendererKind, TenderMethod } from '@szpm/core'

export interface TenderFilters {
  region_id?: number
  estate_id?: number
  state?: TenderState
  sla?: TenderSlaBucket
  q?: string
  tender_method?: TenderMethod
  tenderer_kind?: TendererKind
  /** filings having a round with this outcome (招标投标统计's 穿透) */
  round_decision?: TenderRoundDecision
  /** filings having a round in this 办理情况 bucket (招标投标统计's 穿透) */
  round_sla?: TenderSlaBucket
}

/**
 * For the writers, INSIDE their transaction: one `tender_round` outbox event per round of each filing
 * (state and is_last belong to the filing, so every step re-publishes all its rounds; etl/src/sources/tenders.ts).
 */
export async function publishTenderRounds(trx: TransactionClientContract, tenderIds: readonly number[]) {
  if (tenderIds.length === 0) return
  const rounds = await trx.from('tender_rounds').whereIn('tender_id', [...tenderIds]).select('id')
  await writeTenderRoundOutbox((sql, params) => trx.rawQuery(sql, params as never).then((result: { rows: any[] }) => result.rows),
    rounds.map((row: { id: number }) => Number(row.id)), { paramStyle: 'knex' })
}

export interface TenderFields {
  tenderer_name: string
  title: string
  tender_method: TenderMethod
  resolution?: string
  service_scope?: string
  contact_name: string
  contact_phone: string
  attachments?: string[]
}

export interface TenderRecord {
  id: number
  filing_no: string
  estate_id: number
  estate_name: string
  community_name: string
  street_name: string
  title: string
  tenderer_kind: TendererKind
  tenderer_name: string
  tender_method: TenderMethod
  resolution: string
  service_scope: string
  contact_name: string
  contact_phone: string
  state: TenderState
  round: number
  round_started_at: Date
  decided_at: Date | null
  version: number
}

export interface TenderListed extends TenderRecord {
  sla: TenderSla
}

const COLUMNS = [
  't.id', 't.filing_no', 't.estate_id', 'e.name as estate_name', 'c.name as community_name', 's.name as street_name', 't.title',
  't.tenderer_kind', 't.tender_method', 't.tenderer_name', 't.resolution', 't.service_scope', 't.contact_name', 't.contact_phone',
  't.state', 't.round', 't.round_started_at', 't.decided_at', 't.version',
]

function refuse(field: string, message: string, rule = 'tender'): never {
  throw new vineErrors.E_VALIDATION_ERROR([{ field, message, rule }])
}

/** the storage folder of tender documents (#services/attachments) */
export const TENDER_FOLDER = 'tenders'

/** which transition files / resubmits for this tenderer kind */
const FILE_ACTION = { committee: 'submit', developer: 'register' } as const
const RESUBMIT_ACTION = { committee: 'resubmit', developer: 'resubmit_on_behalf' } as const
const FIRST_ACTION: Record<TenderFirstOpinion, string> = { agree: 'propose_approve', disagree: 'propose_reject' }
const FINAL_ACTION: Record<TenderFinalDecision, string> = { approve: 'approve', reject: 'reject', return: 'send_back' }

export default class TenderService {
  /** the filings a user sees, with the joins every read needs (wrapped: an async function would run a returned builder) */
  async #scoped(user: User, filters: Pick<TenderFilters, 'region_id' | 'estate_id'> = {}) {
    const query = db.from('tenders as t')
      .join('estates as e', 'e.id', 't.estate_id')
      .join('regions as c', 'c.id', 'e.community_id')
      .join('regions as s', 's.id', 'e.street_id')
    if (isEstateSideRole(user.role)) {
      if (filters.region_id !== undefined) throw new NotFoundInScope()
      // the committee's own filings, of the estates this account directs
      query.where('t.tenderer_kind', 'committee').whereExists((sub) => sub.from('user_estates as ue')
        .whereRaw('ue.estate_id = t.estate_id').where('ue.user_id', user.id).where('ue.relation', 'committee_director'))
    } else {
      whereEstateIn(query, 'e', await findRegionInScope(user, filters.region_id))
    }
    if (filters.estate_id !== undefined) query.where('t.estate_id', (await findEstateInScope(user, filters.estate_id)).id)
    return { query }
  }

  /** the scoped filings query (tenders t, estates e, regions c / s) for other readers of filings (招标投标进度查询) */
  scopedQuery(user: User, filters: Pick<TenderFilters, 'region_id' | 'estate_id'> = {}) {
    return this.#scoped(user, filters)
  }

  async list(user: User, filters: TenderFilters & { page: number; perPage: number }) {
    const { query } = await this.#scoped(user, filters)
    if (filters.state) query.where('t.state', filters.state)
    if (filters.tender_method) query.where('t.tender_method', filters.tender_method)
    if (filters.tenderer_kind) query.where('t.tenderer_kind', filters.tenderer_kind)
    if (filters.round_decision) {
      const decision = filters.round_decision
      query.whereExists((sub) => {
        sub.from('tender_rounds as rd').whereRaw('rd.tender_id = t.id')
        if (decision === 'open') sub.whereNull('rd.decision')
        else sub.where('rd.decision', decision)
      })
    }
    if (filters.q) query.where((q) => q.whereILike('t.title', containing(filters.q!)).orWhereILike('t.filing_no', containing(filters.q!))
      .orWhereILike('e.name', containing(filters.q!)).orWhereILike('t.tenderer_name', containing(filters.q!)))
    const ordered = () => query.clone().orderBy('t.round_started_at', 'desc').orderBy('t.id', 'desc')
    if (filters.sla || filters.round_sla) {
      // the bucket depends on the calendar (and on today for open rounds): decided per row, then paged
      const all = (await ordered().select('t.id', 't.round_started_at', 't.decided_at')) as { id: number; round_started_at: Date; decided_at: Date | null }[]
      const roundsOf = new Map<number, { submitted_at: Date; decided_at: Date | null }[]>()
      if (filters.round_sla && all.length) {
        for (const round of await db.from('tender_rounds').whereIn('tender_id', all.map((row) => row.id)).select('tender_id', 'submitted_at', 'decided_at')) {
          roundsOf.set(Number(round.tender_id), [...(roundsOf.get(Number(round.tender_id)) ?? []), round])
        }
      }
      const matching: number[] = []
      for (const row of all) {
        if (filters.sla && (await roundSla(row.round_started_at, row.decided_at)).bucket !== filters.sla) continue
        if (filters.round_sla) {
          let found = false
          for (const round of roundsOf.get(Number(row.id)) ?? []) if ((await roundSla(round.submitted_at, round.decided_at)).bucket === filters.round_sla) { found = true; break }
          if (!found) continue
        }
        matching.push(row.id)
      }
      const ids = matching.slice((filters.page - 1) * filters.perPage, filters.page * filters.perPage)
      const rows = ids.length ? await this.#withSla((await ordered().whereIn('t.id', ids).select(COLUMNS)) as TenderRecord[]) : []
      return { rows, total: matching.length }
    }
    const total = Number((await query.clone().count('* as n'))[0].n)
    const rows = (await ordered().select(COLUMNS).offset((filters.page - 1) * filters.perPage).limit(filters.perPage)) as TenderRecord[]
    return { rows: await this.#withSla(rows), total }
  }

  async #withSla(rows: TenderRecord[]): Promise<TenderListed[]> {
    const listed: TenderListed[] = []
    for (const row of rows) listed.push({ ...row, id: Number(row.id), sla: await roundSla(row.round_started_at, row.decided_at) })
    return listed
  }

  /** one filing in the user's scope (404 otherwise) */
  async find(user: User, id: number): Promise<TenderListed> {
    const { query } = await this.#scoped(user)
    const row = (await query.where('t.id', id).select(COLUMNS).first()) as TenderRecord | null
    if (!row) throw new NotFoundInScope()
    return (await this.#withSla([row]))[0]
  }

  async detail(user: User, id: number) {
    const tender = await this.find(user, id)
    const [attachments, rounds, history] = await Promise.all([
      db.from('tender_attachments').where('tender_id', id).orderBy('round').orderBy('id')
        .select('id', 'round', 'file_name', 'content_type', 'size_bytes', 'created_at'),
      db.from('tender_rounds').where('tender_id', id).orderBy('round').select('round', 'submitted_at', 'decided_at', 'decision'),
      db.from('workflow_events').where({ process: tenderProcess.name, subject_id: id }).orderBy('id')
        .select('id', 'action', 'from_state', 'to_state', 'actor_id', 'actor_name', 'actor_role', 'remark', 'data', 'created_at'),
    ])
    const roundRows = []
    for (const round of rounds) roundRows.push({ ...round, sla: await roundSla(round.submitted_at, round.decided_at) })
    const may = (action: string) => mayFire(tenderProcess, action, user)
    const can = {
      resubmit: tender.state === 'rejected' && may(RESUBMIT_ACTION[tender.tenderer_kind]),
      firstReview: tender.state === 'first_review' && may('propose_approve'),
      finalReview: tender.state === 'final_review' && may('approve'),
    }
    return { tender, attachments, rounds: roundRows, history, can }
  }

  /** the attachment row of a filing in scope */
  async attachment(user: User, tenderId: number, attachmentId: number) {
    await this.find(user, tenderId)
    const attachment = await db.from('tender_attachments').where({ id: attachmentId, tender_id: tenderId }).first()
    if (!attachment) throw new NotFoundInScope()
    return attachment as { id: number; file_name: string; content_type: string; size_bytes: number; storage_key: string }
  }

  /** 403 unless the user may fire `action` (checked before the scope, so a refused role learns nothing of the object) */
  #assertMay(user: User, action: string) {
    if (!mayFire(tenderProcess, action, user)) {
      throw new TransitionNotAllowed(`您没有权限执行「${transitionOf(tenderProcess, action).label}」`, 403)
    }
  }

  /** the estate a tenderer may file for: a director their own estates (404 otherwise), a street handler its street's */
  async #estateFor(user: User, estateId: number) {
    const estate = await findEstateInScope(user, estateId)
    if (isEstateSideRole(user.role)) {
      const directs = await db.from('user_estates').where({ user_id: user.id, estate_id: estateId, relation: 'committee_director' }).first()
      if (!directs) throw new NotFoundInScope()
    }
    return estate
  }

  /** the uploads claimed by a (re)submission, by their uploader */
  async #claim(trx: TransactionClientContract, user: User, tenderId: number, round: number, tokens: string[]) {
    if (tokens.length === 0) return
    const staged = await stagedAttachments(tokens, user.id, TENDER_FOLDER)
    const taken = await trx.from('tender_attachments').whereIn('token', tokens).select('token')
    if (taken.length) refuse('attachments', '附件已被使用，请重新上传', 'attachment')
    const now = clock.now().toJSDate()
    await trx.table('tender_attachments').multiInsert(staged.map((file) => ({
      tender_id: tenderId, round, file_name: file.fileName, content_type: file.contentType, size_bytes: file.sizeBytes,
      token: file.token, storage_key: file.storageKey, uploaded_by: user.id, created_at: now,
    })))
  }

  #fields(input: TenderFields) {
    return {
      tenderer_name: input.tenderer_name, title: input.title, tender_method: input.tender_method, resolution: input.resolution ?? '',
      service_scope: input.service_scope ?? '', contact_name: input.contact_name, contact_phone: input.contact_phone,
    }
  }

  /** 提交备案 (the director, for the committee) / 代建设单位登记备案 (a street handler, for a developer) */
  async store(user: User, input: TenderFields & { estate_id: number; tenderer_kind: TendererKind }) {
    const action = isEstateSideRole(user.role) ? FILE_ACTION.committee : FILE_ACTION.developer
    this.#assertMay(user, action)
    const estate = await this.#estateFor(user, input.estate_id)
    if (action === 'submit' && input.tenderer_kind !== 'committee') refuse('tenderer_kind', '业委会主任只能以业主委员会名义提交招标文件', 'tenderer_kind')
    if (action === 'register' && input.tenderer_kind !== 'developer') refuse('tenderer_kind', '业主委员会的招标文件须由业委会主任提交；街道经办人只能代建设单位登记', 'tenderer_kind')
    if (input.tenderer_kind === 'committee' && !input.resolution) refuse('resolution', '请填写业主大会表决通过招标文件的决议（文号或日期）', 'required')
    if (!input.attachments?.length) refuse('attachments', '请上传物业服务招标文件', 'required')
    const id = await db.transaction(async (trx) => {
      const now = clock.now().toJSDate()
      const [row] = await trx.table('tenders').insert({
        filing_no: `TMP-${crypto.randomUUID()}`, estate_id: estate.id, tenderer_kind: input.tenderer_kind, ...this.#fields(input),
        state: transitionOf(tenderProcess, action).to, round: 1, round_started_at: now, submitted_by: user.id, created_at: now, updated_at: now,
      }).returning('id')
      const tenderId = Number(row.id ?? row)
      await trx.from('tenders').where('id', tenderId).update({ filing_no: `ZBBA-${clock.today().slice(0, 4)}-${String(tenderId).padStart(6, '0')}` })
      await trx.table('tender_rounds').insert({ tender_id: tenderId, round: 1, submitted_at: now })
      await this.#claim(trx, user, tenderId, 1, input.attachments!)
      await recordCreated(trx, tenderProcess, action, [tenderId], user)
      await publishTenderRounds(trx, [tenderId])
      return tenderId
    })
    return this.detail(user, id)
  }

  /** after 不同意: the tenderer amends and resubmits; a new round (and clock) starts */
  async resubmit(user: User, id: number, input: TenderFields & { version: number }) {
    const tender = await this.find(user, id)
    const action = RESUBMIT_ACTION[tender.tenderer_kind]
    this.#assertMay(user, action)
    if (tender.tenderer_kind === 'committee' && !input.resolution) refuse('resolution', '请填写业主大会表决通过招标文件的决议（文号或日期）', 'required')
    await db.transaction(async (trx) => {
      const now = clock.now().toJSDate()
      const round = tender.round + 1
      await fire(trx, tenderProcess, {
        subjectId: id, action, actor: user, version: input.version, remark: null,
        data: { round, attachments: input.attachments?.length ?? 0 },
        changes: { ...this.#fields(input), round, round_started_at: now, decided_at: null },
      })
      await trx.table('tender_rounds').insert({ tender_id: id, round, submitted_at: now })
      await this.#claim(trx, user, id, round, input.attachments ?? [])
      await publishTenderRounds(trx, [id])
    })
    return this.detail(user, id)
  }

  /** 初审 by the street handler: 拟同意 / 拟不同意 (remark required) → 待终审 */
  async firstReview(user: User, id: number, input: { opinion: TenderFirstOpinion; remark?: string | null; version: number }) {
    const tender = await this.find(user, id)
    await db.transaction(async (trx) => {
      await fire(trx, tenderProcess, {
        subjectId: id, action: FIRST_ACTION[input.opinion], actor: user, version: input.version, remark: input.remark ?? null,
        data: { opinion: input.opinion, round: tender.round },
      })
      await publishTenderRounds(trx, [id])
    })
    return this.detail(user, id)
  }

  /** 终审 by the street head: 同意 (已备案) / 不同意 (back to the tenderer, the round ends) / 返回上一级 (back to 初审, same round) */
  async finalReview(user: User, id: number, input: { decision: TenderFinalDecision; remark?: string | null; version: number }) {
    const tender = await this.find(user, id)
    await db.transaction(async (trx) => {
      const now = clock.now().toJSDate()
      const ends = input.decision !== 'return'
      await fire(trx, tenderProcess, {
        subjectId: id, action: FINAL_ACTION[input.decision], actor: user, version: input.version, remark: input.remark ?? null,
        data: { decision: input.decision, round: tender.round },
        changes: ends ? { decided_at: now } : {},
      })
      if (ends) {
        await trx.from('tender_rounds').where({ tender_id: id, round: tender.round })
          .update({ decided_at: now, decision: input.decision === 'approve' ? 'approved' : 'rejected' })
      }
      await publishTenderRounds(trx, [id])
    })
    return this.detail(user, id)
  }
}
