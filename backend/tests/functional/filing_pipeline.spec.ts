import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { R, E, resetWorld } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { drain, reconcileWarehouse } from '#tests/support/warehouse'

/** API write → outbox → ETL drain → ClickHouse → API read, with the real pieces. */
test.group('备案情况 · from a filing change to the dashboard', (group) => {
  group.each.setup(() => resetWorld())

  async function yuanling2(client: any) {
    const response = await client.visit('api.filing_stats.index').loginAs(await actor('handler'))
    return response.body().data.find((row: any) => row.id === R.yl2)
  }

  test('a new filing shows up in the statistics once the outbox is drained', async ({ client, assert }) => {
    assert.equal((await yuanling2(client)).contractFiled, 0)
    const created = await client.visit('api.filings.store')
      .json({ estate_id: E.e3, kind: 'contract', document_no: 'HT-NEW', filed_on: '2026-11-20' })
      .loginAs(await actor('handler')).withCsrfToken()
    created.assertStatus(201)
    // not yet applied: the warehouse only learns through the ETL
    assert.equal((await yuanling2(client)).contractFiled, 0)
    const result = await drain()
    assert.equal(result.events, 1)
    const row = await yuanling2(client)
    assert.equal(row.contractFiled, 1)
    assert.equal(row.contractNotFiled, 1)
    assert.equal(row.contractRate, 0.5)
  })

  test('status change and withdrawal move the numbers; replays never double count', async ({ client, assert }) => {
    const handler = await actor('handler')
    await client.visit('api.filings.update', { id: 1 }).json({ status: 'expired', version: 1 }).loginAs(handler).withCsrfToken()
    await client.visit('api.filings.destroy', { id: 4 }).json({ version: 1, remark: '登记错误' }).loginAs(handler).withCsrfToken()
    await drain()
    const stats = async () => (await client.visit('api.filing_stats.index').loginAs(handler)).body().meta.totals
    const after = await stats()
    assert.deepInclude(after, { estates: 4, contractFiled: 0, contractExpired: 2, contractNotFiled: 2, assemblyFiled: 1, assemblyNotFiled: 3 })

    // replay the whole outbox twice from the start
    for (let i = 0; i < 2; i++) {
      await db.from('etl_watermarks').where('name', 'outbox').update({ last_id: 0 })
      const replay = await drain()
      assert.isAbove(replay.events, 0)
      assert.deepEqual(await stats(), after)
    }
    const check = await reconcileWarehouse()
    assert.lengthOf(check.differences, 0)
    assert.equal(check.checked, 6)
  })

  test('reconciliation reports an estate the warehouse has not caught up with', async ({ client, assert }) => {
    await client.visit('api.filings.store')
      .json({ estate_id: E.e6, kind: 'assembly', document_no: 'YZ-NEW', filed_on: '2026-11-20' })
      .loginAs(await actor('handler')).withCsrfToken()
    const before = await reconcileWarehouse()
    assert.deepEqual(before.differences.map((d: any) => d.estateId), [E.e6])
    await drain()
    const after = await reconcileWarehouse()
    assert.lengthOf(after.differences, 0)
  })
})
