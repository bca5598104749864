import db from '@adonisjs/lucid/services/db'
import { R } from '#tests/support/world'
import { currentSafetyYear } from '#modules/safety/safety_service'

/**
 * 平安建设's small world on top of tests/support/world.ts: this year (the platform clock's, Shanghai)
 * has three items (分值 40 / 30 / 30) for each of the four communities, last year one item (100).
 *
 *   this year   消防(40)        治安(30)          矛盾(30)
 *   园岭一社区   已完成 36        已完成 25.5       进行中 —
 *   园岭二社区   进行中 20        未开始            未开始
 *   南园一社区   已完成 40        进行中 —          未开始
 *   桂园一社区   未开始           未开始            未开始
 *   last year   综合(100): 园岭一 已完成 90, 园岭二 已完成 80, 南园一 已完成 70, 桂园一 进行中 —
 *
 * Assessment ids: A[community][item]; items I.fire, I.order, I.disputes, I.lastYear.
 */
export const I = { fire: 1, order: 2, disputes: 3, lastYear: 4 } as const
export const A = {
  yl1: { fire: 1, order: 2, disputes: 3, lastYear: 13 },
  yl2: { fire: 4, order: 5, disputes: 6, lastYear: 14 },
  ny1: { fire: 7, order: 8, disputes: 9, lastYear: 15 },
  gy1: { fire: 10, order: 11, disputes: 12, lastYear: 16 },
} as const

type Cell = [status: 'not_started' | 'in_progress' | 'completed', score: number | null]
const PLAN: Record<keyof typeof A, Record<keyof (typeof A)['yl1'], Cell>> = {
  yl1: { fire: ['completed', 36], order: ['completed', 25.5], disputes: ['in_progress', null], lastYear: ['completed', 90] },
  yl2: { fire: ['in_progress', 20], order: ['not_started', null], disputes: ['not_started', null], lastYear: ['completed', 80] },
  ny1: { fire: ['completed', 40], order: ['in_progress', null], disputes: ['not_started', null], lastYear: ['completed', 70] },
  gy1: { fire: ['not_started', null], order: ['not_started', null], disputes: ['not_started', null], lastYear: ['in_progress', null] },
}

export async function seedSafety() {
  const year = currentSafetyYear()
  const now = new Date()
  await db.connection('owner').transaction(async (trx) => {
    await trx.rawQuery('TRUNCATE safety_assessments, safety_items RESTART IDENTITY CASCADE')
    await trx.table('safety_items').multiInsert([
      { id: I.fire, year, title: '消防安全隐患排查整治', description: '', max_score: 40, sort_order: 1, created_at: now, updated_at: now },
      { id: I.order, year, title: '社区治安防控', description: '', max_score: 30, sort_order: 2, created_at: now, updated_at: now },
      { id: I.disputes, year, title: '矛盾纠纷排查化解', description: '', max_score: 30, sort_order: 3, created_at: now, updated_at: now },
      { id: I.lastYear, year: year - 1, title: '平安建设综合考核', description: '', max_score: 100, sort_order: 1, created_at: now, updated_at: now },
    ])
    await trx.rawQuery(`SELECT setval('safety_items_id_seq', 100)`)
    const rows = Object.entries(A).flatMap(([community, ids]) =>
      Object.entries(ids).map(([item, id]) => {
        const [status, score] = PLAN[community as keyof typeof A][item as keyof (typeof A)['yl1']]
        return { id, item_id: I[item as keyof typeof I], community_id: R[community as keyof typeof A], status, score, remark: '', version: 1, created_at: now, updated_at: now }
      })
    )
    await trx.table('safety_assessments').multiInsert(rows)
    await trx.rawQuery(`SELECT setval('safety_assessments_id_seq', 100)`)
  })
  return year
}

/**
 * The statistics straight from PostgreSQL (the rule of warehouse/src/cubes/safety.ts written in SQL):
 * the year's assessments of the region's communities; the average over the communities with a score of
 * their summed scores.
 */
export async function postgresFigures(year: number, level?: 'district' | 'street' | 'community', id?: number) {
  const where = level ? `AND ${level === 'community' ? 'c.id' : `c.${level}_id`} = ?` : ''
  const { rows } = await db.rawQuery(
    `SELECT count(DISTINCT a.community_id)::int AS communities, count(*)::int AS items,
       (count(*) FILTER (WHERE a.status = 'not_started'))::int AS "notStarted",
       (count(*) FILTER (WHERE a.status = 'in_progress'))::int AS "inProgress",
       (count(*) FILTER (WHERE a.status = 'completed'))::int AS completed,
       CASE WHEN count(*) = 0 THEN 0 ELSE (count(*) FILTER (WHERE a.status = 'completed'))::float8 / count(*) END AS "completionRate",
       CASE WHEN count(DISTINCT a.community_id) FILTER (WHERE a.score IS NOT NULL) = 0 THEN NULL
         ELSE (sum(a.score) FILTER (WHERE a.score IS NOT NULL))::float8 / count(DISTINCT a.community_id) FILTER (WHERE a.score IS NOT NULL) END AS "averageScore"
     FROM safety_assessments a JOIN safety_items i ON i.id = a.item_id JOIN regions c ON c.id = a.community_id
     WHERE i.year = ? ${where}`,
    level ? [year, id] : [year]
  )
  return rows[0] as Record<string, number | null>
}
