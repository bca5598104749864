import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { tenders } from '@szpm/core'
import clock from '#services/clock'
import { invalidateCalendar } from '#services/working_days'
import { E, R, USERS, resetWorld, type WorldUser } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { resetCalendar } from '#tests/support/calendar'
import { readSheet } from '#tests/support/excel'
import { drain, reconcileWarehouse, syncWarehouse } from '#tests/support/warehouse'
import { publishTenderRounds } from '#modules/tenders/tender_service'
import { remindTenders } from '#modules/tenders/remind_tenders'

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(300, 0x20)])
const METRICS = Object.keys(tenders.statistics!.metrics)
const BUCKETS = ['normalRounds', 'overdueRounds', 'severeRounds', 'unknownRounds'] as const
const at = (moment: string) => clock.travelTo(`${moment}+08:00`)
const pick = (row: Record<string, unknown>, keys: readonly string[]) => Object.fromEntries(keys.map((key) => [key, row[key]]))

const FIELDS = {
  tenderer_name: '翠园小区业主委员会', title: '翠园小区物业服务企业选聘', tender_method: 'public', resolution: '翠园业主大会〔2026〕1号决议',
  service_scope: '保洁、绿化、秩序维护', contact_name: '李主任', contact_phone: '13800000003',
}

async function post(client: any, who: WorldUser, path: string, body: Record<string, unknown>) {
  const response = await client.post(`/api/v1/tenders${path}`).json(body).withCsrfToken().loginAs(await actor(who))
  if (response.status() >= 300) throw new Error(`${path}: ${response.status()} ${JSON.stringify(response.body())}`)
  return response.body().data
}

async function file(client: any, who: WorldUser, estateId: number, extra: Record<string, unknown> = {}) {
  const upload = await client.post('/api/v1/tenders/attachments').file('file', PDF, { filename: '招标文件.pdf' }).withCsrfToken().loginAs(await actor(who))
  const kind = who === 'director' ? 'committee' : 'developer'
  return post(client, who, '', { estate_id: estateId, tenderer_kind: kind, ...FIELDS, ...extra, attachments: [upload.body().data.token] })
}

const stats = async (client: any, who: WorldUser, qs: Record<string, unknown> = {}) => {
  const response = await client.get('/api/v1/stats/tenders').qs(qs).loginAs(await actor(who))
  response.assertStatus(200)
  return response.body()
}

/**
 * The world of these tests, through the API (every step writes its outbox events):
 * A (e1, 业委会, 公开招标): filed 9/24, 初审 9/28, 终审 同意 9/30 — round 1 approved after 3 working days;
 * B (e2, 建设单位 via the handler, 邀请招标): filed 9/30 (the day before 国庆), 初审 10/9, 终审 返回上一级 10/10
 *   (调休 Saturday, same round), 初审 10/12, 终审 不同意 10/13 (round 1: 5 working days, 正常办理), resubmitted 10/14
 *   (round 2, open);
 * C (e1, 业委会): filed 12/28, open (its count needs 2027 as of January).
 */
async function buildWorld(client: any) {
  at('2026-09-24T09:00:00')
  let a = await file(client, 'director', E.e1)
  at('2026-09-28T10:00:00')
  a = await post(client, 'handler', `/${a.id}/first-review`, { opinion: 'agree', version: a.version })
  at('2026-09-30T16:00:00')
  a = await post(client, 'head', `/${a.id}/final-review`, { decision: 'approve', version: a.version })

  at('2026-09-30T10:00:00')
  let b = await file(client, 'handler', E.e2, { tenderer_name: '锦华置业有限公司', tender_method: 'invited' })
  at('2026-10-09T10:00:00')
  b = await post(client, 'handler', `/${b.id}/first-review`, { opinion: 'agree', version: b.version })
  at('2026-10-10T10:00:00')
  b = await post(client, 'head', `/${b.id}/final-review`, { decision: 'return', remark: '请补充评标办法', version: b.version })
  at('2026-10-12T10:00:00')
  b = await post(client, 'handler', `/${b.id}/first-review`, { opinion: 'agree', version: b.version })
  at('2026-10-13T10:00:00')
  b = await post(client, 'head', `/${b.id}/final-review`, { decision: 'reject', remark: '服务标准与决议不一致', version: b.version })
  at('2026-10-14T10:00:00')
  b = await post(client, 'handler', `/${b.id}/resubmit`, { ...FIELDS, tenderer_name: '锦华置业有限公司', tender_method: 'invited', version: b.version })

  at('2026-12-28T10:00:00')
  const c = await file(client, 'director', E.e1, { title: '翠园小区物业服务续聘' })
  return { a: a.id as number, b: b.id as number, c: c.id as number }
}

test.group('招标投标统计 · from the warehouse', (group) => {
  group.setup(() => resetCalendar())
  group.each.setup(async () => {
    await resetWorld()
    await syncWarehouse()
    return () => clock.reset()
  })

  test('every step reaches tender_round_facts through the outbox; the three statistics per community, estate, street and city', async ({ client, assert }) => {
    const ids = await buildWorld(client)
    await drain()
    at('2026-12-30T10:00:00')
    const street = await stats(client, 'head')
    assert.deepEqual(street.data.map((row: any) => pick(row, ['name', 'estates', 'usingEstates', 'filings', 'approvedFilings', 'firstReviewFilings', 'rounds'])), [
      { name: '园岭一社区', estates: 2, usingEstates: 2, filings: 3, approvedFilings: 1, firstReviewFilings: 2, rounds: 4 },
      { name: '园岭二社区', estates: 2, usingEstates: 0, filings: 0, approvedFilings: 0, firstReviewFilings: 0, rounds: 0 },
    ])
    assert.deepInclude(street.meta.totals, {
      filings: 3, firstReviewFilings: 2, finalReviewFilings: 0, rejectedFilings: 0, approvedFilings: 1,
      publicFilings: 2, invitedFilings: 1, committeeFilings: 2, developerFilings: 1,
      rounds: 4, approvedRounds: 1, rejectedRounds: 1, openRounds: 2,
      // A: 3 days; B1: 9/30 → 10/13 = 10/8, 10/9, 10/10 (调休), 10/12, 10/13 = 5 days; B2: 10/14 → 12/30 严重超期; C: 12/28 → 12/30 = 2 days
      normalRounds: 3, overdueRounds: 0, severeRounds: 1, unknownRounds: 0,
    })
    // the community drills to its estates; an estate row's numbers are its filings'
    const community = await stats(client, 'head', { region_id: R.yl1 })
    assert.deepEqual(community.data.map((row: any) => [row.id, row.level, row.filings, row.rounds, row.developerFilings]), [[E.e1, 'estate', 2, 2, 0], [E.e2, 'estate', 1, 2, 1]])
    const city = await stats(client, 'city')
    assert.deepEqual(city.data.map((row: any) => [row.name, row.filings, row.usingEstates]), [['福田区', 3, 2], ['罗湖区', 0, 0]])

    // as of 2027-01-05 (the calendar lacks 2027) the open rounds of C and B2 show 未知
    at('2027-01-05T10:00:00')
    assert.deepInclude((await stats(client, 'head')).meta.totals, { normalRounds: 2, severeRounds: 0, unknownRounds: 2 })
    // PostgreSQL says the same round by round
    const buckets = { normal: 0, overdue: 0, severe: 0, unknown: 0 } as Record<string, number>
    for (const id of Object.values(ids)) {
      const detail = (await client.get(`/api/v1/tenders/${id}`).loginAs(await actor('head'))).body().data
      for (const round of detail.rounds) buckets[round.sla.bucket]++
    }
    assert.deepEqual(buckets, { normal: 2, overdue: 0, severe: 0, unknown: 2 })

    const { differences } = await reconcileWarehouse()
    assert.deepEqual(differences.filter((d) => d.table === 'tender_round_facts'), [])
  })

  test('every cell opens the filings behind it, in the same number; the estate row opens its filings', async ({ client, assert }) => {
    await buildWorld(client)
    await drain()
    at('2026-12-30T10:00:00')
    for (const who of ['head', 'city'] as const) {
      const user = await actor(who)
      const { meta } = await stats(client, who)
      for (const [key, metric] of Object.entries(tenders.statistics!.metrics)) {
        if (!metric.records) continue
        const list = await client.get('/api/v1/tenders').qs({ ...metric.records }).loginAs(user)
        list.assertStatus(200)
        assert.equal(list.body().meta.total, meta.totals[key], `${who}: ${metric.label} (${key})`)
      }
    }
    const e2 = await client.get('/api/v1/tenders').qs({ estate_id: E.e2, round_decision: 'rejected' }).loginAs(await actor('head'))
    assert.deepEqual(e2.body().data.map((row: any) => [row.tendererKindName, row.tenderMethodName, row.round, row.slaBucketName]), [['建设单位', '邀请招标', 2, '严重超期']])
  })

  test('the rebuild gives the same numbers as the outbox; export with 合计; scope and bad input', async ({ client, assert }) => {
    await buildWorld(client)
    await drain()
    at('2026-12-30T10:00:00')
    const drained = await stats(client, 'head')
    await syncWarehouse()
    const rebuilt = await stats(client, 'head')
    assert.deepEqual(rebuilt.data.map((row: any) => pick(row, METRICS)), drained.data.map((row: any) => pick(row, METRICS)))
    assert.deepEqual(pick(rebuilt.meta.totals, METRICS), pick(drained.meta.totals, METRICS))

    const exported = await client.get('/api/v1/stats/tenders/export').loginAs(await actor('head'))
    exported.assertStatus(200)
    const sheet = await readSheet(exported.body())
    assert.include(JSON.stringify(sheet.rows), '招标文件备案使用情况')
    assert.include(JSON.stringify(sheet.rows), '合计')

    // another street's region: 404; a bad region id: 422 in Chinese; an estate-side account: 403
    ;(await client.get('/api/v1/stats/tenders').qs({ region_id: R.nanyuan }).loginAs(await actor('handler'))).assertStatus(404)
    const bad = await client.get('/api/v1/stats/tenders').qs({ region_id: 'abc' }).loginAs(await actor('head'))
    bad.assertStatus(422)
    ;(await client.get('/api/v1/stats/tenders').loginAs(await actor('director'))).assertStatus(403)
    for (const [qs, field] of [[{ round_sla: 'late' }, 'round_sla'], [{ tender_method: 'x' }, 'tender_method'], [{ round_decision: 'maybe' }, 'round_decision'], [{ tenderer_kind: 'bank' }, 'tenderer_kind']] as const) {
      const badList = await client.get('/api/v1/tenders').qs(qs).loginAs(await actor('head'))
      badList.assertStatus(422)
      assert.equal(badList.body().errors[0].field, field)
      assert.match(badList.body().errors[0].message, /[\u4e00-\u9fa5]/)
    }
  })
})

test.group('招标投标统计 · SLA edges in the warehouse equal PostgreSQL', (group) => {
  group.setup(() => resetCalendar())
  group.each.setup(async () => {
    await resetWorld()
    await syncWarehouse()
    return async () => {
      clock.reset()
      await resetCalendar()
    }
  })

  /** a filing with its rounds inserted directly ([start, end|null, decision]), published through the outbox */
  async function seed(rounds: [string, string | null, 'approved' | 'rejected' | null][]) {
    const last = rounds[rounds.length - 1]
    const state = last[2] ?? 'first_review'
    return db.transaction(async (trx) => {
      const [row] = await trx.table('tenders').insert({
        filing_no: `ZBBA-T-${Math.random()}`, estate_id: E.e1, tenderer_kind: 'committee', tenderer_name: '翠园业委会', title: '招标',
        tender_method: 'public', resolution: '决议', service_scope: '', contact_name: '李', contact_phone: '13800000003', state, version: 1, round: rounds.length,
        round_started_at: new Date(`${last[0]}+08:00`), decided_at: last[1] ? new Date(`${last[1]}+08:00`) : null, submitted_by: USERS.director.id,
        created_at: new Date(), updated_at: new Date(),
      }).returning('id')
      const id = Number(row.id)
      await trx.table('tender_rounds').multiInsert(rounds.map(([start, end, decision], i) => ({
        tender_id: id, round: i + 1, submitted_at: new Date(`${start}+08:00`), decided_at: end ? new Date(`${end}+08:00`) : null, decision,
      })))
      await publishTenderRounds(trx, [id])
      return id
    })
  }

  /** the warehouse's round buckets and PostgreSQL's (the detail's rounds), as of the platform's today */
  async function both(client: any, ids: number[]) {
    await drain()
    const totals = (await stats(client, 'head')).meta.totals
    const warehouse = pick(totals, BUCKETS)
    const pg = { normalRounds: 0, overdueRounds: 0, severeRounds: 0, unknownRounds: 0 } as Record<string, number>
    for (const id of ids) {
      for (const round of (await client.get(`/api/v1/tenders/${id}`).loginAs(await actor('head'))).body().data.rounds) pg[`${round.sla.bucket}Rounds`]++
    }
    return { warehouse, pg }
  }

  test('decided rounds: the day before 国庆, the 调休 Saturday, a Sunday start, 5/6 and 9/10, 春节, a late-evening decision', async ({ client, assert }) => {
    const cases: [string, string, string][] = [
      ['2026-09-30T16:00:00', '2026-10-08T09:00:00', 'normalRounds'],
      ['2026-10-09T10:00:00', '2026-10-10T10:00:00', 'normalRounds'],
      ['2026-10-11T10:00:00', '2026-10-12T10:00:00', 'normalRounds'],
      ['2026-09-24T10:00:00', '2026-10-09T10:00:00', 'normalRounds'],
      ['2026-09-24T10:00:00', '2026-10-10T10:00:00', 'overdueRounds'],
      ['2026-09-24T10:00:00', '2026-10-14T10:00:00', 'overdueRounds'],
      ['2026-09-24T10:00:00', '2026-10-15T10:00:00', 'severeRounds'],
      ['2026-02-13T10:00:00', '2026-02-27T10:00:00', 'normalRounds'],
      ['2026-02-13T10:00:00', '2026-02-28T10:00:00', 'overdueRounds'],
      ['2026-09-23T23:30:00', '2026-09-24T23:59:00', 'normalRounds'],
    ]
    at('2026-11-02T10:00:00')
    const ids: number[] = []
    for (const [start, end, bucket] of cases) {
      ids.push(await seed([[start, end, 'approved']]))
      const { warehouse, pg } = await both(client, ids)
      assert.deepEqual(warehouse, pg, `${start} → ${end}`)
      assert.equal(warehouse[bucket], cases.filter((c, i) => i < ids.length && c[2] === bucket).length, `${start} → ${end}: ${bucket}`)
    }
    // the facts carry the elapsed working days of each decided round
    const { raw } = await import('@szpm/warehouse')
    const app = (await import('@adonisjs/core/services/app')).default
    const warehouse = await app.container.make('warehouse')
    const rows = await warehouse.query<{ working_days: number }>(raw('SELECT working_days FROM tender_round_facts FINAL ORDER BY round_id'))
    assert.deepEqual(rows.map((row) => Number(row.working_days)), [1, 1, 1, 5, 6, 9, 10, 5, 6, 1])
  })

  test('open rounds as of today; resubmission (a new clock), 返回上一级 (same clock); the unknown year, then published and re-published', async ({ client, assert }) => {
    // round 1 rejected after 2 days, round 2 open from 10/9; and a round open since 9/24
    const resubmitted = await seed([['2026-09-24T10:00:00', '2026-09-29T10:00:00', 'rejected'], ['2026-10-09T10:00:00', null, null]])
    const open = await seed([['2026-09-24T10:00:00', null, null]])
    at('2026-10-08T16:59:00')
    let { warehouse, pg } = await both(client, [resubmitted, open])
    assert.deepEqual(warehouse, pg)
    assert.deepEqual(warehouse, { normalRounds: 3, overdueRounds: 0, severeRounds: 0, unknownRounds: 0 })
    at('2026-10-10T10:00:00')
    ;({ warehouse, pg } = await both(client, [resubmitted, open]))
    assert.deepEqual(warehouse, pg)
    assert.deepEqual(warehouse, { normalRounds: 2, overdueRounds: 1, severeRounds: 0, unknownRounds: 0 })
    at('2026-10-15T10:00:00')
    ;({ warehouse, pg } = await both(client, [resubmitted, open]))
    assert.deepEqual(warehouse, pg)
    assert.deepEqual(warehouse, { normalRounds: 2, overdueRounds: 0, severeRounds: 1, unknownRounds: 0 })

    // 2027 is not in the calendar: open in January → 未知, never a guess
    const late = await seed([['2026-12-28T10:00:00', null, null]])
    at('2026-12-31T10:00:00')
    ;({ warehouse, pg } = await both(client, [resubmitted, open, late]))
    assert.deepEqual(warehouse, pg)
    assert.equal(warehouse.unknownRounds, 0)
    at('2027-01-05T10:00:00')
    ;({ warehouse, pg } = await both(client, [resubmitted, open, late]))
    assert.deepEqual(warehouse, pg)
    assert.equal(warehouse.unknownRounds, 3)
    await remindTenders()
    // the city admin publishes 2027 (empty: 1/1 counts as a weekday); the reminder run closes the to-dos and re-publishes the rounds
    await db.table('calendar_years').insert({ year: 2027, published: true, source: '手工录入', updated_at: new Date() })
    invalidateCalendar()
    await remindTenders()
    ;({ warehouse, pg } = await both(client, [resubmitted, open, late]))
    assert.deepEqual(warehouse, pg)
    assert.deepEqual(warehouse, { normalRounds: 1, overdueRounds: 1, severeRounds: 2, unknownRounds: 0 })
    const { differences } = await reconcileWarehouse()
    assert.deepEqual(differences.filter((d) => d.table === 'tender_round_facts'), [])
  })
})
