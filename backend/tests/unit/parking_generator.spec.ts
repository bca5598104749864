import { test } from '@japa/runner'
import { withClient } from '#tests/support/owner_client'
import { resetWorld } from '#tests/support/world'
import { GENERATORS, runGenerators } from '#database/generators/index'
import type { Scale } from '#database/generators/index'
import { planParking } from '#database/generators/parking'

const SMALL: Scale = { communitiesPerStreet: [2, 3], estatesPerCommunity: [3, 5], housesPerEstate: [20, 60], streets: ['园岭街道', '南园街道'] }
const NOW = new Date('2026-11-28T02:00:00Z')

/** 车位信息's demo and city data (generators/parking.ts). */
test.group('parking generator', (group) => {
  group.each.teardown(() => resetWorld())

  test('an estate\'s parking plan is deterministic; only estates that filled their information in have spaces, with unique numbers', ({ assert }) => {
    const estate = { index: 7, estateType: '住宅' }
    assert.deepEqual(planParking(5, estate, SMALL, NOW), planParking(5, estate, SMALL, NOW))
    let filled = 0
    for (let index = 0; index < 400; index++) {
      const plan = planParking(5, { index, estateType: '住宅' }, SMALL, NOW)
      if (plan.filledAt) {
        filled++
        assert.isAtMost(plan.filledAt.getTime(), NOW.getTime())
        assert.isAtLeast(plan.spaces.length, 1)
        assert.isAtMost(plan.spaces.length, Math.round(60 * 1.1))
        assert.equal(new Set(plan.spaces.map((space) => space.code)).size, plan.spaces.length)
      } else {
        assert.lengthOf(plan.spaces, 0)
      }
    }
    // 住宅: 88 % filled in, give or take the draw
    assert.isAbove(filled, 320)
    assert.isBelow(filled, 385)
  })

  test('writes spaces and the filled-in markers that agree with each other (no placeholder disputes)', async ({ assert }) => {
    const generators = GENERATORS.filter((generator) => ['regions', 'estates', 'parking'].includes(generator.name))
    const result = await withClient((client) => runGenerators(generators, { client, scale: SMALL, seed: 10, fresh: true }))
    assert.isAbove(result.rows.parking_spaces, 0)
    await withClient(async (client) => {
      const one = async (sql: string) => (await client.query(sql)).rows[0]
      assert.equal(Number((await one('SELECT count(*) FROM parking_spaces')).count), result.rows.parking_spaces)
      // the parking disputes are 纠纷化解台账's (generators/disputes.ts); the placeholder table is gone (migration 0046)
      assert.notProperty(result.rows, 'parking_disputes')
      assert.isNull((await one("SELECT to_regclass('parking_disputes') AS t")).t)
      // spaces only where the estate filled its parking information in, and some estates never did
      assert.equal(Number((await one('SELECT count(*) FROM parking_spaces p WHERE NOT EXISTS (SELECT 1 FROM estate_parking_profiles pp WHERE pp.estate_id = p.estate_id)')).count), 0)
      assert.isAbove(Number((await one('SELECT count(*) FROM estates e WHERE NOT EXISTS (SELECT 1 FROM estate_parking_profiles pp WHERE pp.estate_id = e.id)')).count), 0)
      // every kind occurs; a new space continues after the generated ids
      assert.equal(Number((await one('SELECT count(DISTINCT kind) FROM parking_spaces')).count), 6)
      const { max } = await one('SELECT max(id) FROM parking_spaces')
      const { id } = await one("INSERT INTO parking_spaces (estate_id, kind, code) SELECT min(estate_id), 'other', 'TEST-1' FROM parking_spaces RETURNING id")
      assert.isAbove(Number(id), Number(max))
    })
  })
})
