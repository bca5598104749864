import { test } from '@japa/runner'
import { withClient } from '#tests/support/owner_client'
import { resetWorld } from '#tests/support/world'
import { GENERATORS, runGenerators } from '#database/generators/index'
import type { Scale } from '#database/generators/index'

/** a few streets of the demo shape */
const SMALL: Scale = {
  communitiesPerStreet: [1, 2],
  estatesPerCommunity: [2, 3],
  housesPerEstate: [5, 10],
  streets: ['园岭街道', '南园街道', '桂园街道'],
}

/**
 * 安全检查's demo data (generators/inspections.ts): tasks with one target per estate of their region,
 * answers for every item of a submitted target, the state and version the workflow engine would leave
 * (history in order from 发布), open to-dos only for open targets of tasks not past their deadline.
 */
test.group('inspections generator', (group) => {
  group.each.teardown(() => resetWorld())

  test('tasks, targets, answers, history and to-dos agree as the engine leaves them', async ({ assert }) => {
    const result = await withClient((client) => runGenerators(GENERATORS, { client, scale: SMALL, seed: 15, fresh: true }))
    assert.equal(result.rows.inspection_tasks, 20)
    assert.isAbove(result.rows.inspection_targets, 0)
    await withClient(async (client) => {
      const one = async (sql: string) => (await client.query(sql)).rows[0]
      // a target is answered on every item exactly when it was submitted
      assert.equal((await one(`SELECT count(*)::int AS n FROM inspection_targets t
        WHERE (SELECT count(*) FROM inspection_answers a WHERE a.target_id = t.id) <> CASE WHEN t.state = 'pending' THEN 0 ELSE (SELECT count(*) FROM inspection_items i WHERE i.task_id = t.task_id) END`)).n, 0)
      // 整改中 ⇔ an unrectified problem; 已提交 / 已整改 have none
      assert.equal((await one(`SELECT count(*)::int AS n FROM inspection_targets t WHERE t.state <> 'pending'
        AND (t.state = 'rectifying') <> EXISTS (SELECT 1 FROM inspection_answers a WHERE a.target_id = t.id AND a.result = 'problem' AND NOT a.rectified)`)).n, 0)
      // version = steps taken, state = the last step's target, the first step is 发布; steps chain
      assert.equal((await one(`SELECT count(*)::int AS n FROM inspection_targets t WHERE t.version <> (SELECT count(*) FROM workflow_events w WHERE w.process = 'inspection' AND w.subject_id = t.id)
        OR t.state <> (SELECT w.to_state FROM workflow_events w WHERE w.process = 'inspection' AND w.subject_id = t.id ORDER BY w.id DESC LIMIT 1)`)).n, 0)
      assert.equal((await one(`SELECT count(*)::int AS n FROM (SELECT from_state, lag(to_state) OVER (PARTITION BY subject_id ORDER BY id) AS before FROM workflow_events WHERE process = 'inspection') x
        WHERE from_state IS DISTINCT FROM before`)).n, 0)
      // to-dos: open targets of open tasks, at the estate's community
      assert.equal((await one(`SELECT count(*)::int AS n FROM inspection_targets t JOIN inspection_tasks k ON k.id = t.task_id JOIN estates e ON e.id = t.estate_id
        WHERE (t.state IN ('pending', 'rectifying') AND k.deadline >= (now() AT TIME ZONE 'Asia/Shanghai')::date)
          <> EXISTS (SELECT 1 FROM todos d WHERE d.process = 'inspection' AND d.subject_id = t.id AND d.closed_at IS NULL AND d.step = t.state AND d.region_id = e.community_id)`)).n, 0)
      const states = (await client.query(`SELECT DISTINCT state FROM inspection_targets`)).rows.map((row) => row.state)
      assert.includeMembers(states, ['pending', 'submitted'])
      assert.isAbove((await one(`SELECT count(*)::int AS n FROM inspection_answers WHERE result = 'problem'`)).n, 0)
    })
  })
})
