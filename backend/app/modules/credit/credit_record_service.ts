import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { errors as vineErrors } from '@vinejs/vine'
import { CREDIT_BAD_CATEGORIES, CREDIT_GOOD_CATEGORIES, type CreditRecordInput, type CreditRecordUpdate } from '@szpm/core'
import { writeCreditRecordOutbox } from '@szpm/etl'
import type User from '#models/user'
import clock from '#services/clock'
import { findEstateInScope, findRegionInScope, NotFoundInScope } from '#services/region_scope'
import { stagedAttachments, type StagedAttachment } from '#services/attachments'
import { StaleRecord } from '#modules/filings/filing_service'
import { creditValidUntil } from '#modules/credit/credit_rules'
import { findSubjectInScope } from '#modules/credit/credit_subject_service'
import { CREDIT_ATTACHMENT_LIMITS } from '#modules/credit/credit_validator'

/** the storage folder of credit record documents (#services/file_storage) */
export const CREDIT_FOLDER = 'credit'

/** an attachment as `credit_records.attachments` (jsonb) holds it */
export interface StoredCreditAttachment {
  id: number
  fileName: string
  contentType: string
  sizeBytes: number
  storageKey: string
  uploadedBy: number
}

function refuse(field: string, message: string, rule = 'credit'): never {
  throw new vineErrors.E_VALIDATION_ERROR([{ field, message, rule }])
}

/** the fields of a record both the entry and a change check alike (category of its kind, severity for 不良 only, not after today) */
function checkFields(input: Omit<CreditRecordInput, 'estate_id'>) {
  const categories = input.polarity === 'good' ? CREDIT_GOOD_CATEGORIES : CREDIT_BAD_CATEGORIES
  if (!Object.hasOwn(categories, input.category)) refuse('category', `${input.polarity === 'good' ? '良好信息' : '不良信息'}没有该类别`)
  if (input.polarity === 'bad' && !input.severity) refuse('severity', '不良信息须选择严重程度')
  if (input.polarity === 'good' && input.severity) refuse('severity', '良好信息不分严重程度')
  if (input.decided_on > clock.today()) refuse('decided_on', '认定日期不能晚于今天')
}

const publish = (trx: TransactionClientContract, id: number) =>
  writeCreditRecordOutbox((sql, params) => trx.rawQuery(sql, params as never).then((result: { rows: any[] }) => result.rows), [id], { paramStyle: 'knex' })

/**
 * The staged uploads as the record's new attachments (ids after `existing`'s); a token one of the user's
 * records already claimed is a field error, as is going beyond CREDIT_ATTACHMENT_LIMITS.perRecord.
 */
async function claim(trx: TransactionClientContract, staged: StagedAttachment[], existing: StoredCreditAttachment[]): Promise<StoredCreditAttachment[]> {
  if (staged.length === 0) return existing
  if (existing.length + staged.length > CREDIT_ATTACHMENT_LIMITS.perRecord) refuse('attachments', `每条信用记录最多 ${CREDIT_ATTACHMENT_LIMITS.perRecord} 个附件`, 'attachment')
  for (const [index, file] of staged.entries()) {
    const used = await trx.from('credit_records').whereRaw('attachments @> ?::jsonb', [JSON.stringify([{ storageKey: file.storageKey }])]).select('id').first()
    if (used) refuse(`attachments.${index}`, '该附件已使用过，请重新上传', 'attachment')
  }
  let next = existing.reduce((max, file) => Math.max(max, file.id), 0)
  return [
    ...existing,
    ...staged.map((file) => ({ id: ++next, fileName: file.fileName, contentType: file.contentType, sizeBytes: file.sizeBytes, storageKey: file.storageKey, uploadedBy: file.uploadedBy })),
  ]
}

/**
 * 录入信用记录 (city and district bureaus, `credit.manage`): a subject of the user's region (404 otherwise)
 * gets a 良好 / 不良 record whose category belongs to its kind, with a severity for 不良 only, dated no
 * later than today; it counts until config/credit.ts's period ends (`valid_until`). A person's record is
 * on their estate; a company's on one of the estates it manages (`estate_id`). Documents uploaded before
 * (`attachments`, tokens of the user's uploads) are claimed. The record and its outbox event are one
 * transaction. Returns the new record's id.
 */
export async function createCreditRecord(user: User, subjectId: number, input: CreditRecordInput) {
  const region = await findRegionInScope(user, undefined)
  // the subject must be visible to the user (its region), like its page
  const subject = await findSubjectInScope(region, subjectId)
  checkFields(input)

  let estateId: number
  if (subject.kind === 'company') {
    if (!input.estate_id) refuse('estate_id', '请选择该企业在管的物业项目')
    // an estate outside the user's region is a 404, like a missing one
    await findEstateInScope(user, input.estate_id)
    const managed = await db.from('estates').where('id', input.estate_id).where('company_name', subject.company_name ?? '').first()
    if (!managed) refuse('estate_id', '该物业项目不由该企业管理')
    estateId = input.estate_id
  } else {
    if (input.estate_id && input.estate_id !== subject.estate_id) refuse('estate_id', '个人的信用记录只能记在其所属物业项目')
    estateId = subject.estate_id!
  }
  const staged = input.attachments?.length ? await stagedAttachments(input.attachments, user.id, CREDIT_FOLDER) : []

  const severity = input.polarity === 'bad' ? input.severity! : null
  return db.transaction(async (trx) => {
    const now = new Date()
    const attachments = await claim(trx, staged, [])
    const [row] = await trx
      .table('credit_records')
      .insert({
        subject_id: subjectId, estate_id: estateId, polarity: input.polarity, category: input.category, severity,
        decided_on: input.decided_on, valid_until: creditValidUntil(input.decided_on, input.polarity, severity),
        source: input.source, document_no: input.document_no, attachments: JSON.stringify(attachments), version: 1, created_by: user.id, created_at: now, updated_at: now,
      })
      .returning(['id'])
    await publish(trx, Number(row.id))
    return Number(row.id)
  })
}

/**
 * A record the user may change: not deleted, its subject in the user's region and its estate in the
 * user's scope (a district bureau does not reach a company's record on another district's estate); 404
 * otherwise. `forUpdate` locks the row inside a transaction.
 */
export async function findCreditRecordInScope(user: User, id: number, trx?: TransactionClientContract) {
  const query = (trx ?? db).from('credit_records').where('id', id).whereNull('deleted_at')
  if (trx) query.forUpdate()
  const record = (await query.first()) as { id: number; subject_id: number; estate_id: number; version: number; attachments: StoredCreditAttachment[] } | null
  if (!record) throw new NotFoundInScope()
  const region = await findRegionInScope(user, undefined)
  await findSubjectInScope(region, Number(record.subject_id))
  await findEstateInScope(user, Number(record.estate_id))
  return record
}

/**
 * 修改信用记录 (`credit.manage`): the category, severity, date, 认定部门 and 文书编号 (checked as on entry; the
 * validity period follows the new date and severity), documents added (`attachments`, tokens) and
 * dropped (`remove_attachments`, ids of the record's: an unknown one is a 422). A record never moves
 * to another estate. A stale `version` is a 409. Row, version and outbox event in one transaction.
 */
export async function updateCreditRecord(user: User, id: number, input: CreditRecordUpdate) {
  await findCreditRecordInScope(user, id)
  checkFields(input)
  const staged = input.attachments?.length ? await stagedAttachments(input.attachments, user.id, CREDIT_FOLDER) : []
  const severity = input.polarity === 'bad' ? input.severity! : null
  return db.transaction(async (trx) => {
    const record = await findCreditRecordInScope(user, id, trx)
    if (Number(record.version) !== input.version) throw new StaleRecord()
    const existing = record.attachments ?? []
    for (const [index, attachmentId] of (input.remove_attachments ?? []).entries()) {
      if (!existing.some((file) => file.id === attachmentId)) refuse(`remove_attachments.${index}`, '该附件不属于这条信用记录')
    }
    const kept = existing.filter((file) => !(input.remove_attachments ?? []).includes(file.id))
    const attachments = await claim(trx, staged, kept)
    await trx
      .from('credit_records')
      .where('id', id)
      .update({
        polarity: input.polarity, category: input.category, severity, decided_on: input.decided_on,
        valid_until: creditValidUntil(input.decided_on, input.polarity, severity), source: input.source, document_no: input.document_no,
        attachments: JSON.stringify(attachments), version: input.version + 1, updated_by: user.id, updated_at: new Date(),
      })
    await publish(trx, id)
    return { subjectId: Number(record.subject_id) }
  })
}

/**
 * 删除信用记录 (`credit.manage`): the record stops counting everywhere (its score, the statistics, the
 * lists); the row stays with `deleted_at` / `deleted_by` (the audit trail; the warehouse marks its fact
 * deleted through the outbox event of the same transaction). A stale `version` is a 409.
 */
export async function deleteCreditRecord(user: User, id: number, version: number) {
  await findCreditRecordInScope(user, id)
  await db.transaction(async (trx) => {
    const record = await findCreditRecordInScope(user, id, trx)
    if (Number(record.version) !== version) throw new StaleRecord()
    const now = new Date()
    await trx.from('credit_records').where('id', id).update({ deleted_at: now, deleted_by: user.id, version: version + 1, updated_at: now })
    await publish(trx, id)
  })
}

/** an attachment of a record the user sees (its subject in the user's region, not deleted), else 404 */
export async function creditAttachment(user: User, recordId: number, attachmentId: number): Promise<StoredCreditAttachment> {
  const record = await db.from('credit_records').where('id', recordId).whereNull('deleted_at').select('subject_id', 'attachments').first()
  if (!record) throw new NotFoundInScope()
  const region = await findRegionInScope(user, undefined)
  await findSubjectInScope(region, Number(record.subject_id))
  const attachment = (record.attachments as StoredCreditAttachment[]).find((file) => file.id === attachmentId)
  if (!attachment) throw new NotFoundInScope()
  return attachment
}
