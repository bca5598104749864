import db from '@adonisjs/lucid/services/db'
import { errors as vineErrors } from '@vinejs/vine'
import { CREDIT_BAD_CATEGORIES, CREDIT_GOOD_CATEGORIES, type CreditRecordInput } from '@szpm/core'
import { writeCreditRecordOutbox } from '@szpm/etl'
import type User from '#models/user'
import clock from '#services/clock'
import { findEstateInScope, findRegionInScope } from '#services/region_scope'
import { creditValidUntil } from '#modules/credit/credit_rules'
import { findSubjectInScope } from '#modules/credit/credit_subject_service'


function refuse(field: string, message: string): never {
  throw new vineErrors.E_VALIDATION_ERROR([{ field, message, rule: 'credit' }])
}

/**
 * 录入信用记录 (city and district bureaus, `credit.manage`): a subject of the user's region (404 otherwise)
 * gets a 良好 / 不良 record whose category belongs to its kind, with a severity for 不良 only, dated no
 * later than today; it counts until config/credit.ts's period ends (`valid_until`). A person's record is
 * on their estate; a company's on one of the estates it manages (`estate_id`). The record and its outbox
 * event are one transaction. Returns the new record's id.
 */
export async function createCreditRecord(user: User, subjectId: number, input: CreditRecordInput) {
  const region = await findRegionInScope(user, undefined)
  const today = clock.today()
  // the subject must be visible to the user (its region), like its page
  const subject = await findSubjectInScope(region, subjectId)
  const categories = input.polarity === 'good' ? CREDIT_GOOD_CATEGORIES : CREDIT_BAD_CATEGORIES
  if (!Object.hasOwn(categories, input.category)) refuse('category', `${input.polarity === 'good' ? '良好信息' : '不良信息'}没有该类别`)
  if (input.polarity === 'bad' && !input.severity) refuse('severity', '不良信息须选择严重程度')
  if (input.polarity === 'good' && input.severity) refuse('severity', '良好信息不分严重程度')
  if (input.decided_on > today) refuse('decided_on', '认定日期不能晚于今天')

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

  const severity = input.polarity === 'bad' ? input.severity! : null
  return db.transaction(async (trx) => {
    const now = new Date()
    const [row] = await trx
      .table('credit_records')
      .insert({
        subject_id: subjectId, estate_id: estateId, polarity: input.polarity, category: input.category, severity,
        decided_on: input.decided_on, valid_until: creditValidUntil(input.decided_on, input.polarity, severity),
        source: input.source, document_no: input.document_no, attachments: '[]', version: 1, created_by: user.id, created_at: now, updated_at: now,
      })
      .returning(['id'])
    await writeCreditRecordOutbox((sql, params) => trx.rawQuery(sql, params as never).then((result: { rows: any[] }) => result.rows), [row.id], { paramStyle: 'knex' })
    return Number(row.id)
  })
}
