import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { writeCommitteeMemberOutbox, writeOpinionResponseOutbox, writePartyOrganizationOutbox, writeRedPropertyOutbox } from '@szpm/etl'
import clock from '#services/clock'
import { featuresOf } from '#services/roles'
import { E, R, resetWorld } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { readSheet } from '#tests/support/excel'
import { OPINION, seedPartyBuilding } from '#tests/support/party_building'
import { drain, reconcileWarehouse, syncWarehouse } from '#tests/support/warehouse'

/**
 * 党建园地 (module 24) over the small world and tests/support/party_building.ts: 党建统计 from the
 * warehouse, the committee members behind it (穿透), exports, the outbox path, and 民意征集.
 */
test.group('党建园地 · 党建统计 from the warehouse', (group) => {
  group.setup(async () => {
    await resetWorld()
    await seedPartyBuilding()
    await syncWarehouse()
  })

  test('the party secretary sees per community the estates with a 党组织, committee members, party members and their share, 红色物业', async ({ client, assert }) => {
    assert.includeMembers(featuresOf('party_secretary'), ['party_building.view', 'party_building.export'])
    const response = await client.visit('api.party_building_stats.index').loginAs(await actor('party'))
    response.assertStatus(200)
    const { data, meta } = response.body()
    assert.deepEqual(data, [
      { id: R.yl1, name: '园岭一社区', level: 'community', estates: 2, estatesWithOrganization: 1, organizationCoverage: 0.5, organizations: 1, committeeMembers: 5, partyMembers: 3, partyMemberShare: 0.6, redProperties: 1, opinionResponses: 4 },
      // the community-level 联合党支部 of 园岭二 counts for no estate
      { id: R.yl2, name: '园岭二社区', level: 'community', estates: 2, estatesWithOrganization: 1, organizationCoverage: 0.5, organizations: 2, committeeMembers: 5, partyMembers: 1, partyMemberShare: 0.2, redProperties: 0, opinionResponses: 3 },
    ])
    assert.deepEqual(meta.totals, { estates: 4, estatesWithOrganization: 2, organizationCoverage: 0.5, organizations: 3, committeeMembers: 10, partyMembers: 4, partyMemberShare: 0.4, redProperties: 1, opinionResponses: 7 })
    assert.equal(meta.childLevel, 'community')
  })

  test('drills 区 → 街道 → 社区 → 物业项目; the numbers equal PostgreSQL counted from the same rows', async ({ client, assert }) => {
    const city = await actor('city')
    const districts = await client.visit('api.party_building_stats.index').loginAs(city)
    assert.deepEqual(districts.body().data.map((r: any) => [r.name, r.estatesWithOrganization, r.committeeMembers, r.partyMembers, r.redProperties]), [['福田区', 3, 14, 6, 2], ['罗湖区', 1, 1, 1, 0]])
    const streets = await client.visit('api.party_building_stats.index').qs({ region_id: R.futian }).loginAs(city)
    assert.deepEqual(streets.body().data.map((r: any) => [r.name, r.estates, r.organizations, r.partyMembers]), [['园岭街道', 4, 3, 4], ['南园街道', 1, 1, 2]])
    const estates = await client.visit('api.party_building_stats.index').qs({ region_id: R.yl2 }).loginAs(city)
    assert.equal(estates.body().meta.childLevel, 'estate')
    assert.deepEqual(estates.body().data.map((r: any) => [r.id, r.level, r.estatesWithOrganization, r.organizations, r.committeeMembers, r.partyMembers]), [[E.e6, 'estate', 0, 0, 2, 0], [E.e3, 'estate', 1, 2, 3, 1]])
    // PostgreSQL's own count per street
    const pg = await db.from('committee_members as m').join('estates as e', 'e.id', 'm.estate_id').where('e.district_id', R.futian).groupBy('e.street_id').orderBy('e.street_id')
      .select('e.street_id', db.raw('count(*) filter (where m.is_party_member)::int as party'))
    assert.deepEqual(pg.map((r) => [r.street_id, r.party]), [[R.yuanling, 4], [R.nanyuan, 2]])
  })

  test('out of scope is 404, bad input 422 with the field, a role without the feature 403', async ({ client, assert }) => {
    const party = await actor('party')
    const outside = await client.visit('api.party_building_stats.index').qs({ region_id: R.guiyuan }).loginAs(party)
    outside.assertStatus(404)
    const bad = await client.visit('api.party_building_stats.index').qs({ region_id: 'x' }).loginAs(party)
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'region_id')
    const community = await client.visit('api.party_building_stats.index').loginAs(await actor('community'))
    community.assertStatus(403)
  })

  test('exports the statistics table with every metric column, ending with 合计', async ({ client, assert }) => {
    const response = await client.visit('api.party_building_stats.export').loginAs(await actor('party'))
    response.assertStatus(200)
    const sheet = await readSheet(response.body())
    assert.deepEqual(sheet.rows[0], ['社区', '物业项目数(个)', '建立党组织的项目(个)', '党组织覆盖率', '项目党组织(个)', '业委会成员(人)', '其中党员(人)', '党员占比', '红色物业项目(个)', '民意征集参与(人次)'])
    assert.deepEqual(sheet.rows[1], ['园岭一社区', 2, 1, '50.0%', 1, 5, 3, '60.0%', 1, 4])
    assert.deepEqual(sheet.rows[3], ['合计', 4, 2, '50.0%', 3, 10, 4, '40.0%', 1, 7])
    assert.lengthOf(sheet.rows, 4)
  })
})

test.group('党建园地 · the committee members behind the numbers (穿透)', (group) => {
  group.setup(async () => {
    await resetWorld()
    await seedPartyBuilding()
  })

  test('lists the members of the region with place, role, party membership, the estate\'s 党组织 and 红色物业; filters', async ({ client, assert }) => {
    const party = await actor('party')
    const all = await client.visit('api.committee_members.index').loginAs(party)
    all.assertStatus(200)
    assert.deepEqual(all.body().meta, { total: 10, page: 1, perPage: 20 })
    assert.deepEqual(all.body().data[0], {
      id: 1, districtName: '福田区', streetName: '园岭街道', communityName: '园岭一社区', estateId: E.e1, estateName: '翠园小区',
      name: '成员1', role: 'director', roleName: '主任', isPartyMember: true, organizationName: '翠园小区党支部', redProperty: true,
    })
    const members = await client.visit('api.committee_members.index').qs({ party_member: '1' }).loginAs(party)
    assert.deepEqual(members.body().data.map((r: any) => [r.estateId, r.name]), [[E.e1, '成员1'], [E.e1, '成员2'], [E.e1, '成员3'], [E.e3, '成员6']])
    const e3 = await client.visit('api.committee_members.index').qs({ estate_id: E.e3, per_page: 2 }).loginAs(party)
    assert.deepEqual([e3.body().meta.total, e3.body().data.length, e3.body().data[0].organizationName], [3, 2, '碧海花园联合党支部、碧海花园功能型党小组'])
    const keyword = await client.visit('api.committee_members.index').qs({ q: '星河' }).loginAs(party)
    assert.equal(keyword.body().meta.total, 2)
    const directors = await client.visit('api.committee_members.index').qs({ role: 'director' }).loginAs(party)
    assert.deepEqual(directors.body().data.map((r: any) => r.roleName), ['主任', '主任', '主任'])
  })

  test('scope and bad input: another street is 404, a wrong role a 422 naming 职务', async ({ client, assert }) => {
    const party = await actor('party')
    const outside = await client.visit('api.committee_members.index').qs({ region_id: R.nanyuan }).loginAs(party)
    outside.assertStatus(404)
    const bad = await client.visit('api.committee_members.index').qs({ role: 'chair', party_member: 'yes' }).loginAs(party)
    bad.assertStatus(422)
    assert.sameMembers(bad.body().errors.map((e: any) => e.field), ['role', 'party_member'])
    assert.include(bad.body().errors.find((e: any) => e.field === 'role').message, '职务')
  })

  test('exports the list with the same filters, 所属区 included', async ({ client, assert }) => {
    const response = await client.visit('api.committee_members.export').qs({ party_member: '1' }).loginAs(await actor('futian'))
    response.assertStatus(200)
    const sheet = await readSheet(response.body())
    assert.deepEqual(sheet.rows[0], ['所属区', '所属街道', '所属社区', '物业项目', '姓名', '职务', '党员', '所在项目党组织', '红色物业项目'])
    assert.lengthOf(sheet.rows, 7)
    assert.deepEqual(sheet.rows[1], ['福田区', '园岭街道', '园岭一社区', '翠园小区', '成员1', '主任', '是', '翠园小区党支部', '是'])
    assert.deepEqual(sheet.rows.slice(1).map((r) => r[3]), ['翠园小区', '翠园小区', '翠园小区', '碧海花园', '南园大厦', '南园大厦'])
  })
})

test.group('党建园地 · changes reach the warehouse through the outbox', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    await seedPartyBuilding()
    await syncWarehouse()
  })

  test('a new 党组织, a member who joined the party, a new 红色物业 and a 民意征集 response are drained into the facts and the rollup; reconcile finds no difference', async ({ client, assert }) => {
    await db.transaction(async (trx) => {
      const query = (sql: string, params: unknown[]) => trx.rawQuery(sql, params as any[]).then((result) => result.rows)
      const [org] = await trx.table('party_organizations').insert({ community_id: R.yl2, estate_id: E.e6, level: 'estate', name: '星河雅居党支部', kind: 'independent', founded_on: '2026-11-01' }).returning('id')
      const member = await trx.from('committee_members').where('estate_id', E.e6).orderBy('id').first()
      await trx.from('committee_members').where('id', member.id).update({ is_party_member: true })
      await trx.table('red_property_projects').insert({ estate_id: E.e3, designated_year: 2026 })
      await writePartyOrganizationOutbox(query, [Number(org.id)], { paramStyle: 'knex' })
      await writeCommitteeMemberOutbox(query, [Number(member.id)], { paramStyle: 'knex' })
      await writeRedPropertyOutbox(query, [E.e3], { paramStyle: 'knex' })
      const [response] = await trx.table('opinion_responses').insert({ collection_id: OPINION.yuanlingParking, estate_id: E.e6, answers: '{0}' }).returning('id')
      await writeOpinionResponseOutbox(query, [Number(response.id)], { paramStyle: 'knex' })
    })
    await drain()
    const response = await client.visit('api.party_building_stats.index').qs({ region_id: R.yl2 }).loginAs(await actor('party'))
    assert.deepEqual(response.body().data.map((r: any) => [r.id, r.estatesWithOrganization, r.organizations, r.committeeMembers, r.partyMembers, r.redProperties, r.opinionResponses]), [[E.e6, 1, 1, 2, 1, 0, 2], [E.e3, 1, 2, 3, 1, 1, 2]])
    const differences = (await reconcileWarehouse()).differences.filter((difference: { table: string }) => ['party_organization_facts', 'committee_member_facts', 'red_property_facts', 'opinion_response_facts', 'opinion_estate_totals'].includes(difference.table))
    assert.deepEqual(differences, [])
  })
})

test.group('党建园地 · 民意征集', (group) => {
  group.setup(async () => {
    await resetWorld()
    await seedPartyBuilding()
    await syncWarehouse()
  })
  group.each.setup(() => {
    clock.travelTo('2026-12-10T10:00:00+08:00')
    return () => clock.reset()
  })

  test('lists the street\'s collections, latest first, with period, state, questions and responses', async ({ client, assert }) => {
    const response = await client.visit('api.opinion_collections.index').loginAs(await actor('party'))
    response.assertStatus(200)
    assert.deepEqual(response.body().data, [
      { id: OPINION.yuanlingParking, streetId: R.yuanling, streetName: '园岭街道', title: '园岭街道停车管理民意征集', startsOn: '2026-12-01', endsOn: '2027-01-31', status: 'open', statusName: '征集中', questionCount: 1, responses: 1 },
      { id: OPINION.yuanlingLift, streetId: R.yuanling, streetName: '园岭街道', title: '园岭街道加装电梯民意征集', startsOn: '2026-10-01', endsOn: '2026-10-31', status: 'closed', statusName: '已结束', questionCount: 2, responses: 6 },
    ])
    assert.deepEqual(response.body().meta, { total: 2, page: 1, perPage: 20 })
    const city = await client.visit('api.opinion_collections.index').qs({ q: '街道', per_page: 3 }).loginAs(await actor('city'))
    assert.deepEqual(city.body().data.map((r: any) => [r.id, r.status]), [[OPINION.guiyuan, 'upcoming'], [OPINION.yuanlingParking, 'open'], [OPINION.yuanlingLift, 'closed']])
    assert.equal(city.body().meta.total, 4)
    const keyword = await client.visit('api.opinion_collections.index').qs({ q: '电梯' }).loginAs(await actor('party'))
    assert.deepEqual(keyword.body().data.map((r: any) => r.id), [OPINION.yuanlingLift])
  })

  test('a collection\'s details: each question\'s answer distribution and the responses per community', async ({ client, assert }) => {
    const response = await client.visit('api.opinion_collections.show', { id: OPINION.yuanlingLift }).loginAs(await actor('party'))
    response.assertStatus(200)
    const detail = response.body().data
    assert.equal(detail.responses, 6)
    assert.deepEqual(detail.questions, [
      { title: '是否支持加装电梯', options: ['支持', '不支持', '无所谓'], answers: [{ option: '支持', count: 4, share: 4 / 6 }, { option: '不支持', count: 1, share: 1 / 6 }, { option: '无所谓', count: 1, share: 1 / 6 }] },
      { title: '愿意分摊的费用', options: ['5000元以下', '5000元以上'], answers: [{ option: '5000元以下', count: 4, share: 4 / 6 }, { option: '5000元以上', count: 2, share: 2 / 6 }] },
    ])
    assert.deepEqual(detail.communities, [{ id: R.yl1, name: '园岭一社区', responses: 3 }, { id: R.yl2, name: '园岭二社区', responses: 3 }])
    // PostgreSQL: the rows behind the numbers
    assert.equal(Number((await db.from('opinion_responses').where('collection_id', OPINION.yuanlingLift).count('* as n'))[0].n), 6)
  })

  test('another street\'s collection is 404, a bad id is 404, a role without the feature 403', async ({ client }) => {
    const party = await actor('party')
    ;(await client.visit('api.opinion_collections.show', { id: OPINION.nanyuan }).loginAs(party)).assertStatus(404)
    ;(await client.visit('api.opinion_collections.show', { id: 99999 }).loginAs(party)).assertStatus(404)
    ;(await client.get('/api/v1/party_building/opinions/abc').loginAs(party)).assertStatus(404)
    ;(await client.visit('api.opinion_collections.index').loginAs(await actor('community'))).assertStatus(403)
    ;(await client.visit('api.opinion_collections.show', { id: OPINION.nanyuan }).loginAs(await actor('futian'))).assertStatus(200)
  })

  test('统计: collections and responses per street and per community; scope 404 and bad input 422', async ({ client, assert }) => {
    const party = await client.visit('api.opinion_collections.stats').loginAs(await actor('party'))
    party.assertStatus(200)
    assert.deepEqual(party.body().data, [
      { id: R.yl1, name: '园岭一社区', level: 'community', collections: 2, responses: 4 },
      { id: R.yl2, name: '园岭二社区', level: 'community', collections: 2, responses: 3 },
    ])
    assert.deepEqual(party.body().meta.totals, { collections: 2, responses: 7 })
    const futian = await client.visit('api.opinion_collections.stats').loginAs(await actor('futian'))
    assert.deepEqual(futian.body().data.map((r: any) => [r.name, r.level, r.collections, r.responses]), [['园岭街道', 'street', 2, 7], ['南园街道', 'street', 1, 2]])
    assert.deepEqual(futian.body().meta.totals, { collections: 3, responses: 9 })
    const city = await client.visit('api.opinion_collections.stats').loginAs(await actor('city'))
    assert.deepEqual(city.body().data.map((r: any) => [r.name, r.collections, r.responses]), [['福田区', 3, 9], ['罗湖区', 1, 0]])
    const estates = await client.visit('api.opinion_collections.stats').qs({ region_id: R.yl1 }).loginAs(await actor('party'))
    assert.deepEqual(estates.body().data.map((r: any) => [r.id, r.level, r.responses]), [[E.e1, 'estate', 3], [E.e2, 'estate', 1]])
    ;(await client.visit('api.opinion_collections.stats').qs({ region_id: R.nanyuan }).loginAs(await actor('party'))).assertStatus(404)
    const bad = await client.visit('api.opinion_collections.stats').qs({ region_id: '-1' }).loginAs(await actor('party'))
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'region_id')
  })
})
