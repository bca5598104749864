import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { disclosures, proxyGovernance } from '@szpm/core'
import clock from '#services/clock'
import User from '#models/user'
import { publishDisclosure } from '#modules/disclosures/disclosure_service'
import { E, R, USERS, resetWorld } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { readSheet } from '#tests/support/excel'
import { drain, reconcileWarehouse, syncWarehouse } from '#tests/support/warehouse'
import app from '@adonisjs/core/services/app'
import { raw } from '@szpm/warehouse'

/**
 * 信息公开统计 and 居代业统计 (issue 19) over the world (e1, e3, e5 have an owners' committee; e2, e4, e6
 * not), as of 2026-11-28. Every announcement change and every 居代业 step writes its outbox event in its
 * own transaction; the drain brings them to the warehouse (disclosure_facts, proxy_governance_facts):
 *
 *   e1 (园岭一): 通用公告 手工发布 + 业主大会公告 from 电子投票; a draft deleted
 *   e2 (园岭一): 居代业 P1 发起 → 指定 (代行中): 2 居代业公告
 *   e3 (园岭二): 业主大会公告 手工发布, then 作废
 *   e4 (南园):   通用公告 published in 2025 (not this year)
 *   e6 (园岭二): 居代业 P2 发起 → 不启动 (已结束): 2 居代业公告; a draft left as a draft
 *   e5 (罗湖):   nothing
 */
const CONTENT = '<p>经街道办研究，拟由社区居委会代行业主委员会职责，现公开征求业主意见。</p>'
const D_METRICS = Object.keys(disclosures.statistics!.metrics)
const P_METRICS = Object.keys(proxyGovernance.statistics!.metrics)
const pick = (row: Record<string, unknown>, keys: readonly string[]) => Object.fromEntries(['name', ...keys].map((key) => [key, row[key]]))

async function templateId(code: string) {
  return Number((await db.from('disclosure_templates').where('code', code).firstOrFail()).id)
}

async function post(client: any, who: keyof typeof USERS, body: Record<string, unknown>) {
  const response = await client.visit('api.disclosures.store').json(body).withCsrfToken().loginAs(await actor(who))
  response.assertStatus(201)
  return response.body().data as { id: number; version: number }
}

async function general(estateId: number, extra: Record<string, unknown> = {}) {
  return { template_id: await templateId('general'), estate_id: estateId, title: '关于电梯维修的公告', fields: { content: '<p>本周六停梯检修。</p>' }, ...extra }
}

async function assembly(estateId: number, extra: Record<string, unknown> = {}) {
  return { template_id: await templateId('owners_assembly'), estate_id: estateId, title: '业主大会会议公告', fields: { meeting_date: '2026-12-20', place: '会所', agenda: '<p>议程</p>' }, ...extra }
}

async function startProxy(client: any, estateId: number) {
  const response = await client.visit('api.proxy_governances.store').json({ estate_id: estateId, reason: '业委会任期届满未换届', content: CONTENT }).withCsrfToken().loginAs(await actor('handler'))
  response.assertStatus(201)
  return response.body().data as { id: number; version: number }
}

async function step(client: any, id: number, action: 'decline' | 'appoint' | 'terminate', version: number) {
  const response = await client
    .visit(`api.proxy_governances.${action}`, { id })
    .json({ version, remark: '经研究', content: CONTENT, ...(action === 'appoint' ? { agent: '园岭一社区居委会' } : {}) })
    .withCsrfToken()
    .loginAs(await actor('handler'))
  response.assertStatus(200)
  return response.body().data as { id: number; version: number }
}

const outbox = (topic: string) => db.from('outbox_events').where('topic', topic).orderBy('id')

async function factsOf(table: string, key: string) {
  const warehouse = await app.container.make('warehouse')
  const rows = await warehouse.query<Record<string, unknown>>(raw(`SELECT * FROM ${table} FINAL ORDER BY ${key}`))
  return rows.map((row) => {
    const { changed_at: _changed, version: _version, ...rest } = row
    return rest
  })
}

/** the scenario above, through the API (and publishDisclosure for 电子投票's announcement), then drained */
async function seed(client: any) {
  clock.travelTo('2025-06-01T10:00:00+08:00')
  await post(client, 'nanyuan', await general(E.e4, { publish: true }))
  clock.travelTo('2026-11-28T10:00:00+08:00')
  await post(client, 'handler', await general(E.e1, { publish: true }))
  await db.transaction(async (trx) => {
    await publishDisclosure(trx, { template: 'owners_assembly', estateId: E.e1, title: '业主大会会议公告', fields: { meeting_date: '2026-12-20', place: '会所', agenda: '<p>议程</p>' }, source: 'voting', sourceId: 901, publishedBy: await User.findOrFail(USERS.director.id) })
  })
  const draft = await post(client, 'handler', await general(E.e1, { title: '草稿' }))
  ;(await client.visit('api.disclosures.destroy', { id: draft.id }).json({ version: 1 }).withCsrfToken().loginAs(await actor('handler'))).assertStatus(200)
  const voided = await post(client, 'handler', await assembly(E.e3, { publish: true }))
  ;(await client.visit('api.disclosures.void', { id: voided.id }).json({ version: 1, reason: '内容有误' }).withCsrfToken().loginAs(await actor('handler'))).assertStatus(200)
  await post(client, 'handler', await general(E.e6, { title: '仍是草稿' }))
  const p1 = await startProxy(client, E.e2)
  await step(client, p1.id, 'appoint', p1.version)
  const p2 = await startProxy(client, E.e6)
  await step(client, p2.id, 'decline', p2.version)
  await drain()
  return { p1: p1.id, p2: p2.id }
}

test.group('信息公开统计 · 居代业统计 · facts per step', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    clock.travelTo('2026-11-28T10:00:00+08:00')
    return () => clock.reset()
  })

  test('an announcement reaches the warehouse when published and again when voided; drafts never', async ({ client, assert }) => {
    const before = (await outbox('disclosure')).length
    const draft = await post(client, 'handler', await general(E.e1, { title: '草稿' }))
    assert.lengthOf(await outbox('disclosure'), before, 'a draft writes nothing')
    const edited = await client.visit('api.disclosures.update', { id: draft.id }).json({ ...(await general(E.e1)), version: 1 }).withCsrfToken().loginAs(await actor('handler'))
    edited.assertStatus(200)
    assert.lengthOf(await outbox('disclosure'), before, 'a changed draft writes nothing')
    ;(await client.visit('api.disclosures.publish', { id: draft.id }).json({ version: 2 }).withCsrfToken().loginAs(await actor('handler'))).assertStatus(200)
    let events = await outbox('disclosure')
    assert.lengthOf(events, before + 1)
    assert.deepEqual(events.at(-1).payload, { estate_id: E.e1, disclosure_id: draft.id, template_code: 'general', source: 'manual', state: 'published', published_on: '2026-11-28' })
    await drain()
    assert.deepEqual(await factsOf('disclosure_facts', 'disclosure_id'), [
      { estate_id: E.e1, disclosure_id: draft.id, template_code: 'general', source: 'manual', state: 'published', published_on: '2026-11-28' },
    ])

    ;(await client.visit('api.disclosures.void', { id: draft.id }).json({ version: 3, reason: '内容有误' }).withCsrfToken().loginAs(await actor('handler'))).assertStatus(200)
    events = await outbox('disclosure')
    assert.lengthOf(events, before + 2)
    assert.equal(events.at(-1).payload.state, 'voided')
    // a refused change writes nothing: voided twice (422), a stale version (409)
    ;(await client.visit('api.disclosures.void', { id: draft.id }).json({ version: 4, reason: '再次' }).withCsrfToken().loginAs(await actor('handler'))).assertStatus(422)
    ;(await client.visit('api.disclosures.publish', { id: draft.id }).json({ version: 1 }).withCsrfToken().loginAs(await actor('handler'))).assertStatus(422)
    assert.lengthOf(await outbox('disclosure'), before + 2)
    await drain()
    assert.deepEqual((await factsOf('disclosure_facts', 'disclosure_id')).map((row) => row.state), ['voided'])

    // a deleted draft: nothing to remove
    const other = await post(client, 'handler', await general(E.e1, { title: '另一个草稿' }))
    ;(await client.visit('api.disclosures.destroy', { id: other.id }).json({ version: 1 }).withCsrfToken().loginAs(await actor('handler'))).assertStatus(200)
    assert.lengthOf(await outbox('disclosure'), before + 2)
    const { differences } = await reconcileWarehouse()
    assert.deepEqual(differences.filter((d) => d.table === 'disclosure_facts'), [])
  })

  test('every 居代业 step re-publishes its fact (and its announcement\'s) in the step\'s transaction', async ({ client, assert }) => {
    const p = await startProxy(client, E.e2)
    let events = await outbox('proxy_governance')
    assert.deepEqual(events.at(-1).payload, { estate_id: E.e2, case_id: p.id, state: 'collecting', outcome: '', started_on: '2026-11-28' })
    assert.equal((await outbox('disclosure')).at(-1).payload.source, 'proxy_governance')
    await drain()
    assert.deepEqual(await factsOf('proxy_governance_facts', 'case_id'), [{ estate_id: E.e2, case_id: p.id, state: 'collecting', outcome: '', started_on: '2026-11-28' }])

    // a refused step (a transition the state does not allow) writes nothing
    const refused = await client.visit('api.proxy_governances.terminate', { id: p.id }).json({ version: 1, remark: '终止', content: CONTENT }).withCsrfToken().loginAs(await actor('handler'))
    refused.assertStatus(422)
    assert.lengthOf(await outbox('proxy_governance'), events.length)

    const acting = await step(client, p.id, 'appoint', p.version)
    await drain()
    assert.deepEqual((await factsOf('proxy_governance_facts', 'case_id')).map((row) => [row.state, row.outcome]), [['acting', '']])
    await step(client, p.id, 'terminate', acting.version)
    await drain()
    assert.deepEqual((await factsOf('proxy_governance_facts', 'case_id')).map((row) => [row.state, row.outcome]), [['ended', 'terminated']])
    events = await outbox('proxy_governance')
    assert.deepEqual(events.slice(-3).map((event: any) => event.payload.state), ['collecting', 'acting', 'ended'])
    // an ended one allows a new one: two rows for the estate
    await startProxy(client, E.e2)
    await drain()
    assert.deepEqual((await factsOf('proxy_governance_facts', 'case_id')).map((row) => [row.estate_id, row.state]), [[E.e2, 'ended'], [E.e2, 'collecting']])
    assert.lengthOf((await factsOf('disclosure_facts', 'disclosure_id')).filter((row) => row.source === 'proxy_governance'), 4)
    const { differences } = await reconcileWarehouse()
    assert.deepEqual(differences.filter((d) => d.table === 'disclosure_facts'), [])
  })
})

test.group('信息公开统计 · 居代业统计 · numbers, 穿透, export, scope', (group) => {
  group.setup(async () => {
    await resetWorld()
  })
  group.each.setup(() => {
    clock.travelTo('2026-11-28T10:00:00+08:00')
    return () => clock.reset()
  })

  test('信息公开统计 per community of the street, per estate, per district, and the 合计', async ({ client, assert }) => {
    await seed(client)
    const head = await actor('head')
    const street = await client.visit('api.disclosure_stats.index').loginAs(head)
    street.assertStatus(200)
    const { data, meta } = street.body()
    assert.deepEqual(data.map((row: any) => pick(row, D_METRICS)), [
      { name: '园岭一社区', estates: 2, disclosedEstates: 2, disclosureRate: 100, published: 4, voided: 0, manual: 1, proxyGovernance: 2, voting: 1, generalTemplate: 1, ownersAssemblyTemplate: 1, proxyGovernanceTemplate: 2, otherTemplates: 0 },
      { name: '园岭二社区', estates: 2, disclosedEstates: 1, disclosureRate: 50, published: 2, voided: 1, manual: 0, proxyGovernance: 2, voting: 0, generalTemplate: 0, ownersAssemblyTemplate: 0, proxyGovernanceTemplate: 2, otherTemplates: 0 },
    ])
    assert.deepInclude(meta.totals, { estates: 4, disclosedEstates: 3, disclosureRate: 75, published: 6, voided: 1 })

    const community = await client.visit('api.disclosure_stats.index').qs({ region_id: R.yl2 }).loginAs(head)
    assert.deepEqual(community.body().data.map((row: any) => [row.id, row.level, row.published, row.voided, row.disclosureRate]), [
      [E.e6, 'estate', 2, 0, 100],
      [E.e3, 'estate', 0, 1, 0],
    ])
    const city = await client.visit('api.disclosure_stats.index').loginAs(await actor('city'))
    assert.deepEqual(city.body().data.map((row: any) => [row.name, row.estates, row.disclosedEstates, row.disclosureRate, row.published, row.voided]), [
      ['福田区', 5, 3, 60, 7, 1],
      ['罗湖区', 1, 0, 0, 0, 0],
    ])
    const district = await client.visit('api.disclosure_stats.index').loginAs(await actor('futian'))
    assert.deepEqual(district.body().data.map((row: any) => [row.name, row.disclosedEstates, row.published, row.manual]), [
      ['园岭街道', 3, 6, 1],
      ['南园街道', 0, 1, 1],
    ])
    // 本年: the 2025 announcement of e4 counts in 2025
    clock.travelTo('2025-12-31T23:59:59+08:00')
    const lastYear = await client.visit('api.disclosure_stats.index').qs({ region_id: R.nanyuan }).loginAs(await actor('futian'))
    assert.deepInclude(lastYear.body().meta.totals, { estates: 1, disclosedEstates: 1, disclosureRate: 100 })
  })

  test('居代业统计 per level: states, outcomes, estates without a committee and under 居代业', async ({ client, assert }) => {
    const head = await actor('head')
    const street = await client.visit('api.proxy_governance_stats.index').loginAs(head)
    street.assertStatus(200)
    assert.deepEqual(street.body().data.map((row: any) => pick(row, P_METRICS)), [
      { name: '园岭一社区', estates: 2, estatesWithoutCommittee: 1, estatesUnderProxy: 1, cases: 1, collecting: 0, acting: 1, ended: 0, declined: 0, terminated: 0 },
      { name: '园岭二社区', estates: 2, estatesWithoutCommittee: 1, estatesUnderProxy: 0, cases: 1, collecting: 0, acting: 0, ended: 1, declined: 1, terminated: 0 },
    ])
    const community = await client.visit('api.proxy_governance_stats.index').qs({ region_id: R.yl1 }).loginAs(head)
    assert.deepEqual(community.body().data.map((row: any) => [row.id, row.estatesWithoutCommittee, row.acting]), [
      [E.e1, 0, 0],
      [E.e2, 1, 1],
    ])
    const city = await client.visit('api.proxy_governance_stats.index').loginAs(await actor('city'))
    assert.deepEqual(city.body().data.map((row: any) => [row.name, row.estates, row.estatesWithoutCommittee, row.estatesUnderProxy, row.cases]), [
      ['福田区', 5, 3, 1, 2],
      ['罗湖区', 1, 0, 0, 0],
    ])
  })

  test('every cell opens the records behind it, in the same number (穿透 with the same filters)', async ({ client, assert }) => {
    for (const who of ['head', 'city', 'community'] as const) {
      const user = await actor(who)
      for (const [module, statsRoute] of [[disclosures, 'api.disclosure_stats.index'], [proxyGovernance, 'api.proxy_governance_stats.index']] as const) {
        const stats = (await client.visit(statsRoute).loginAs(user)).body()
        const list = module.statistics!.records!.list
        for (const [key, metric] of Object.entries(module.statistics!.metrics)) {
          if (!metric.records) continue
          const totals = await client.visit(`api.${list}`).qs({ ...metric.records }).loginAs(user)
          totals.assertStatus(200)
          assert.equal(totals.body().meta.total, stats.meta.totals[key], `${who}: ${metric.label} (${key})`)
          // and per child row
          for (const row of stats.data) {
            const scope = row.level === 'estate' ? { estate_id: row.id } : { region_id: row.id }
            const rows = await client.visit(`api.${list}`).qs({ ...metric.records, ...scope }).loginAs(user)
            assert.equal(rows.body().meta.total, row[key], `${who}: ${row.name} ${metric.label}`)
          }
        }
      }
    }
  })

  test('export: the statistics with units and 合计; the records export keeps the 穿透 filters', async ({ client, assert }) => {
    const head = await actor('head')
    const stats = await client.visit('api.disclosure_stats.export').loginAs(head)
    stats.assertStatus(200)
    const sheet = await readSheet(stats.body())
    assert.deepEqual(sheet.rows[0].slice(0, 4), ['社区', '物业项目(个)', '本年已公开项目(个)', '信息公开率(%)'])
    assert.deepEqual(sheet.rows[1].slice(0, 6), ['园岭一社区', 2, 2, 100, 4, 0])
    assert.deepEqual(sheet.rows[3].slice(0, 6), ['合计', 4, 3, 75, 6, 1])
    const empty = await client.visit('api.disclosure_stats.export').qs({ region_id: R.gy1 }).loginAs(await actor('city'))
    const rows = (await readSheet(empty.body())).rows
    assert.equal(rows.at(-1)![0], '合计')

    const proxy = await client.visit('api.proxy_governance_stats.export').loginAs(head)
    proxy.assertStatus(200)
    const proxySheet = await readSheet(proxy.body())
    assert.deepEqual(proxySheet.rows[0].slice(0, 4), ['社区', '物业项目(个)', '未成立业委会项目(个)', '居代业项目(个)'])
    assert.deepEqual(proxySheet.rows[3].slice(0, 5), ['合计', 4, 2, 1, 2])

    const voided = await client.visit('api.disclosures.export').qs({ state: 'voided' }).loginAs(head)
    voided.assertStatus(200)
    assert.lengthOf((await readSheet(voided.body())).rows, 2)
    const declined = await client.visit('api.proxy_governances.export').qs({ state: 'ended', outcome: 'declined' }).loginAs(head)
    declined.assertStatus(200)
    assert.lengthOf((await readSheet(declined.body())).rows, 2)
  })

  test('scope: another district\'s region is a 404, an estate-side account has no statistics, bad filters are 422', async ({ client, assert }) => {
    const head = await actor('head')
    for (const route of ['api.disclosure_stats.index', 'api.proxy_governance_stats.index', 'api.disclosure_stats.export', 'api.proxy_governance_stats.export']) {
      ;(await client.visit(route).qs({ region_id: R.nanyuan }).loginAs(head)).assertStatus(404)
      ;(await client.visit(route).qs({ region_id: R.luohu }).loginAs(await actor('futian'))).assertStatus(404)
      ;(await client.visit(route).loginAs(await actor('manager'))).assertStatus(403)
      ;(await client.visit(route).qs({ region_id: 'x' }).loginAs(head)).assertStatus(422)
    }
    const luohu = await client.visit('api.disclosure_stats.index').loginAs(await actor('guiyuan'))
    assert.deepEqual(luohu.body().meta.totals.published, 0)
    const badTemplate = await client.visit('api.disclosures.index').qs({ template: 'NOT A CODE' }).loginAs(head)
    badTemplate.assertStatus(422)
    assert.equal(badTemplate.body().errors[0].field, 'template')
    const badOutcome = await client.visit('api.proxy_governances.index').qs({ outcome: 'unknown' }).loginAs(head)
    badOutcome.assertStatus(422)
    assert.equal(badOutcome.body().errors[0].field, 'outcome')
  })

  test('reconcile compares the new facts with PostgreSQL, and a rebuild gives the same numbers', async ({ client, assert }) => {
    const head = await actor('head')
    const before = (await client.visit('api.disclosure_stats.index').loginAs(head)).body().meta.totals
    const proxyBefore = (await client.visit('api.proxy_governance_stats.index').loginAs(head)).body().meta.totals
    const { differences } = await reconcileWarehouse()
    assert.deepEqual(differences.filter((d) => ['disclosure_facts', 'proxy_governance_facts'].includes(d.table)), [])
    await syncWarehouse()
    assert.deepEqual((await client.visit('api.disclosure_stats.index').loginAs(head)).body().meta.totals, before)
    assert.deepEqual((await client.visit('api.proxy_governance_stats.index').loginAs(head)).body().meta.totals, proxyBefore)
    // a fact the warehouse lost is found
    const warehouse = await app.container.make('warehouse')
    await warehouse.command("TRUNCATE TABLE proxy_governance_facts")
    const lost = await reconcileWarehouse()
    assert.isAbove(lost.differences.filter((d) => d.table === 'proxy_governance_facts').length, 0)
    await syncWarehouse()
  })
})
