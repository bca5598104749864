import { test } from '@japa/runner'
import { withClient } from '#tests/support/owner_client'
import { resetWorld } from '#tests/support/world'
import { GENERATORS, runGenerators, SCALES } from '#database/generators/index'
import type { Scale } from '#database/generators/index'

const SMALL: Scale = { communitiesPerStreet: [2, 3], estatesPerCommunity: [3, 5], housesPerEstate: [20, 40], streets: ['园岭街道', '南园街道'], disclosuresPerEstate: [1, 3] }

/** 信息公开 and 居代业's demo and city data (generators/disclosures.ts). */
test.group('disclosures generator', (group) => {
  group.each.teardown(() => resetWorld())

  test('the city scale plans ≈ 10k announcements (1–3 per estate of ≈ 5.5k)', ({ assert }) => {
    const city = SCALES.city
    const estates = 74 * ((city.communitiesPerStreet[0] + city.communitiesPerStreet[1]) / 2) * ((city.estatesPerCommunity[0] + city.estatesPerCommunity[1]) / 2)
    const expected = estates * ((city.disclosuresPerEstate![0] + city.disclosuresPerEstate![1]) / 2)
    assert.isAbove(expected, 9_000)
    assert.isBelow(expected, 14_000)
  })

  test('announcements and 居代业 agree with the rules the services keep', async ({ assert }) => {
    const generators = GENERATORS.filter((generator) => ['regions', 'estates', 'accounts', 'disclosures'].includes(generator.name))
    const result = await withClient((client) => runGenerators(generators, { client, scale: SMALL, seed: 7, fresh: true }))
    assert.isAbove(result.rows.disclosures, 0)
    await withClient(async (client) => {
      const one = async (sql: string) => Number((await client.query(sql)).rows[0].count)
      assert.equal(await one('SELECT count(*) FROM disclosures'), result.rows.disclosures)
      // a 居代业 only where there is no committee; one announcement per step, one history entry per step
      assert.equal(await one(`SELECT count(*) FROM proxy_governances g JOIN estates e ON e.id = g.estate_id WHERE e.has_committee`), 0)
      assert.equal(await one(`SELECT count(*) FROM proxy_governances g WHERE (SELECT count(*) FROM disclosures d WHERE d.source = 'proxy_governance' AND d.source_id = g.id)
        <> (SELECT count(*) FROM workflow_events w WHERE w.process = 'proxy_governance' AND w.subject_id = g.id)`), 0)
      // the open to-do exactly while 意见征集
      assert.equal(await one(`SELECT count(*) FROM proxy_governances g WHERE (g.state = 'collecting') <> EXISTS (SELECT 1 FROM todos t WHERE t.process = 'proxy_governance' AND t.subject_id = g.id AND t.closed_at IS NULL)`), 0)
      // manual announcements come from the hand-published templates, the 居代业 ones from the system template
      assert.equal(await one(`SELECT count(*) FROM disclosures d JOIN disclosure_templates t ON t.id = d.template_id WHERE t.system <> (d.source = 'proxy_governance')`), 0)
      // the sequences continue after the generated ids
      const { rows: [max] } = await client.query('SELECT max(id) FROM disclosures')
      const { rows: [added] } = await client.query(`INSERT INTO disclosures (template_id, estate_id, title, fields, body_html) SELECT 3, min(estate_id), '测试', '{}', '<p>测试</p>' FROM disclosures RETURNING id`)
      assert.isAbove(Number(added.id), Number(max.max))
    })
  })
})
