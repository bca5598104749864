import db from '@adonisjs/lucid/services/db'
import drive from '@adonisjs/drive/services/main'
import { E, R, USERS } from '#tests/support/world'

/**
 * One dispute per place of the authorisation matrix, written straight to the tables, each 处理中 at its
 * street (version 3) with one attachment (id = dispute id) in the storage disk: 园岭's e1 entered by
 * 福田区局 (id 1), 南园's e4 by 福田区局 (id 2), 桂园's e5 by 罗湖区局 (id 3).
 */
export const DISPUTE_IN = { own: 1, sibling: 2, otherDistrict: 3 } as const

export async function seedDisputes() {
  const now = new Date()
  const rows = [
    { id: 1, estate: E.e1, street: R.yuanling, bureau: R.futian, by: USERS.futian.id },
    { id: 2, estate: E.e4, street: R.nanyuan, bureau: R.futian, by: USERS.futian.id },
    { id: 3, estate: E.e5, street: R.guiyuan, bureau: R.luohu, by: USERS.luohu.id },
  ]
  await db.transaction(async (trx) => {
    for (const row of rows) {
      await trx.table('disputes').insert({
        id: row.id, dispute_type: 'parking_occupation', estate_id: row.estate, street_id: row.street, bureau_region_id: row.bureau,
        title: `测试纠纷${row.id}`, parties: '业主甲；物业公司', summary: '车位被长期占用', reported_on: '2026-11-01', state: 'handling', version: 3,
        transferred_at: now, handle_count: 1, last_handled_at: now, created_by: row.by, created_at: now, updated_at: now,
      })
      await trx.table('dispute_attachments').insert({
        id: row.id, dispute_id: row.id, action: 'register', file_name: `材料${row.id}.pdf`, content_type: 'application/pdf', size_bytes: 9,
        storage_key: `disputes/seed-${row.id}`, uploaded_by: row.by, created_at: now,
      })
    }
    await trx.rawQuery(`SELECT setval('disputes_id_seq', 100), setval('dispute_attachments_id_seq', 100)`)
  })
  for (const row of rows) await drive.use().put(`disputes/seed-${row.id}`, '%PDF-1.7\n')
}

/** the street and district of the world's estates (disputes.street_id, bureau_region_id) */
const PLACE: Record<number, { street: number; district: number }> = {
  [E.e1]: { street: R.yuanling, district: R.futian },
  [E.e2]: { street: R.yuanling, district: R.futian },
  [E.e3]: { street: R.yuanling, district: R.futian },
  [E.e6]: { street: R.yuanling, district: R.futian },
  [E.e4]: { street: R.nanyuan, district: R.futian },
  [E.e5]: { street: R.guiyuan, district: R.luohu },
}

export interface DisputeSeed {
  estate: number
  type: string
  state?: 'registered' | 'transferred' | 'handling' | 'closing' | 'closed'
  reportedOn?: string
  /** ISO time of 确认办结 (closed ones) */
  closedAt?: string
}

/**
 * Disputes written straight to the table (entered by the estate's district bureau), for statistics tests
 * that need a known set of types and states; the caller rebuilds or drains the warehouse. Returns the ids.
 */
export async function insertDisputes(seeds: readonly DisputeSeed[]): Promise<number[]> {
  const now = new Date('2026-11-01T02:00:00Z')
  const rows = (await db.table('disputes').multiInsert(seeds.map((seed, i) => {
    const place = PLACE[seed.estate]
    const state = seed.state ?? 'handling'
    return {
      dispute_type: seed.type, estate_id: seed.estate, street_id: place.street, bureau_region_id: place.district,
      title: `统计纠纷${i + 1}`, parties: '业主甲；物业公司', summary: '测试', reported_on: seed.reportedOn ?? '2026-10-01', state,
      version: 1, transferred_at: state === 'registered' ? null : now, closed_at: seed.closedAt ?? (state === 'closed' ? now : null),
      created_at: now, updated_at: now,
    }
  })).returning('id')) as { id: number }[]
  return rows.map((row) => Number(row.id))
}
