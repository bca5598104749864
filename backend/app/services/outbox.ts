import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { writeEstateEvaluationOutbox, writeFilingOutbox, writeNoticeReceiptOutbox } from '@szpm/etl'

/**
 * Appends the current row of the given filings (备案情况, one `filing` event each) to the outbox,
 * inside the caller's transaction (after the change, so the payload reflects it), so the warehouse
 * learns of a change exactly when (and only if) it commits.
 */
export async function publishFilings(trx: TransactionClientContract, filingIds: number[]) {
  if (filingIds.length === 0) return
  await writeFilingOutbox((sql, params) => trx.rawQuery(sql, params as any[]).then((result) => result.rows), filingIds, {
    paramStyle: 'knex',
  })
}

/**
 * Appends the current row of the given evaluations (街道社区评价) to the outbox, inside the caller's
 * transaction (after the change, so the payload reflects it).
 */
export async function publishEvaluations(trx: TransactionClientContract, evaluationIds: number[]) {
  if (evaluationIds.length === 0) return
  await writeEstateEvaluationOutbox((sql, params) => trx.rawQuery(sql, params as any[]).then((result) => result.rows), evaluationIds, {
    paramStyle: 'knex',
  })
}

/**
 * Appends the current row of the given notice receipts (通知发布: one `notice_receipt` event per
 * receipt — notice × estate × recipient, with whether and when it was read) to the outbox, inside
 * the caller's transaction, after the change: call it when a notice is published (its new receipts)
 * and when receipts are read (the receipts whose read_at was set), so the warehouse's read statistics
 * learn of both exactly when they commit.
 */
export async function publishNoticeReceipts(trx: TransactionClientContract, receiptIds: number[]) {
  if (receiptIds.length === 0) return
  await writeNoticeReceiptOutbox((sql, params) => trx.rawQuery(sql, params as any[]).then((result) => result.rows), receiptIds, {
    paramStyle: 'knex',
  })
}
