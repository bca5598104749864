import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { R, resetWorld } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { drain } from '#tests/support/warehouse'
import { withWarehouseAt } from '#tests/support/faults'
import { readiness, readinessOptions } from '#modules/health/health_service'

/**
 * /health/live and /health/ready (app/modules/health), and what the API answers while ClickHouse is
 * unreachable: statistics a 503 with a Chinese message and Retry-After (never a 500, never a number),
 * records and to-dos as usual.
 */
test.group('health · liveness and readiness probes', (group) => {
  group.setup(async () => {
    await resetWorld()
    await drain() // nothing undrained: the outbox check passes
  })

  test('/health/live answers 200 without a session, a cookie or any dependency', async ({ client, assert }) => {
    const response = await client.get('/health/live')
    response.assertStatus(200)
    assert.deepEqual(response.body(), { status: 'ok' })
    assert.equal(response.header('cache-control'), 'no-store')
    assert.isUndefined(response.header('set-cookie'), 'a probe creates no session')
    // a write method is refused, without CSRF or login getting involved
    const post = await client.post('/health/live')
    post.assertStatus(405)
  })

  test('/health/ready checks PostgreSQL, Redis, ClickHouse and the outbox lag', async ({ client, assert }) => {
    const response = await client.get('/health/ready')
    response.assertStatus(200)
    const body = response.body()
    assert.equal(body.status, 'ok')
    assert.deepEqual(body.failed, [])
    assert.sameMembers(Object.keys(body.checks), ['postgres', 'redis', 'clickhouse', 'outbox'])
    for (const result of Object.values(body.checks) as any[]) assert.isTrue(result.ok)
    assert.equal(body.checks.outbox.events, 0)
    assert.isUndefined(response.header('set-cookie'))
  })

  test('ClickHouse unreachable → /health/ready is 503 naming it, within about a second', async ({ client, assert }) => {
    await withWarehouseAt(async () => {
      const started = Date.now()
      const response = await client.get('/health/ready')
      assert.isBelow(Date.now() - started, 1500)
      response.assertStatus(503)
      assert.equal(response.body().status, 'unavailable')
      assert.deepEqual(response.body().failed, ['clickhouse'])
      assert.match(response.body().checks.clickhouse.error, /ECONNREFUSED/)
      assert.isTrue(response.body().checks.postgres.ok)
    })
    ;(await client.get('/health/ready')).assertStatus(200)
  })

  test('a ClickHouse that accepts connections but never answers fails the check at its timeout', async ({ client, assert }) => {
    const net = await import('node:net')
    const sockets: import('node:net').Socket[] = []
    const silent = net.createServer((socket) => sockets.push(socket)) // accepts, never replies
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const { port } = silent.address() as import('node:net').AddressInfo
    try {
      await withWarehouseAt(async () => {
        const started = Date.now()
        const response = await client.get('/health/ready')
        const took = Date.now() - started
        response.assertStatus(503)
        assert.deepEqual(response.body().failed, ['clickhouse'])
        assert.match(response.body().checks.clickhouse.error, /no answer within/)
        assert.isBelow(took, readinessOptions().timeoutMs + 1000)
      }, `http://127.0.0.1:${port}`)
    } finally {
      sockets.forEach((socket) => socket.destroy())
      await new Promise<void>((resolve) => silent.close(() => resolve()))
    }
  })

  test('an outbox the ETL has not drained for too long makes the API not ready', async ({ assert, cleanup }) => {
    const [row] = await db
      .table('outbox_events')
      .insert({ topic: 'health.probe', entity_id: 0, payload: JSON.stringify({}), created_at: new Date(Date.now() - 3600_000) })
      .returning('id')
    cleanup(() => db.from('outbox_events').where('id', row.id ?? row).delete())
    const options = { ...readinessOptions(), maxOutboxAgeSeconds: 600 }
    const result = await readiness(options)
    assert.deepEqual(result.failed, ['outbox'])
    assert.equal(result.checks.outbox.events, 1)
    assert.isAtLeast(result.checks.outbox.oldestAgeSeconds as number, 3599)
    // within the configured thresholds it is ready
    const relaxed = await readiness({ ...options, maxOutboxAgeSeconds: 7200 })
    assert.equal(relaxed.status, 'ok')
  })
})

test.group('statistics while ClickHouse is down', (group) => {
  group.setup(() => resetWorld())

  test('statistics answer 503 with a Chinese message and Retry-After; records and to-dos keep working', async ({ client, assert }) => {
    const handler = await actor('handler')
    await withWarehouseAt(async () => {
      for (const route of ['api.filing_stats.index', 'api.filing_stats.export']) {
        const response = await client.visit(route).loginAs(handler)
        response.assertStatus(503)
        assert.deepEqual(response.body(), { errors: [{ message: '统计服务暂时不可用，请稍后重试' }] }, route)
        assert.equal(response.header('retry-after'), '30', route)
      }
      const records = await client.visit('api.estate_filings.index').loginAs(handler)
      records.assertStatus(200)
      assert.isAbove(records.body().data.length, 0)
      const todos = await client.visit('api.todos.index').loginAs(handler)
      todos.assertStatus(200)
    })
    // back: the same numbers as before the outage
    const after = await client.visit('api.filing_stats.index').qs({ region_id: R.yuanling }).loginAs(handler)
    after.assertStatus(200)
    assert.deepInclude(after.body().meta.totals, { estates: 4, contractFiled: 1 })
  })
})
