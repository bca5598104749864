/**
 * 招标投标进度查询 and 澄清与补遗 (module 21, docs/tenders.md).
 *
 * - The bidding platform reports stages for a filing number through the signed inbound API
 *   (`ingest`): one row per platform event in `tender_progress_events`, counted once per event id.
 *   Stages go forward in TENDER_STAGES order and may skip one (邀请招标 has no 报名); a stage reported
 *   after a later one is kept as 补报 (`late`) in its place in the timeline and never moves the current
 *   stage back; a stage already reported under another event id is a 409; a stage's time must fit
 *   between its neighbours' (422).
 * - The tenderer publishes 澄清 / 补遗 about an approved filing until 定标 is reported (`clarify`).
 * Scope: the filings a user sees in 招标文件备案 (TenderService.scopedQuery); anything else is a 404.
 */
import db from '@adonisjs/lucid/services/db'
import { Exception } from '@adonisjs/core/exceptions'
import { errors as vineErrors } from '@vinejs/vine'
import type User from '#models/user'
import clock from '#services/clock'
import { isEstateSideRole, ROLES } from '#services/roles'
import { NotFoundInScope } from '#services/region_scope'
import { containing } from '#services/like_pattern'
import { sanitizeRichText, richTextIsEmpty } from '#services/rich_text'
import { stagedAttachments } from '#services/attachments'
import TenderService, { TENDER_FOLDER } from '#modules/tenders/tender_service'
import { TENDER_STAGES, type TenderClarificationKind, type TenderStage } from '@szpm/core'

export const STAGE_ORDER = Object.fromEntries(Object.keys(TENDER_STAGES).map((stage, index) => [stage, index + 1])) as Record<TenderStage, number>

export interface ProgressFilters {
  region_id?: number
  estate_id?: number
  stage?: TenderStage | 'none'
  q?: string
}

export interface BiddingEventInput {
  event_id: string
  filing_no: string
  stage: TenderStage
  occurred_at: Date
  note?: string
}

export interface StageRow {
  tender_id: number
  stage: TenderStage
  stage_order: number
  occurred_at: Date
  received_at: Date
  late: boolean
  note: string
}

export interface ClarificationRow {
  id: number
  tender_id: number
  kind: TenderClarificationKind
  title: string
  content: string
  published_at: Date
  publisher_name: string
}

export interface ProgressRecord {
  id: number
  filing_no: string
  estate_id: number
  estate_name: string
  community_name: string
  street_name: string
  title: string
  tenderer_kind: 'committee' | 'developer'
  tenderer_name: string
  decided_at: Date | null
  current_stage: TenderStage | null
  stages: StageRow[]
  clarifications: ClarificationRow[]
}

function refuse(field: string, message: string, rule: string): never {
  throw new vineErrors.E_VALIDATION_ERROR([{ field, message, rule }])
}

const conflict = (message: string) => new Exception(message, { status: 409, code: 'E_CONFLICT' })

/** the highest stage a filing reached (its current stage), over the stage rows */
const CURRENT_STAGE_SQL = `(SELECT pe.stage FROM tender_progress_events pe WHERE pe.tender_id = t.id ORDER BY pe.stage_order DESC LIMIT 1)`

export default class TenderProgressService {
  #tenders = new TenderService()

  /** approved filings in scope, with their current stage, timeline and clarifications */
  async list(user: User, filters: ProgressFilters & { page: number; perPage: number }) {
    const { query } = await this.#tenders.scopedQuery(user, filters)
    query.where('t.state', 'approved')
    if (filters.stage === 'none') query.whereNotExists((sub) => sub.from('tender_progress_events as pe').whereRaw('pe.tender_id = t.id'))
    else if (filters.stage) query.whereRaw(`${CURRENT_STAGE_SQL} = ?`, [filters.stage])
    if (filters.q) {
      const like = containing(filters.q)
      query.where((q) => q.whereILike('t.title', like).orWhereILike('t.filing_no', like).orWhereILike('e.name', like).orWhereILike('t.tenderer_name', like))
    }
    const total = Number((await query.clone().count('* as n'))[0].n)
    const rows = (await query.clone()
      .select('t.id', 't.filing_no', 't.estate_id', 'e.name as estate_name', 'c.name as community_name', 's.name as street_name', 't.title',
        't.tenderer_kind', 't.tenderer_name', 't.decided_at', db.raw(`${CURRENT_STAGE_SQL} as current_stage`))
      .orderBy('t.decided_at', 'desc').orderBy('t.id', 'desc')
      .offset((filters.page - 1) * filters.perPage).limit(filters.perPage)) as Omit<ProgressRecord, 'stages' | 'clarifications'>[]
    return { rows: await this.#withTimelines(rows), total }
  }

  async #withTimelines(rows: Omit<ProgressRecord, 'stages' | 'clarifications'>[]): Promise<ProgressRecord[]> {
    const ids = rows.map((row) => Number(row.id))
    const [stages, clarifications] = ids.length
      ? await Promise.all([this.#stages(ids), this.#clarifications(ids)])
      : [[], []]
    return rows.map((row) => ({
      ...row,
      id: Number(row.id),
      stages: stages.filter((stage) => Number(stage.tender_id) === Number(row.id)),
      clarifications: clarifications.filter((item) => Number(item.tender_id) === Number(row.id)),
    }))
  }

  #stages(tenderIds: number[]) {
    return db.from('tender_progress_events').whereIn('tender_id', tenderIds).orderBy('stage_order')
      .select('tender_id', 'stage', 'stage_order', 'occurred_at', 'received_at', 'late', 'note') as Promise<StageRow[]>
  }

  #clarifications(tenderIds: number[]) {
    return db.from('tender_clarifications').whereIn('tender_id', tenderIds).orderBy('published_at').orderBy('id')
      .select('id', 'tender_id', 'kind', 'title', 'content', 'published_at', 'publisher_name') as Promise<ClarificationRow[]>
  }

  /** one filing's timeline and clarifications (with their files), and whether the user may publish one */
  async show(user: User, tenderId: number) {
    const tender = await this.#tenders.find(user, tenderId)
    const [stages, clarifications] = await Promise.all([this.#stages([tenderId]), this.#clarifications([tenderId])])
    const files = clarifications.length
      ? await db.from('tender_clarification_attachments').whereIn('clarification_id', clarifications.map((row) => row.id)).orderBy('id')
        .select('id', 'clarification_id', 'file_name', 'content_type', 'size_bytes')
      : []
    const current = stages.length ? stages[stages.length - 1].stage : null
    const canClarify = tender.state === 'approved' && this.#isTenderer(user, tender.tenderer_kind) && !this.#awarded(stages)
    return { current, stages, clarifications, files, canClarify }
  }

  /** the tenderer: the director for the committee's filing (their scope is their estates), a street handler for a developer's */
  #isTenderer(user: User, kind: 'committee' | 'developer') {
    return kind === 'committee' ? isEstateSideRole(user.role) : user.role === 'street_handler'
  }

  #awarded(stages: { stage_order: number }[]) {
    return stages.some((stage) => stage.stage_order >= STAGE_ORDER.award)
  }

  /** 发布澄清与补遗: the tenderer, on an approved filing, before 定标; one transaction with its files */
  async clarify(user: User, tenderId: number, input: { kind: TenderClarificationKind; title: string; content: string; attachments?: string[] }) {
    const tender = await this.#tenders.find(user, tenderId)
    if (!this.#isTenderer(user, tender.tenderer_kind)) {
      throw new Exception(tender.tenderer_kind === 'committee'
        ? '澄清与补遗由招标人（业主委员会）发布'
        : '建设单位的澄清与补遗由街道办经办人代为发布', { status: 403, code: 'E_FORBIDDEN' })
    }
    if (tender.state !== 'approved') refuse('id', '招标文件终审同意（已备案）后才能发布澄清与补遗', 'state')
    const content = sanitizeRichText(input.content)
    if (richTextIsEmpty(content)) refuse('content', '请填写澄清或补遗的内容', 'required')
    const tokens = input.attachments ?? []
    const staged = tokens.length ? await stagedAttachments(tokens, user.id, TENDER_FOLDER) : []
    await db.transaction(async (trx) => {
      // serialises with the platform's stage reports for this filing
      await trx.from('tenders').where('id', tenderId).forUpdate().first()
      const stages = await trx.from('tender_progress_events').where('tender_id', tenderId).select('stage_order')
      if (this.#awarded(stages)) refuse('id', '招标平台已报告定标，不能再发布澄清与补遗', 'state')
      if (tokens.length) {
        const taken = [
          ...(await trx.from('tender_attachments').whereIn('token', tokens).select('token')),
          ...(await trx.from('tender_clarification_attachments').whereIn('token', tokens).select('token')),
        ]
        if (taken.length) refuse('attachments', '附件已被使用，请重新上传', 'attachment')
      }
      const now = clock.now().toJSDate()
      const [row] = await trx.table('tender_clarifications').insert({
        tender_id: tenderId, kind: input.kind, title: input.title, content, published_at: now, published_by: user.id,
        publisher_name: `${user.name}（${ROLES[user.role].name}）`,
      }).returning('id')
      const clarificationId = Number(row.id ?? row)
      if (staged.length) {
        await trx.table('tender_clarification_attachments').multiInsert(staged.map((file) => ({
          clarification_id: clarificationId, file_name: file.fileName, content_type: file.contentType, size_bytes: file.sizeBytes,
          token: file.token, storage_key: file.storageKey, uploaded_by: user.id, created_at: now,
        })))
      }
    })
    return this.show(user, tenderId)
  }

  /** a clarification's file of a filing in scope */
  async file(user: User, tenderId: number, attachmentId: number) {
    await this.#tenders.find(user, tenderId)
    const file = await db.from('tender_clarification_attachments as a').join('tender_clarifications as tc', 'tc.id', 'a.clarification_id')
      .where('a.id', attachmentId).where('tc.tender_id', tenderId)
      .select('a.id', 'a.file_name', 'a.content_type', 'a.size_bytes', 'a.storage_key').first()
    if (!file) throw new NotFoundInScope()
    return file as { id: number; file_name: string; content_type: string; size_bytes: number; storage_key: string }
  }

  /**
   * One stage from the bidding platform (signature already checked). Answers `created` or `duplicate`
   * (the same event id seen before: nothing changes). 404 unknown filing number; 422 a filing not
   * approved, or a time that does not fit the timeline; 409 the stage reported under another event id,
   * or an event id reused for something else.
   */
  async ingest(input: BiddingEventInput, payload: unknown): Promise<{ outcome: 'created' | 'duplicate'; tenderId: number; stage: TenderStage; late: boolean }> {
    return db.transaction(async (trx) => {
      const tender = await trx.from('tenders').where('filing_no', input.filing_no).forUpdate().select('id', 'state').first()
      if (!tender) throw new NotFoundInScope()
      const tenderId = Number(tender.id)
      const seen = await trx.from('tender_progress_events').where('event_id', input.event_id).select('tender_id', 'stage', 'late').first()
      if (seen) {
        if (Number(seen.tender_id) !== tenderId || seen.stage !== input.stage) throw conflict('该事件编号已用于其他备案或阶段')
        return { outcome: 'duplicate' as const, tenderId, stage: input.stage, late: Boolean(seen.late) }
      }
      if (tender.state !== 'approved') refuse('filing_no', '该招标文件尚未备案（终审同意），不能报告招标进度', 'state')
      const order = STAGE_ORDER[input.stage]
      const existing = (await trx.from('tender_progress_events').where('tender_id', tenderId)
        .select('stage', 'stage_order', 'occurred_at')) as { stage: TenderStage; stage_order: number; occurred_at: Date }[]
      if (existing.some((row) => row.stage === input.stage)) throw conflict(`「${TENDER_STAGES[input.stage]}」已报告过，不能重复报告`)
      const at = input.occurred_at.getTime()
      const before = existing.filter((row) => row.stage_order < order && new Date(row.occurred_at).getTime() > at)
      const after = existing.filter((row) => row.stage_order > order && new Date(row.occurred_at).getTime() < at)
      if (before.length) refuse('occurred_at', `「${TENDER_STAGES[input.stage]}」的时间不能早于「${TENDER_STAGES[before[0].stage]}」`, 'order')
      if (after.length) refuse('occurred_at', `「${TENDER_STAGES[input.stage]}」的时间不能晚于「${TENDER_STAGES[after[0].stage]}」`, 'order')
      const late = existing.some((row) => row.stage_order > order)
      await trx.table('tender_progress_events').insert({
        event_id: input.event_id, tender_id: tenderId, stage: input.stage, stage_order: order, occurred_at: input.occurred_at,
        received_at: clock.now().toJSDate(), late, note: input.note ?? '', payload: JSON.stringify(payload),
      })
      return { outcome: 'created' as const, tenderId, stage: input.stage, late }
    })
  }
}
