import { test } from '@japa/runner'
import { withClient } from '#tests/support/owner_client'
import { resetWorld } from '#tests/support/world'
import { GENERATORS, runGenerators } from '#database/generators/index'
import type { Scale } from '#database/generators/index'

/** a few streets of the demo shape, a handful of notices each */
const SMALL: Scale = {
  communitiesPerStreet: [1, 3],
  estatesPerCommunity: [2, 4],
  housesPerEstate: [5, 20],
  noticesPerStreet: [4, 6],
  streets: ['园岭街道', '南园街道', '桂园街道'],
}

/**
 * 通知发布's demo data (generators/notices.ts): notices as NoticeService.publish leaves them — their
 * estates, one receipt per recipient per estate of the chosen audience, one message per recipient —
 * with reads consistent between the message and the receipts.
 */
test.group('notices generator', (group) => {
  group.each.teardown(() => resetWorld())

  test('every street with estate-side accounts publishes; receipts follow the audience and the estates; reads agree', async ({ assert }) => {
    const result = await withClient((client) => runGenerators(GENERATORS, { client, scale: SMALL, seed: 19, fresh: true }))
    assert.isAbove(result.rows.notices, 0)
    await withClient(async (client) => {
      const one = async (sql: string) => (await client.query(sql)).rows[0]
      // streets with accounts: 3 streets × 4–6 notices
      const perStreet = (await client.query('SELECT street_id, count(*)::int AS n FROM notices GROUP BY street_id')).rows
      assert.lengthOf(perStreet, 3)
      for (const row of perStreet) assert.isTrue(row.n >= 4 && row.n <= 6, `street ${row.street_id}: ${row.n} notices`)
      // every notice went to estates of its own street
      assert.equal((await one('SELECT count(*)::int AS n FROM notice_estates ne JOIN notices n ON n.id = ne.notice_id JOIN estates e ON e.id = ne.estate_id WHERE e.street_id <> n.street_id')).n, 0)
      // receipts = the bound accounts of its estates with the notice's audience, nothing else
      const expected = await one(`
        SELECT count(*)::int AS n FROM notices n
          JOIN notice_estates ne ON ne.notice_id = n.id
          JOIN user_estates ue ON ue.estate_id = ne.estate_id AND (n.audience = 'both' OR n.audience = ue.relation)`)
      const receipts = await one('SELECT count(*)::int AS n, count(read_at)::int AS read FROM notice_receipts')
      assert.equal(receipts.n, expected.n)
      assert.isAbove(receipts.read, 0)
      assert.isBelow(receipts.read, receipts.n)
      assert.equal((await one(`SELECT count(*)::int AS n FROM notice_receipts r LEFT JOIN user_estates ue ON ue.user_id = r.user_id AND ue.estate_id = r.estate_id AND ue.relation = r.relation WHERE ue.user_id IS NULL`)).n, 0)
      // one message per recipient per notice; each receipt points at its recipient's message and shares its read time
      assert.equal((await one('SELECT count(*)::int AS n FROM (SELECT DISTINCT notice_id, user_id FROM notice_receipts) x')).n, (await one(`SELECT count(*)::int AS n FROM messages WHERE module = 'notices'`)).n)
      assert.equal(
        (await one(`SELECT count(*)::int AS n FROM notice_receipts r JOIN messages m ON m.id = r.message_id
                     WHERE m.recipient_id <> r.user_id OR m.subject_id <> r.notice_id OR m.reason <> 'notices.publish:' || r.notice_id
                        OR m.read_at IS DISTINCT FROM r.read_at`)).n,
        0
      )
      assert.equal((await one('SELECT count(*)::int AS n FROM notice_receipts WHERE message_id IS NULL')).n, 0)
      // the counts fixed at publish time; nothing read before it was published, nothing in the future
      assert.equal(
        (await one(`SELECT count(*)::int AS n FROM notices n WHERE recipient_count <> (SELECT count(DISTINCT user_id) FROM notice_receipts r WHERE r.notice_id = n.id)
                       OR estate_count <> (SELECT count(*) FROM notice_estates ne WHERE ne.notice_id = n.id)`)).n,
        0
      )
      assert.equal((await one('SELECT count(*)::int AS n FROM notice_receipts r JOIN notices n ON n.id = r.notice_id WHERE r.read_at < n.published_at OR r.read_at > now() OR n.published_at > now()')).n, 0)
    })
  })
})
