import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { E, resetWorld } from '#tests/support/world'
import { actor } from '#tests/support/actors'

async function counts() {
  const [filings, events, outbox] = await Promise.all([
    db.from('filings').count('* as n').first(),
    db.from('filing_events').count('* as n').first(),
    db.from('outbox_events').count('* as n').first(),
  ])
  return { filings: Number(filings.n), events: Number(events.n), outbox: Number(outbox.n) }
}

test.group('备案情况 · registering and changing filings', (group) => {
  group.each.setup(() => resetWorld())

  test('a street clerk registers a filing: record, history and outbox in one go', async ({ client, assert }) => {
    const response = await client.visit('api.filings.store')
      .json({ estate_id: E.e3, kind: 'contract', document_no: 'HT-2026-001', filed_on: '2026-11-01', expires_on: '2029-10-31' })
      .loginAs(await actor('handler')).withCsrfToken()
    response.assertStatus(201)
    const { data } = response.body()
    assert.deepInclude(data, { estateId: E.e3, kind: 'contract', status: 'filed', documentNo: 'HT-2026-001', filedOn: '2026-11-01', expiresOn: '2029-10-31', version: 1 })
    assert.deepEqual(data.history.map((h: any) => h.action), ['create'])
    // the warehouse gets the filing itself (备案情况 facts are one row per filing)
    const outbox = await db.from('outbox_events').where('entity_id', E.e3).orderBy('id', 'desc').first()
    assert.equal(outbox.topic, 'filing')
    assert.deepEqual(outbox.payload, { filing_id: data.id, estate_id: E.e3, kind: 'contract', status: 'filed', filed_on: '2026-11-01', expires_on: '2029-10-31' })
  })

  test('bad input is refused field by field and changes nothing', async ({ client, assert }) => {
    const before = await counts()
    const response = await client.visit('api.filings.store')
      .json({ estate_id: 'x', kind: 'lease', document_no: '', filed_on: '2026-13-45', expires_on: '2020-01-01' })
      .loginAs(await actor('handler')).withCsrfToken()
    response.assertStatus(422)
    const fields = response.body().errors.map((e: any) => e.field)
    assert.includeMembers(fields, ['estate_id', 'kind', 'document_no', 'filed_on'])
    assert.equal(response.body().errors.find((e: any) => e.field === 'kind').message, '备案类型的取值无效')
    assert.deepEqual(await counts(), before)
  })

  test('an estate outside the street is a 404 and nothing is written', async ({ client, assert }) => {
    const before = await counts()
    const response = await client.visit('api.filings.store')
      .json({ estate_id: E.e4, kind: 'contract', document_no: 'X', filed_on: '2026-11-01' })
      .loginAs(await actor('handler')).withCsrfToken()
    response.assertStatus(404)
    assert.deepEqual(await counts(), before)
  })

  test('marking expired bumps the version and appends history', async ({ client, assert }) => {
    const response = await client.visit('api.filings.update', { id: 1 })
      .json({ status: 'expired', version: 1, remark: '合同到期未续签' })
      .loginAs(await actor('handler')).withCsrfToken()
    response.assertStatus(200)
    assert.deepInclude(response.body().data, { status: 'expired', statusName: '已过期', version: 2 })
    assert.deepEqual(response.body().data.history.map((h: any) => [h.action, h.remark]), [['create', null], ['expire', '合同到期未续签']])
    const outbox = await db.from('outbox_events').where('entity_id', E.e1).orderBy('id', 'desc').first()
    assert.equal(outbox.topic, 'filing')
    assert.deepInclude(outbox.payload, { filing_id: 1, estate_id: E.e1, status: 'expired' })
  })

  test('a stale version is refused with 409 and applies nothing (double submit)', async ({ client, assert }) => {
    const handler = await actor('handler')
    const first = await client.visit('api.filings.update', { id: 1 }).json({ status: 'expired', version: 1 }).loginAs(handler).withCsrfToken()
    first.assertStatus(200)
    const before = await counts()
    const second = await client.visit('api.filings.update', { id: 1 }).json({ status: 'expired', version: 1 }).loginAs(handler).withCsrfToken()
    second.assertStatus(422)
    const stale = await client.visit('api.filings.update', { id: 1 }).json({ status: 'filed', version: 1 }).loginAs(handler).withCsrfToken()
    stale.assertStatus(409)
    stale.assertBody({ errors: [{ message: '该记录已被他人修改，请刷新后重试' }] })
    assert.deepEqual(await counts(), before)
    const row = await db.from('filings').where('id', 1).first()
    assert.equal(row.version, 2)
  })

  test('withdrawing needs a reason, then the estate counts as not filed', async ({ client, assert }) => {
    const handler = await actor('handler')
    const noReason = await client.visit('api.filings.destroy', { id: 1 }).json({ version: 1 }).loginAs(handler).withCsrfToken()
    noReason.assertStatus(422)
    assert.equal(noReason.body().errors[0].field, 'remark')
    const response = await client.visit('api.filings.destroy', { id: 1 }).json({ version: 1, remark: '登记错误' }).loginAs(handler).withCsrfToken()
    response.assertStatus(200)
    assert.equal(response.body().data.status, 'withdrawn')
    const state = await db.from('estate_filing_states').where('estate_id', E.e1).first()
    assert.equal(state.contract_status, 'not_filed')
    const again = await client.visit('api.filings.destroy', { id: 1 }).json({ version: 2, remark: '再次撤销' }).loginAs(handler).withCsrfToken()
    again.assertStatus(422)
  })

  test('a filing of another street is a 404 for updates', async ({ client, assert }) => {
    const response = await client.visit('api.filings.update', { id: 5 }).json({ status: 'expired', version: 1 }).loginAs(await actor('handler')).withCsrfToken()
    response.assertStatus(404)
    const row = await db.from('filings').where('id', 5).first()
    assert.equal(row.status, 'filed')
  })

  test('roles without the manage feature cannot write', async ({ client, assert }) => {
    const before = await counts()
    for (const who of ['party', 'futian', 'community'] as const) {
      const response = await client.visit('api.filings.store')
        .json({ estate_id: E.e3, kind: 'contract', document_no: 'X', filed_on: '2026-11-01' })
        .loginAs(await actor(who)).withCsrfToken()
      response.assertStatus(403)
    }
    assert.deepEqual(await counts(), before)
  })
})
