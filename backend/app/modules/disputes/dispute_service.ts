/**
 * 纠纷化解台账 records and steps (PostgreSQL). Every state change goes through the workflow engine
 * (dispute_process.ts) in one transaction with its attachments and history; data scope through
 * region_scope (a dispute of another region is a 404, exactly like a missing one).
 */
import db from '@adonisjs/lucid/services/db'
import { writeDisputeOutbox } from '@szpm/etl'
import { errors as vineErrors } from '@vinejs/vine'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Region from '#models/region'
import type User from '#models/user'
import clock from '#services/clock'
import { containing } from '#services/like_pattern'
import { NotFoundInScope, findEstateInScope, findRegionInScope, userRegion, whereEstateIn } from '#services/region_scope'
import { stagedAttachments, type StagedAttachment } from '#services/attachments'
import { disputeProcess } from '#modules/disputes/dispute_process'
import { appendHistory, fire, mayFire, missingFields, openTodos, TransitionNotAllowed } from '#workflows/engine'
import type { ProcessDefinition } from '#workflows/process'
import { PARKING_TYPE_OF_DISPUTE, type DisputeActions, type DisputeLedger, type DisputeState, type DisputeType, type DisputeTypeGroup } from '@szpm/core'

export const DISPUTE_PROCESS = disputeProcess as unknown as ProcessDefinition
/** the storage folder of dispute attachments */
export const DISPUTE_FOLDER = 'disputes'

export type DisputeAction = 'transfer' | 'handle' | 'apply_close' | 'confirm_close' | 'return'

export interface DisputeListInput {
  ledger?: DisputeLedger
  region_id?: number
  estate_id?: number
  state?: DisputeState
  type?: DisputeType
  type_group?: DisputeTypeGroup
  q?: string
  reported_from?: string
  reported_to?: string
  page?: number
  per_page?: number
}

export interface DisputeCreateInput {
  estate_id: number
  dispute_type: DisputeType
  title: string
  parties: string
  summary: string
  reported_on: string
  transfer?: boolean
  attachments?: string[]
}

export interface DisputeStepInput {
  version: number
  remark?: string | null
  handled_on?: string | null
  measures?: string | null
  progress?: string | null
  result?: string | null
  opinion?: string | null
  attachments?: string[]
}

export interface DisputeRecord {
  id: number
  title: string
  dispute_type: DisputeType
  estate_id: number
  estate_name: string
  community_name: string
  street_id: number
  street_name: string
  district_name: string
  bureau_region_id: number
  bureau_name: string
  parties: string
  summary: string
  reported_on: string
  state: DisputeState
  version: number
  handle_count: number
  last_handled_at: Date | null
  close_result: string | null
  closed_at: Date | null
  created_by_name: string | null
  created_at: Date
}

/** the fields each step records in its history entry (besides the remark and the attachments) */
const STEP_FIELDS: Record<DisputeAction, readonly (keyof DisputeStepInput)[]> = {
  transfer: ['remark'],
  handle: ['handled_on', 'measures', 'progress'],
  apply_close: ['result'],
  confirm_close: ['remark'],
  return: ['opinion'],
}
/** steps that may carry attachments */
const WITH_ATTACHMENTS: readonly string[] = ['register', 'handle', 'apply_close']

/**
 * The `dispute` outbox event of a dispute in its state after a step, INSIDE the step's transaction, so
 * the record, its history, the inbox and the warehouse feed (dispute_facts) commit together.
 */
function publishDispute(trx: TransactionClientContract, id: number) {
  return writeDisputeOutbox((sql, params) => trx.rawQuery(sql, params as any[]).then((result) => result.rows), [id], { paramStyle: 'knex' })
}

function refuse(field: string, message: string, rule = 'invalid'): never {
  throw new vineErrors.E_VALIDATION_ERROR([{ field, message, rule }])
}

/** Does a street or community account see a dispute in this state? Not before it was transferred to it. */
const streetSide = (region: Region) => region.level === 'street' || region.level === 'community'

/**
 * every dispute query starts here: rows with their place and people, limited to `root`'s subtree;
 * a street's accounts never see a dispute the bureau has not transferred yet. Synchronous on purpose:
 * a query builder is thenable.
 */
function base(root: Region): DatabaseQueryBuilderContract<any> {
  const query = db
    .from('disputes as d')
    .join('estates as e', 'e.id', 'd.estate_id')
    .join('regions as c', 'c.id', 'e.community_id')
    .join('regions as s', 's.id', 'd.street_id')
    .join('regions as di', 'di.id', 'e.district_id')
    .join('regions as b', 'b.id', 'd.bureau_region_id')
    .leftJoin('users as u', 'u.id', 'd.created_by')
  whereEstateIn(query, 'e', root)
  if (streetSide(root)) query.whereNot('d.state', 'registered')
  return query
}

function select(query: DatabaseQueryBuilderContract<any>) {
  return query.select(
    'd.id', 'd.title', 'd.dispute_type', 'd.estate_id', 'e.name as estate_name', 'c.name as community_name', 'd.street_id', 's.name as street_name',
    'di.name as district_name', 'd.bureau_region_id', 'b.name as bureau_name', 'd.parties', 'd.summary',
    db.raw(`to_char(d.reported_on, 'YYYY-MM-DD') as reported_on`), 'd.state', 'd.version', 'd.handle_count', 'd.last_handled_at',
    'd.close_result', 'd.closed_at', 'u.name as created_by_name', 'd.created_at'
  )
}

/** the ledgers' filters (展开), shared by the page and the export */
function filtered(root: Region, region: Region, input: DisputeListInput) {
  const query = base(root)
  whereEstateIn(query, 'e', region)
  const ledger = input.ledger ?? 'all'
  if (ledger === 'open') query.whereNot('d.state', 'closed')
  if (ledger === 'closed') query.where('d.state', 'closed')
  if (input.state) query.where('d.state', input.state)
  if (input.type) query.where('d.dispute_type', input.type)
  if (input.type_group === 'parking') query.whereIn('d.dispute_type', Object.keys(PARKING_TYPE_OF_DISPUTE))
  if (input.estate_id) query.where('d.estate_id', input.estate_id)
  if (input.reported_from) query.where('d.reported_on', '>=', input.reported_from)
  if (input.reported_to) query.where('d.reported_on', '<=', input.reported_to)
  if (input.q) {
    const pattern = containing(input.q)
    query.where((q) => q.whereILike('d.title', pattern).orWhereILike('e.name', pattern).orWhereILike('d.parties', pattern))
  }
  return query
}

export async function listDisputes(user: User, input: DisputeListInput) {
  const root = await userRegion(user)
  const region = await findRegionInScope(user, input.region_id)
  const query = filtered(root, region, input)
  const page = input.page ?? 1
  const perPage = input.per_page ?? 20
  const [{ total }] = await query.clone().clearSelect().count('* as total')
  const rows = (await select(query).orderBy('d.reported_on', 'desc').orderBy('d.id', 'desc').limit(perPage).offset((page - 1) * perPage)) as DisputeRecord[]
  return { rows, total: Number(total), page, perPage, region }
}

/** the estates a bureau may enter a dispute for (its region's), by name */
export async function disputeEstates(user: User, q: string | undefined) {
  const query = db
    .from('estates as e')
    .join('regions as c', 'c.id', 'e.community_id')
    .join('regions as s', 's.id', 'e.street_id')
    .select('e.id', 'e.name', 'c.name as community_name', 's.name as street_name')
    .orderBy('e.name')
    .limit(30)
  whereEstateIn(query, 'e', await userRegion(user))
  if (q) query.whereILike('e.name', containing(q))
  return query
}

export async function findDispute(user: User, id: number): Promise<DisputeRecord> {
  const row = await select(base(await userRegion(user)).where('d.id', id)).first()
  if (!row) throw new NotFoundInScope()
  return row as DisputeRecord
}

/**
 * Only the bureau that entered a dispute (or the city above it) confirms or returns it, and transfers
 * it: a district bureau does not decide on a dispute the city entered.
 */
function isOwnBureau(user: User, row: DisputeRecord) {
  return user.regionId === row.bureau_region_id || user.role === 'city_admin'
}

const ACTION_STATES: Record<DisputeAction, readonly DisputeState[]> = {
  transfer: ['registered'],
  handle: ['transferred', 'handling'],
  apply_close: ['handling'],
  confirm_close: ['closing'],
  return: ['closing'],
}

function actionsOf(user: User, row: DisputeRecord): DisputeActions {
  const may = (action: DisputeAction) =>
    ACTION_STATES[action].includes(row.state) && mayFire(DISPUTE_PROCESS, action, user) && (!['transfer', 'confirm_close', 'return'].includes(action) || isOwnBureau(user, row))
  return { transfer: may('transfer'), handle: may('handle'), applyClose: may('apply_close'), confirmClose: may('confirm_close'), return: may('return') }
}

/** one dispute with its attachments, its timeline and what the user may do now */
export async function showDispute(user: User, id: number) {
  const row = await findDispute(user, id)
  const [attachments, history] = await Promise.all([
    db.from('dispute_attachments').where('dispute_id', id).orderBy('id').select('id', 'action', 'file_name', 'content_type', 'size_bytes', 'created_at'),
    db.from('workflow_events').where({ process: DISPUTE_PROCESS.name, subject_id: id }).orderBy('id', 'asc'),
  ])
  return { row, attachments, history, can: actionsOf(user, row) }
}

/** Stores the step's claimed uploads as the dispute's attachments; a token used before is a field error. */
async function attach(trx: TransactionClientContract, disputeId: number, action: string, staged: StagedAttachment[], userId: number) {
  if (staged.length === 0) return []
  const claimed = await trx.from('dispute_attachments').whereIn('storage_key', staged.map((file) => file.storageKey)).select('storage_key')
  if (claimed.length) {
    const index = staged.findIndex((file) => file.storageKey === claimed[0].storage_key)
    refuse(`attachments.${index}`, '该附件已使用过，请重新上传', 'attachment')
  }
  const now = clock.now().toJSDate()
  const rows = (await trx
    .insertQuery()
    .table('dispute_attachments')
    .multiInsert(staged.map((file) => ({
      dispute_id: disputeId, action, file_name: file.fileName, content_type: file.contentType, size_bytes: file.sizeBytes,
      storage_key: file.storageKey, uploaded_by: userId, created_at: now,
    })))
    .returning(['id', 'file_name', 'size_bytes'])) as { id: number; file_name: string; size_bytes: string }[]
  return rows.map((row) => ({ id: Number(row.id), fileName: row.file_name, sizeBytes: Number(row.size_bytes) }))
}

/** 录入纠纷 (and 转办 at once when asked): the dispute, its attachments, history and to-dos in one transaction */
export async function createDispute(user: User, input: DisputeCreateInput): Promise<number> {
  if (!mayFire(DISPUTE_PROCESS, 'register', user)) throw new TransitionNotAllowed('您没有权限执行「录入」', 403)
  // an estate outside the bureau's region answers 404, like any foreign object
  const estate = await findEstateInScope(user, input.estate_id)
  if (input.reported_on > clock.today()) refuse('reported_on', '受理日期不能晚于今天')
  const staged = input.attachments?.length ? await stagedAttachments(input.attachments, user.id, DISPUTE_FOLDER) : []
  return db.transaction(async (trx) => {
    const now = clock.now().toJSDate()
    const [created] = (await trx
      .insertQuery()
      .table('disputes')
      .insert({
        dispute_type: input.dispute_type, estate_id: estate.id, street_id: estate.streetId, bureau_region_id: user.regionId,
        title: input.title, parties: input.parties, summary: input.summary, reported_on: input.reported_on,
        state: 'registered', version: 1, created_by: user.id, created_at: now, updated_at: now,
      })
      .returning('id')) as { id: number }[]
    const id = Number(created.id)
    const files = await attach(trx, id, 'register', staged, user.id)
    await appendHistory(trx, DISPUTE_PROCESS, [{
      subjectId: id, action: 'register', fromState: null, toState: 'registered', actor: user, remark: null,
      data: { disputeType: input.dispute_type, estateId: estate.id, attachments: files }, at: now,
    }])
    await openTodos(trx, DISPUTE_PROCESS, [id], 'registered', now)
    if (input.transfer) {
      await fire(trx, DISPUTE_PROCESS, { subjectId: id, action: 'transfer', actor: user, version: 1, remark: null, changes: { transferred_at: now } })
    }
    await publishDispute(trx, id)
    return id
  })
}

/**
 * A step on a dispute: role and feature (403, before anything about the record is read), scope (404),
 * the entering bureau (403), required fields and attachments (422), then the transition with the
 * step's columns, attachments and history in one transaction (409 on a stale version, 422 when the
 * state does not allow it).
 */
export async function stepDispute(user: User, id: number, action: DisputeAction, input: DisputeStepInput) {
  const transition = DISPUTE_PROCESS.transitions[action]
  if (!mayFire(DISPUTE_PROCESS, action, user)) throw new TransitionNotAllowed(`您没有权限执行「${transition.label}」`, 403)
  const row = await findDispute(user, id)
  if (['transfer', 'confirm_close', 'return'].includes(action) && !isOwnBureau(user, row)) {
    throw new TransitionNotAllowed(`该纠纷由${row.bureau_name}录入，须由录入单位${transition.label}`, 403)
  }
  const data: Record<string, unknown> = {}
  for (const field of STEP_FIELDS[action]) {
    const value = input[field]
    data[field] = value === undefined || value === null || value === '' ? null : value
  }
  const problems = missingFields(DISPUTE_PROCESS, action, data)
  if (typeof data.handled_on === 'string' && data.handled_on > clock.today()) problems.push({ field: 'handled_on', message: '处理日期不能晚于今天', rule: 'beforeOrEqual' })
  if (input.attachments?.length && !WITH_ATTACHMENTS.includes(action)) problems.push({ field: 'attachments', message: `「${transition.label}」不能上传附件`, rule: 'attachment' })
  if (problems.length > 0) throw new vineErrors.E_VALIDATION_ERROR(problems)
  const staged = input.attachments?.length ? await stagedAttachments(input.attachments, user.id, DISPUTE_FOLDER) : []
  const now = clock.now().toJSDate()
  const changes: Record<string, unknown> = {
    transfer: { transferred_at: now },
    handle: { handle_count: db.raw('handle_count + 1'), last_handled_at: now },
    apply_close: { close_result: data.result },
    confirm_close: { closed_at: now },
    return: { close_result: null },
  }[action]
  await db.transaction(async (trx) => {
    // a refused transition rolls the attachments back with it
    const files = await attach(trx, id, action, staged, user.id)
    const remark = (action === 'return' ? input.opinion : action === 'handle' ? input.progress : action === 'apply_close' ? input.result : input.remark) ?? null
    await fire(trx, DISPUTE_PROCESS, { subjectId: id, action, actor: user, version: input.version, remark, data: { ...data, attachments: files }, changes })
    await publishDispute(trx, id)
  })
  return showDispute(user, id)
}

/** an attachment of a dispute the user sees (404 otherwise) */
export async function disputeAttachment(user: User, disputeId: number, attachmentId: number) {
  await findDispute(user, disputeId)
  const attachment = await db.from('dispute_attachments').where({ id: attachmentId, dispute_id: disputeId }).first()
  if (!attachment) throw new NotFoundInScope()
  return attachment as { id: number; file_name: string; content_type: string; size_bytes: string; storage_key: string }
}
