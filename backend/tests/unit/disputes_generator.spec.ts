import { test } from '@japa/runner'
import { withClient } from '#tests/support/owner_client'
import { resetWorld } from '#tests/support/world'
import { GENERATORS, runGenerators } from '#database/generators/index'
import type { Scale } from '#database/generators/index'

/** a few streets of the demo shape, 2–5 disputes per estate */
const SMALL: Scale = {
  communitiesPerStreet: [1, 2],
  estatesPerCommunity: [2, 3],
  housesPerEstate: [5, 10],
  disputesPerEstate: [2, 5],
  streets: ['园岭街道', '南园街道', '桂园街道'],
}

/**
 * 纠纷化解台账's demo data (generators/disputes.ts): disputes with the history the workflow engine
 * would have written — every step in order from 录入, the version = the number of steps, the stored
 * state = the last step's target — and exactly one open to-do per open dispute, at the right region.
 */
test.group('disputes generator', (group) => {
  group.each.teardown(() => resetWorld())

  test('disputes per estate within the scale; history, version, state and to-dos agree as the engine leaves them', async ({ assert }) => {
    const result = await withClient((client) => runGenerators(GENERATORS, { client, scale: SMALL, seed: 22, fresh: true }))
    assert.isAbove(result.rows.disputes, 0)
    await withClient(async (client) => {
      const one = async (sql: string) => (await client.query(sql)).rows[0]
      const perEstate = (await client.query('SELECT e.id, count(d.id)::int AS n FROM estates e LEFT JOIN disputes d ON d.estate_id = e.id GROUP BY e.id')).rows
      for (const row of perEstate) assert.isTrue(row.n >= 2 && row.n <= 5, `estate ${row.id}: ${row.n} disputes`)
      // the street is the estate's, the bureau the estate's district or the city
      assert.equal((await one(`SELECT count(*)::int AS n FROM disputes d JOIN estates e ON e.id = d.estate_id JOIN regions b ON b.id = d.bureau_region_id
                                WHERE d.street_id <> e.street_id OR NOT (b.level = 'city' OR b.id = e.district_id)`)).n, 0)
      // version = steps taken, state = the last step's target, the first step is 录入
      assert.equal((await one(`SELECT count(*)::int AS n FROM disputes d WHERE d.version <> (SELECT count(*) FROM workflow_events w WHERE w.process = 'dispute' AND w.subject_id = d.id)
                                OR d.state <> (SELECT w.to_state FROM workflow_events w WHERE w.process = 'dispute' AND w.subject_id = d.id ORDER BY w.id DESC LIMIT 1)
                                OR (SELECT w.action FROM workflow_events w WHERE w.process = 'dispute' AND w.subject_id = d.id ORDER BY w.id LIMIT 1) <> 'register'`)).n, 0)
      // each step starts where the one before ended
      assert.equal((await one(`SELECT count(*)::int AS n FROM (SELECT from_state, lag(to_state) OVER (PARTITION BY subject_id ORDER BY id) AS before FROM workflow_events WHERE process = 'dispute') x
                                WHERE from_state IS DISTINCT FROM before`)).n, 0)
      // one open to-do per open dispute, none for a closed one; the street's states at the street, the bureau's at the bureau
      assert.equal((await one(`SELECT count(*)::int AS n FROM disputes d WHERE (d.state = 'closed') = EXISTS (SELECT 1 FROM todos t WHERE t.process = 'dispute' AND t.subject_id = d.id AND t.closed_at IS NULL)`)).n, 0)
      assert.equal((await one(`SELECT count(*)::int AS n FROM todos t JOIN disputes d ON d.id = t.subject_id WHERE t.process = 'dispute'
                                AND (t.step <> d.state OR t.region_id <> CASE WHEN d.state IN ('transferred', 'handling') THEN d.street_id ELSE d.bureau_region_id END)`)).n, 0)
      const states = (await client.query(`SELECT state, count(*)::int AS n FROM disputes GROUP BY state`)).rows.map((row) => row.state)
      assert.includeMembers(states, ['closed', 'handling'])
      assert.equal((await one(`SELECT count(*)::int AS n FROM disputes WHERE (state = 'closed') <> (closed_at IS NOT NULL) OR reported_on > now()::date OR updated_at > now()`)).n, 0)
    })
  })
})
