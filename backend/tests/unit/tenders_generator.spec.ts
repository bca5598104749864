import { test } from '@japa/runner'
import { withClient } from '#tests/support/owner_client'
import { resetWorld } from '#tests/support/world'
import { GENERATORS, runGenerators } from '#database/generators/index'
import type { Scale } from '#database/generators/index'

/** a few streets of the demo shape, 3–6 filings per estate */
const SMALL: Scale = {
  communitiesPerStreet: [1, 2],
  estatesPerCommunity: [2, 3],
  housesPerEstate: [5, 10],
  tendersPerEstate: [3, 6],
  streets: ['园岭街道', '南园街道', '桂园街道'],
}

/**
 * 招标投标管理's demo data (generators/tenders.ts): filings with the rounds and the history the workflow
 * engine would have written — version = steps, state = the last step's target, the current round = the
 * last of tender_rounds — one open to-do per filing not yet 已备案, resubmissions, 返回上一级, both
 * tenderer kinds, filings on the eves of 春节 / 国庆 and in 2019 (a year the calendar lacks: 未知).
 */
test.group('tenders generator', (group) => {
  group.each.teardown(() => resetWorld())

  test('filings, rounds, history and to-dos agree as the engine leaves them', async ({ assert }) => {
    const result = await withClient((client) => runGenerators(GENERATORS, { client, scale: SMALL, seed: 21, fresh: true }))
    assert.isAbove(result.rows.tenders, 0)
    await withClient(async (client) => {
      const one = async (sql: string) => (await client.query(sql)).rows[0]
      // every estate that has a 业委会主任 account or a street handler account to file: within the scale; the others none
      const perEstate = (await client.query(`SELECT e.id, count(t.id)::int AS n, (EXISTS (SELECT 1 FROM user_estates ue WHERE ue.estate_id = e.id AND ue.relation = 'committee_director')
        OR EXISTS (SELECT 1 FROM users u WHERE u.region_id = e.street_id AND u.role = 'street_handler')) AS files FROM estates e LEFT JOIN tenders t ON t.estate_id = e.id GROUP BY e.id`)).rows
      for (const row of perEstate) assert.isTrue(row.files ? row.n >= 3 && row.n <= 6 : row.n === 0, `estate ${row.id}: ${row.n} filings`)
      assert.isTrue(perEstate.some((row) => row.files))
      // version = steps, state = the last step's target, the first step files it, each step starts where the one before ended
      assert.equal((await one(`SELECT count(*)::int AS n FROM tenders t WHERE t.version <> (SELECT count(*) FROM workflow_events w WHERE w.process = 'tender' AND w.subject_id = t.id)
                                OR t.state <> (SELECT w.to_state FROM workflow_events w WHERE w.process = 'tender' AND w.subject_id = t.id ORDER BY w.created_at DESC, w.id DESC LIMIT 1)
                                OR (SELECT w.action FROM workflow_events w WHERE w.process = 'tender' AND w.subject_id = t.id ORDER BY w.created_at, w.id LIMIT 1) NOT IN ('submit', 'register')`)).n, 0)
      assert.equal((await one(`SELECT count(*)::int AS n FROM (SELECT from_state, lag(to_state) OVER (PARTITION BY subject_id ORDER BY created_at, id) AS before FROM workflow_events WHERE process = 'tender') x
                                WHERE from_state IS DISTINCT FROM before`)).n, 0)
      // the current round is the last of its rounds, its clock and decision the filing's; earlier rounds were all 不同意
      assert.equal((await one(`SELECT count(*)::int AS n FROM tenders t JOIN tender_rounds r ON r.tender_id = t.id AND r.round = t.round
                                WHERE r.submitted_at <> t.round_started_at OR r.decided_at IS DISTINCT FROM t.decided_at
                                OR coalesce(r.decision, 'open') <> CASE t.state WHEN 'approved' THEN 'approved' WHEN 'rejected' THEN 'rejected' ELSE 'open' END`)).n, 0)
      assert.equal((await one(`SELECT count(*)::int AS n FROM tenders t WHERE t.round <> (SELECT max(round) FROM tender_rounds r WHERE r.tender_id = t.id)`)).n, 0)
      assert.equal((await one(`SELECT count(*)::int AS n FROM tender_rounds r JOIN tenders t ON t.id = r.tender_id WHERE r.round < t.round AND r.decision IS DISTINCT FROM 'rejected'`)).n, 0)
      // one open to-do per filing not yet 已备案, at the step of its state
      assert.equal((await one(`SELECT count(*)::int AS n FROM tenders t WHERE (t.state = 'approved') = EXISTS (SELECT 1 FROM todos d WHERE d.process = 'tender' AND d.subject_id = t.id AND d.closed_at IS NULL)`)).n, 0)
      assert.equal((await one(`SELECT count(*)::int AS n FROM todos d JOIN tenders t ON t.id = d.subject_id WHERE d.process = 'tender' AND d.step <> t.state`)).n, 0)
      // nothing after now; the variety the statistics need
      assert.equal((await one(`SELECT count(*)::int AS n FROM tender_rounds WHERE submitted_at > now() OR decided_at > now() OR decided_at < submitted_at`)).n, 0)
      const has = async (sql: string) => (await one(`SELECT count(*)::int AS n FROM ${sql}`)).n > 0
      assert.isTrue(await has(`tenders WHERE round > 1`), 'a resubmission')
      assert.isTrue(await has(`workflow_events WHERE process = 'tender' AND action = 'send_back'`), '返回上一级')
      assert.isTrue(await has(`tenders WHERE tenderer_kind = 'developer'`), 'a developer filing')
      assert.isTrue(await has(`tenders WHERE tenderer_kind = 'committee'`), 'a committee filing')
      assert.isTrue(await has(`tender_rounds WHERE submitted_at < '2020-01-01T00:00:00+08:00'`), 'a round in 2019 (未知)')
      assert.isTrue(await has(`tender_rounds WHERE (submitted_at AT TIME ZONE 'Asia/Shanghai')::date IN ('2026-02-13', '2025-09-28', '2025-01-24', '2024-09-27')`), 'a round filed on a holiday eve')
      const states = (await client.query(`SELECT DISTINCT state FROM tenders`)).rows.map((row) => row.state)
      assert.include(states, 'approved')
      assert.isTrue(states.includes('first_review') || states.includes('final_review'), `an open filing among ${states.join(', ')}`)
    })
  })
})
