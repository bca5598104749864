/**
 * Inbox hook of the 居代业 process (domain-rules §8): an estate whose owners' committee has formed
 * (`estates.has_committee`) while its 居代业 is 代行中 raises a to-do for the street to 终止 it. Run
 * before the inbox reads to-dos, so whichever module recorded the committee needs to know nothing
 * of this one; idempotent (one open to-do per 居代业, under a transaction lock). 终止 closes it with the
 * subject's other to-dos (the engine).
 */
import db from '@adonisjs/lucid/services/db'
import clock from '#services/clock'

export async function refreshProxyGovernanceTodos() {
  await db.transaction(async (trx) => {
    await trx.rawQuery(`SELECT pg_advisory_xact_lock(hashtext('proxy_governance.committee_formed'))`)
    const rows = await trx
      .from('proxy_governances as g')
      .join('estates as e', 'e.id', 'g.estate_id')
      .join('regions as c', 'c.id', 'e.community_id')
      .where('g.state', 'acting')
      .where('e.has_committee', true)
      .whereNotExists((sub) => sub.from('todos as t').where('t.process', 'proxy_governance').whereColumn('t.subject_id', 'g.id').whereNull('t.closed_at'))
      .select('g.id', 'e.name as estate_name', 'e.street_id', 'c.name as community_name')
    if (rows.length === 0) return
    const now = clock.now().toJSDate()
    await trx.table('todos').multiInsert(
      rows.map((row) => ({
        process: 'proxy_governance', subject_id: row.id, step: 'acting', title: `${row.estate_name} 已成立业主委员会，请终止居代业`,
        summary: `${row.community_name} · 代行中`, region_id: row.street_id, roles: ['street_head', 'street_handler'],
        feature: 'proxy_governance.handle', due_on: null, created_at: now,
      }))
    )
  })
}
