import { test } from '@japa/runner'
import { withClient } from '#tests/support/owner_client'
import { resetWorld } from '#tests/support/world'
import { GENERATORS, runGenerators, SCALES } from '#database/generators/index'
import type { Scale } from '#database/generators/index'
import { planEstateParty } from '#database/generators/party_building'

const SMALL: Scale = { communitiesPerStreet: [2, 3], estatesPerCommunity: [3, 5], housesPerEstate: [20, 60], streets: ['园岭街道', '南园街道'], opinionCollectionsPerStreet: [2, 3], opinionResponsesPerEstate: [2, 4] }
const NOW = new Date('2026-11-28T02:00:00Z')

/** 党建园地's demo and city data (generators/party_building.ts). */
test.group('party building generator', (group) => {
  group.each.teardown(() => resetWorld())

  test('an estate\'s plan is deterministic and follows its 项目管理 flags; a committee has one 主任 and one 副主任', ({ assert }) => {
    const flags = { partyOrg: true, committee: true }
    assert.deepEqual(planEstateParty(5, { index: 7 }, flags, NOW), planEstateParty(5, { index: 7 }, flags, NOW))
    let red = 0
    for (let index = 0; index < 300; index++) {
      const none = planEstateParty(5, { index }, { partyOrg: false, committee: false }, NOW)
      assert.deepEqual([none.organizations.length, none.members.length, none.redYear], [0, 0, null])
      const plan = planEstateParty(5, { index }, flags, NOW)
      assert.isAtLeast(plan.organizations.length, 1)
      assert.isAtLeast(plan.members.length, 5)
      assert.isAtMost(plan.members.length, 9)
      assert.deepEqual(plan.members.slice(0, 2).map((member) => member.role), ['director', 'deputy'])
      for (const org of plan.organizations) assert.isTrue(org.foundedOn <= NOW.toISOString().slice(0, 10))
      if (plan.redYear) {
        red++
        assert.isAtLeast(plan.redYear, 2019)
        assert.isAtMost(plan.redYear, 2026)
      }
    }
    // about a third of the estates with a 党组织 are 红色物业
    assert.isAbove(red, 70)
    assert.isBelow(red, 140)
  })

  test('the city scale plans ≈ 1M opinion responses (5 collections per street, ~37 respondents per estate)', ({ assert }) => {
    const city = SCALES.city
    const estatesPerStreet = ((city.communitiesPerStreet[0] + city.communitiesPerStreet[1]) / 2) * ((city.estatesPerCommunity[0] + city.estatesPerCommunity[1]) / 2)
    const perCollection = estatesPerStreet * ((city.opinionResponsesPerEstate![0] + city.opinionResponsesPerEstate![1]) / 2)
    const expected = 74 * ((city.opinionCollectionsPerStreet![0] + city.opinionCollectionsPerStreet![1]) / 2) * perCollection
    assert.isAbove(expected, 900_000)
    assert.isBelow(expected, 1_300_000)
  })

  test('writes organisations, members, 红色物业 and 民意征集 with responses that agree with each other and the estates', async ({ assert }) => {
    const generators = GENERATORS.filter((generator) => ['regions', 'estates', 'party_building'].includes(generator.name))
    const result = await withClient((client) => runGenerators(generators, { client, scale: SMALL, seed: 10, fresh: true }))
    assert.isAbove(result.rows.opinion_responses, 0)
    await withClient(async (client) => {
      const one = async (sql: string) => Number((await client.query(sql)).rows[0].count)
      assert.equal(await one('SELECT count(*) FROM opinion_responses'), result.rows.opinion_responses)
      // an estate-level 党组织 exactly where 项目管理 says the estate has one; members only where it has a committee
      assert.equal(await one(`SELECT count(*) FROM estates e WHERE e.has_party_org <> EXISTS (SELECT 1 FROM party_organizations o WHERE o.estate_id = e.id)`), 0)
      assert.equal(await one(`SELECT count(*) FROM committee_members m JOIN estates e ON e.id = m.estate_id WHERE NOT e.has_committee`), 0)
      assert.equal(await one(`SELECT count(*) FROM red_property_projects r WHERE NOT EXISTS (SELECT 1 FROM party_organizations o WHERE o.estate_id = r.estate_id)`), 0)
      // a response comes from an estate of the collection's street, within its period, one answer per question
      assert.equal(await one(`SELECT count(*) FROM opinion_responses r JOIN opinion_collections c ON c.id = r.collection_id JOIN estates e ON e.id = r.estate_id
        WHERE e.street_id <> c.street_id OR (r.submitted_at AT TIME ZONE 'UTC')::date < c.starts_on OR (r.submitted_at AT TIME ZONE 'UTC')::date > c.ends_on
           OR cardinality(r.answers) <> jsonb_array_length(c.questions)`), 0)
      // a new collection continues after the generated ids
      const { rows: [max] } = await client.query('SELECT max(id) FROM opinion_collections')
      const { rows: [added] } = await client.query(`INSERT INTO opinion_collections (street_id, title, starts_on, ends_on, questions) SELECT min(street_id), '测试', '2026-01-01', '2026-01-31', '[]' FROM opinion_collections RETURNING id`)
      assert.isAbove(Number(added.id), Number(max.max))
    })
  })
})
