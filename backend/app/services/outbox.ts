import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { writeEstateEvaluationOutbox, writeEstateFilingOutbox } from '@szpm/etl'

/**
 * Appends the new filing state of the given estates to the outbox, inside the caller's transaction,
 * so the warehouse learns of a change exactly when (and only if) it commits.
 */
export async function publishEstateFilingStates(trx: TransactionClientContract, estateIds: number[]) {
  if (estateIds.length === 0) return
  await writeEstateFilingOutbox((sql, params) => trx.rawQuery(sql, params as any[]).then((result) => result.rows), estateIds, {
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
