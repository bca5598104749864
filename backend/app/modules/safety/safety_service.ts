import db from '@adonisjs/lucid/services/db'
import { errors as vineErrors } from '@vinejs/vine'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { writeSafetyAssessmentOutbox } from '@szpm/etl'
import type { SafetyStatus } from '@szpm/core'
import type User from '#models/user'
import Region from '#models/region'
import clock from '#services/clock'
import { NotFoundInScope, regionWithin, userRegion } from '#services/region_scope'
import { StaleRecord } from '#modules/filings/filing_service'

export interface AssessmentInput {
  status: SafetyStatus
  score?: number | null
  remark?: string
  version: number
}

export interface ItemInput {
  title: string
  description?: string
  max_score: number
  sort_order?: number
}

/** this year in Shanghai: a community's 本年度考核内容 are its assessments of this year */
export function currentSafetyYear(): number {
  return Number(clock.today().slice(0, 4))
}

function invalid(field: string, message: string, rule: string): never {
  throw new vineErrors.E_VALIDATION_ERROR([{ field, message, rule }])
}

/** Appends the assessments' current rows to the outbox inside the caller's transaction, after the change. */
async function publish(trx: TransactionClientContract, ids: number[]) {
  if (ids.length === 0) return
  await writeSafetyAssessmentOutbox((sql, params) => trx.rawQuery(sql, params as any[]).then((result) => result.rows), ids, { paramStyle: 'knex' })
}

/**
 * 平安建设's changes: 考核办理 of one assessment by the community's staff or its street (status, score ≤ the
 * item's 分值, remark; `version` as filings: 409 when stale; 404 outside the user's region), and the city
 * administrator's assessment items (a year's items may change until the year has a score). Each change is
 * one transaction that also appends the changed assessments to the outbox.
 */
export default class SafetyService {
  async updateAssessment(user: User, assessmentId: number, input: AssessmentInput): Promise<number> {
    return db.transaction(async (trx) => {
      const current = await trx
        .from('safety_assessments as a')
        .join('safety_items as i', 'i.id', 'a.item_id')
        .where('a.id', assessmentId)
        .forUpdate()
        .select('a.id', 'a.community_id', 'a.version', 'i.max_score')
        .first()
      if (!current) throw new NotFoundInScope()
      const community = await Region.find(current.community_id)
      if (!community || !regionWithin(community, await userRegion(user))) throw new NotFoundInScope()
      if (current.version !== input.version) throw new StaleRecord()
      const score = input.score ?? null
      if (score !== null && score > Number(current.max_score)) invalid('score', `得分不能大于该考核内容的分值 ${current.max_score}`, 'max')
      if (input.status === 'completed' && score === null) invalid('score', '已完成的考核须填写得分', 'required')
      if (input.status === 'not_started' && score !== null) invalid('score', '未开始的考核不能有得分', 'prohibited')
      await trx
        .from('safety_assessments')
        .where('id', assessmentId)
        .update({ status: input.status, score, remark: input.remark ?? '', updated_by: user.id, version: current.version + 1, updated_at: clock.now().toJSDate() })
      await publish(trx, [assessmentId])
      return assessmentId
    })
  }

  /** a new item of `year`, with an assessment (未开始) for every community */
  async storeItem(user: User, input: ItemInput & { year: number }): Promise<number> {
    return db.transaction(async (trx) => {
      await this.assertYearOpen(trx, input.year)
      await this.assertTitleFree(trx, input.year, input.title)
      const now = clock.now().toJSDate()
      const [{ id }] = await trx
        .table('safety_items')
        .insert({ year: input.year, title: input.title, description: input.description ?? '', max_score: input.max_score, sort_order: input.sort_order ?? 0, created_by: user.id, created_at: now, updated_at: now })
        .returning('id')
      const created = await trx.rawQuery(
        `INSERT INTO safety_assessments (item_id, community_id, status, remark, version, created_at, updated_at)
         SELECT ?, r.id, 'not_started', '', 1, ?, ? FROM regions r WHERE r.level = 'community' ORDER BY r.id RETURNING id`,
        [id, now, now]
      )
      await publish(trx, created.rows.map((row: { id: number }) => Number(row.id)))
      return Number(id)
    })
  }

  /** edits an item (its year stays) while the year has no score */
  async updateItem(itemId: number, input: ItemInput): Promise<number> {
    return db.transaction(async (trx) => {
      const item = await trx.from('safety_items').where('id', itemId).forUpdate().first()
      if (!item) throw new NotFoundInScope()
      await this.assertYearOpen(trx, item.year)
      await this.assertTitleFree(trx, item.year, input.title, itemId)
      await trx
        .from('safety_items')
        .where('id', itemId)
        .update({ title: input.title, description: input.description ?? '', max_score: input.max_score, sort_order: input.sort_order ?? item.sort_order, updated_at: clock.now().toJSDate() })
      return itemId
    })
  }

  /** a year's items are fixed once one of its assessments has a score */
  private async assertYearOpen(trx: TransactionClientContract, year: number) {
    // serialises item changes of one year against each other (the check below, then the write)
    await trx.rawQuery('SELECT pg_advisory_xact_lock(?, ?)', [12, year])
    const scored = await trx
      .from('safety_assessments as a')
      .join('safety_items as i', 'i.id', 'a.item_id')
      .where('i.year', year)
      .whereNotNull('a.score')
      .first()
    if (scored) invalid('year', `${year}年度已有考核得分，考核内容不能再修改`, 'yearScored')
  }

  private async assertTitleFree(trx: TransactionClientContract, year: number, title: string, exceptId?: number) {
    const query = trx.from('safety_items').where('year', year).where('title', title)
    if (exceptId) query.whereNot('id', exceptId)
    if (await query.first()) invalid('title', '该年度已有同名考核内容', 'unique')
  }
}
