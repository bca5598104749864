import db from '@adonisjs/lucid/services/db'
import drive from '@adonisjs/drive/services/main'
import { E, R, USERS } from '#tests/support/world'

/**
 * One published notice per place of the authorisation matrix, written straight to the tables (no
 * messages): 园岭 (id 1) to e1 — its manager and director —, 南园 (id 2) to e4 — its manager —, 桂园
 * (id 3) to e5, nobody bound there. Each has one attachment (id = notice id) in the storage disk.
 */
export const NOTICE_IN = { own: 1, sibling: 2, otherDistrict: 3 } as const
export const NOTICE_ATTACHMENT_IN = { own: 1, sibling: 2, otherDistrict: 3 } as const

export async function seedNotices() {
  const now = new Date()
  const notices = [
    { id: 1, street: R.yuanling, by: USERS.handler.id, estate: E.e1, receipts: [[USERS.manager.id, 'project_manager'], [USERS.director.id, 'committee_director']] },
    { id: 2, street: R.nanyuan, by: USERS.nanyuan.id, estate: E.e4, receipts: [[USERS.nanyuanManager.id, 'project_manager']] },
    { id: 3, street: R.guiyuan, by: USERS.guiyuan.id, estate: E.e5, receipts: [] },
  ] as const
  await db.transaction(async (trx) => {
    for (const notice of notices) {
      await trx.table('notices').insert({
        id: notice.id, street_id: notice.street, title: `测试通知${notice.id}`, body_html: '<p>测试</p>', audience: 'both', estate_scope: 'chosen',
        published_by: notice.by, published_at: now, recipient_count: notice.receipts.length, estate_count: 1, created_at: now, updated_at: now,
      })
      await trx.table('notice_estates').insert({ notice_id: notice.id, estate_id: notice.estate })
      for (const [userId, relation] of notice.receipts) {
        await trx.table('notice_receipts').insert({ notice_id: notice.id, estate_id: notice.estate, user_id: userId, relation, created_at: now })
      }
      await trx.table('notice_attachments').insert({
        id: notice.id, notice_id: notice.id, file_name: `附件${notice.id}.pdf`, content_type: 'application/pdf', size_bytes: 9,
        storage_key: `notices/seed-${notice.id}`, created_at: now,
      })
    }
    await trx.rawQuery(`SELECT setval('notices_id_seq', 100), setval('notice_attachments_id_seq', 100)`)
  })
  for (const notice of notices) await drive.use().put(`notices/seed-${notice.id}`, '%PDF-1.7\n')
}
