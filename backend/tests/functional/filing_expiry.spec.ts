import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import clock from '#services/clock'
import { E, R, resetWorld } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { drain, reconcileWarehouse } from '#tests/support/warehouse'

/**
 * A contract filing is 已过期 from the day after its `expires_on` (Asia/Shanghai), as of the platform
 * clock — everywhere the state is read, without any job having run: the records list (穿透), the
 * estate's filing records, the warehouse statistics and the reconciliation.
 */
test.group('备案情况 · a contract expires by its date', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    return () => clock.reset()
  })

  /** e3 (园岭二社区) gets a contract that runs to 2026-11-30; the warehouse has caught up */
  async function contractUntilNovember30(client: any) {
    clock.travelTo('2026-11-20T10:00:00+08:00')
    const created = await client.visit('api.filings.store')
      .json({ estate_id: E.e3, kind: 'contract', document_no: 'HT-EXPIRY', filed_on: '2025-12-01', expires_on: '2026-11-30' })
      .loginAs(await actor('handler')).withCsrfToken()
    created.assertStatus(201)
    await drain()
    return created.body().data.id as number
  }

  async function record(client: any, query: Record<string, unknown> = {}) {
    const response = await client.visit('api.estate_filings.index').qs({ region_id: R.yuanling, ...query }).loginAs(await actor('handler'))
    response.assertStatus(200)
    return response.body()
  }

  async function yuanling2(client: any) {
    const response = await client.visit('api.filing_stats.index').qs({ region_id: R.yuanling }).loginAs(await actor('handler'))
    response.assertStatus(200)
    return response.body().data.find((row: any) => row.id === R.yl2)
  }

  async function estateRecords(client: any) {
    const response = await client.visit('api.filings.index', { id: E.e3 }).loginAs(await actor('handler'))
    response.assertStatus(200)
    return response.body().data.find((row: any) => row.kind === 'contract')
  }

  test('已备案 on its last day, 已过期 the day after: records, estate page and statistics agree', async ({ client, assert }) => {
    const id = await contractUntilNovember30(client)

    clock.travelTo('2026-11-30T23:59:59+08:00')
    const onLastDay = (await record(client, { estate_id: E.e3 })).data[0]
    assert.deepInclude(onLastDay, { contractStatus: 'filed', contractStatusName: '已备案', contractExpiresOn: '2026-11-30' })
    assert.deepInclude(await estateRecords(client), { id, status: 'filed', statusName: '已备案' })
    assert.deepInclude(await yuanling2(client), { contractFiled: 1, contractExpired: 0, contractNotFiled: 1 })

    // no write, no job, no drain: only the clock moves
    clock.travelTo('2026-12-01T00:00:00+08:00')
    const dayAfter = (await record(client, { estate_id: E.e3 })).data[0]
    assert.deepInclude(dayAfter, { contractStatus: 'expired', contractStatusName: '已过期', contractExpiresOn: '2026-11-30' })
    assert.deepInclude(await estateRecords(client), { id, status: 'expired', statusName: '已过期' })
    assert.deepInclude(await yuanling2(client), { contractFiled: 0, contractExpired: 1, contractNotFiled: 1 })

    // the 穿透 filters use the same state: the number 1 under 已过期 lists exactly that estate
    const expired = await record(client, { contract_status: 'expired' })
    assert.sameMembers(expired.data.map((row: any) => row.estateId), [E.e2, E.e3])
    const filed = await record(client, { contract_status: 'filed' })
    assert.sameMembers(filed.data.map((row: any) => row.estateId), [E.e1])

    // the stored status is untouched and the warehouse agrees with PostgreSQL
    assert.equal((await db.from('filings').where('id', id).first()).status, 'filed')
    const check = await reconcileWarehouse()
    assert.lengthOf(check.differences, 0)
  })

  test('an expired-by-date contract is renewed with a new expiry date; it cannot be marked expired again', async ({ client, assert }) => {
    const id = await contractUntilNovember30(client)
    clock.travelTo('2026-12-05T09:00:00+08:00')
    const handler = await actor('handler')

    const expire = await client.visit('api.filings.update', { id }).json({ status: 'expired', version: 1 }).loginAs(handler).withCsrfToken()
    expire.assertStatus(422)

    // renewing without a date in the future would leave it expired: refused on the field
    const stillPast = await client.visit('api.filings.update', { id }).json({ status: 'filed', version: 1 }).loginAs(handler).withCsrfToken()
    stillPast.assertStatus(422)
    assert.equal(stillPast.body().errors[0].field, 'expires_on')
    assert.match(stillPast.body().errors[0].message, /[\u4e00-\u9fa5]/)

    const renewed = await client.visit('api.filings.update', { id })
      .json({ status: 'filed', version: 1, expires_on: '2029-11-30', remark: '续签' }).loginAs(handler).withCsrfToken()
    renewed.assertStatus(200)
    assert.deepInclude(renewed.body().data, { status: 'filed', expiresOn: '2029-11-30', version: 2 })
    // the history says what the user saw: 已过期 → 已备案
    assert.deepEqual(renewed.body().data.history.at(-1), { ...renewed.body().data.history.at(-1), action: 'renew', fromStatus: 'expired', toStatus: 'filed', remark: '续签' })
    await drain()
    assert.deepInclude(await yuanling2(client), { contractFiled: 1, contractExpired: 0 })
    assert.lengthOf((await reconcileWarehouse()).differences, 0)
  })
})

test.group('备案情况 · an assembly filing does not expire', (group) => {
  group.each.setup(() => resetWorld())

  test('PATCH status expired on an 业主大会备案 is a field-level 422 and changes nothing', async ({ client, assert }) => {
    const before = await db.from('filings').where('id', 2).first()
    const [{ n: outboxBefore }] = await db.from('outbox_events').count('* as n')
    const [{ n: eventsBefore }] = await db.from('filing_events').count('* as n')
    const response = await client.visit('api.filings.update', { id: 2 })
      .json({ status: 'expired', version: 1 }).loginAs(await actor('handler')).withCsrfToken()
    response.assertStatus(422)
    const [error] = response.body().errors
    assert.equal(error.field, 'status')
    assert.equal(error.message, '业主大会备案不会过期，不能标记为已过期')
    assert.deepEqual(await db.from('filings').where('id', 2).first(), before)
    assert.equal((await db.from('outbox_events').count('* as n'))[0].n, outboxBefore)
    assert.equal((await db.from('filing_events').count('* as n'))[0].n, eventsBefore)
  })

  test('the database refuses an expired assembly filing too', async ({ assert }) => {
    await assert.rejects(() => db.from('filings').where('id', 2).update({ status: 'expired' }))
  })
})
