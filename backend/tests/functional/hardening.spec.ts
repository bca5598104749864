import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import redis from '@adonisjs/redis/services/main'
import { randomUUID } from 'node:crypto'
import { E, PASSWORD, USERS, resetWorld } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { liftOtpLimits, resetOtp } from '#tests/support/identity'
import { otpService } from '#services/otp_service'
import { resetLoginGuard } from '#modules/sessions/login_guard'

/**
 * Findings of the hardening probe (issue 13, point 5), one group each: what a hostile or careless
 * client sent, and what the API must answer instead.
 */

async function filingCounts() {
  const [filings, events, outbox] = await Promise.all([
    db.from('filings').count('* as n').first(),
    db.from('filing_events').count('* as n').first(),
    db.from('outbox_events').count('* as n').first(),
  ])
  return { filings: Number(filings.n), events: Number(events.n), outbox: Number(outbox.n) }
}

test.group('Hardening · integers bounded by their column', (group) => {
  group.each.setup(() => resetWorld())

  test('a version beyond (or at the edge of) a PostgreSQL integer is a 422/409, never a 500', async ({ client, assert }) => {
    const before = await filingCounts()
    const handler = await actor('handler')
    for (const version of [2147483648, 2147483647, 9007199254740993, -2147483649]) {
      const update = await client.patch('/api/v1/filings/1').json({ status: 'expired', version }).loginAs(handler).withCsrfToken()
      assert.include([409, 422], update.status(), `PATCH version ${version}: ${JSON.stringify(update.body())}`)
      const withdraw = await client.delete('/api/v1/filings/1').json({ version, remark: '撤销' }).loginAs(handler).withCsrfToken()
      assert.include([409, 422], withdraw.status(), `DELETE version ${version}: ${JSON.stringify(withdraw.body())}`)
    }
    assert.deepEqual(await filingCounts(), before)
  })

  test('an id beyond a PostgreSQL integer is a field error', async ({ client, assert }) => {
    const handler = await actor('handler')
    const body = await client.post('/api/v1/filings')
      .json({ estate_id: 2147483648, kind: 'contract', document_no: 'X', filed_on: '2026-11-01' }).loginAs(handler).withCsrfToken()
    body.assertStatus(422)
    assert.equal(body.body().errors[0].field, 'estate_id')
    const query = await client.get('/api/v1/filings/estates').qs({ region_id: '2147483648' }).loginAs(handler)
    query.assertStatus(422)
  })
})

test.group('Hardening · wrong types are refused, not coerced', (group) => {
  group.each.setup(() => resetWorld())

  test('booleans and numeric text are not numbers in a JSON body', async ({ client, assert }) => {
    const before = await filingCounts()
    const handler = await actor('handler')
    for (const estateId of [true, '3', '0x3', '3.0e0']) {
      const response = await client.post('/api/v1/filings')
        .json({ estate_id: estateId, kind: 'assembly', document_no: 'TYPE', filed_on: '2026-11-01' }).loginAs(handler).withCsrfToken()
      response.assertStatus(422)
      assert.equal(response.body().errors[0].field, 'estate_id', `estate_id ${JSON.stringify(estateId)}`)
      assert.equal(response.body().errors[0].message, '物业项目必须是数字')
    }
    const update = await client.patch('/api/v1/filings/1').json({ status: 'expired', version: true }).loginAs(handler).withCsrfToken()
    update.assertStatus(422)
    assert.equal(update.body().errors[0].field, 'version')
    assert.deepEqual(await filingCounts(), before)
  })

  test('a query-string integer is decimal digits only', async ({ client, assert }) => {
    const handler = await actor('handler')
    for (const value of ['0x3', '1e1', ' 4', '+4', '4.0', 'true']) {
      const response = await client.get('/api/v1/filings/estates').qs({ region_id: value }).loginAs(handler)
      response.assertStatus(422)
      assert.equal(response.body().errors[0].field, 'region_id', `region_id=${value}`)
    }
    const plain = await client.get('/api/v1/filings/estates').qs({ region_id: '7', page: '1', per_page: '20' }).loginAs(handler)
    plain.assertStatus(200)
  })

  test('a second contract in force for an estate is refused; after it expired a new one is accepted', async ({ client, assert }) => {
    const handler = await actor('handler')
    const before = await filingCounts()
    // e1 has contract 1 in force (to 2028-02-28)
    const second = await client.post('/api/v1/filings')
      .json({ estate_id: E.e1, kind: 'contract', document_no: 'HT-SECOND', filed_on: '2026-11-01', expires_on: '2029-10-31' })
      .loginAs(handler).withCsrfToken()
    second.assertStatus(409)
    assert.match(second.body().errors[0].message, /已有有效的物业服务合同备案/)
    assert.deepEqual(await filingCounts(), before)
    // e2's contract expired in 2023: a new contract is what a clerk registers
    const next = await client.post('/api/v1/filings')
      .json({ estate_id: E.e2, kind: 'contract', document_no: 'HT-NEXT', filed_on: '2026-11-01', expires_on: '2029-10-31' })
      .loginAs(handler).withCsrfToken()
    next.assertStatus(201)
    // and the expired one can no longer be renewed while the new one is in force
    const renew = await client.patch('/api/v1/filings/3').json({ status: 'filed', version: 1, expires_on: '2030-01-01' }).loginAs(handler).withCsrfToken()
    renew.assertStatus(409)
    // an 业主大会 filing stays allowed next to an earlier one (a new 业主大会 term)
    const assembly = await client.post('/api/v1/filings')
      .json({ estate_id: E.e1, kind: 'assembly', document_no: 'YZ-TERM-2', filed_on: '2026-11-01' })
      .loginAs(handler).withCsrfToken()
    assembly.assertStatus(201)
  })
})

test.group('Hardening · forwarded addresses from untrusted clients', (group) => {
  group.each.setup(async () => {
    await resetOtp(USERS.handler.phone)
    await resetLoginGuard()
  })

  test('X-Forwarded-For changes neither the audit address nor the per-IP SMS limit', async ({ client, assert }) => {
    const forged = `203.0.113.${Math.floor(Math.random() * 200) + 1}`
    const forgedKey = otpService().keys({ phone: USERS.handler.phone, ip: forged }).ip!
    await redis.connection('main').ioConnection.del(forgedKey)
    await liftOtpLimits(USERS.handler.phone)
    const requestId = `xff-${randomUUID()}`
    const response = await client.post('/api/v1/session/sms')
      .header('X-Forwarded-For', forged).header('X-Request-Id', requestId)
      .json({ phone: USERS.handler.phone, password: PASSWORD }).withCsrfToken()
    response.assertStatus(200)
    // the per-IP window counted the socket's address, not the forged one
    assert.equal(await redis.connection('main').ioConnection.exists(forgedKey), 0)
    const [row] = await db.from('audit_logs').where('request_id', requestId)
    assert.isDefined(row)
    assert.notEqual(row.ip, forged)
    assert.match(row.ip, /^(::ffff:)?127\.0\.0\.1$|^::1$/)
  })
})

test.group('Hardening · multipart bodies', () => {
  test('an anonymous 1 MiB multipart POST writes nothing to the temp folder and gets a 4xx', async ({ assert }) => {
    const { tmpdir } = await import('node:os')
    const { readdir, stat, open } = await import('node:fs/promises')
    const { join } = await import('node:path')
    const marker = `upload-probe-${randomUUID()}`
    const content = Buffer.alloc(1024 * 1024, 'x')
    content.write(marker, 0)
    const before = new Set(await readdir(tmpdir()))
    const form = new FormData()
    form.append('phone', USERS.handler.phone)
    form.append('file', new Blob([content]), 'probe.bin')
    const base = process.env.APP_URL ?? `http://${process.env.HOST}:${process.env.PORT}`
    const response = await fetch(new URL('/api/v1/session/sms', base), { method: 'POST', body: form, headers: { Accept: 'application/json' } })
    assert.isAtLeast(response.status, 400)
    assert.isBelow(response.status, 500)
    const body = (await response.json()) as any
    assert.match(body.errors[0].message, /[\u3400-\u9fff]/)
    // give a (wrongly) streaming parser a moment, then look for the probe's bytes in every new temp file
    await new Promise((resolve) => setTimeout(resolve, 300))
    const written: string[] = []
    for (const name of await readdir(tmpdir())) {
      if (before.has(name)) continue
      const path = join(tmpdir(), name)
      const info = await stat(path).catch(() => null)
      if (!info?.isFile() || info.size < marker.length) continue
      const handle = await open(path, 'r')
      const head = Buffer.alloc(marker.length)
      await handle.read(head, 0, marker.length, 0)
      await handle.close()
      if (head.toString() === marker) written.push(path)
    }
    assert.deepEqual(written, [])
  })

  test('a multipart body on a JSON route is a 415 for a signed-in user too', async ({ client, assert }) => {
    const response = await client.post('/api/v1/filings').field('estate_id', String(E.e3)).field('kind', 'contract')
      .loginAs(await actor('handler')).withCsrfToken()
    response.assertStatus(415)
    assert.match(response.body().errors[0].message, /不接受文件上传/)
  })
})

test.group('Hardening · NUL characters', (group) => {
  group.each.setup(() => resetWorld())

  test('a NUL anywhere in the input is a 400 naming the field, and nothing is written', async ({ client, assert }) => {
    const before = await db.from('filings').count('* as n').first()
    const body = await client.post('/api/v1/filings')
      .json({ estate_id: E.e3, kind: 'contract', document_no: 'HT-\u0000-1', filed_on: '2026-11-01' })
      .loginAs(await actor('handler')).withCsrfToken()
    body.assertStatus(400)
    assert.deepEqual(body.body().errors, [{ field: 'document_no', message: '请求包含非法字符（如空字符），或嵌套层级过深', rule: 'input_guard' }])
    const nested = await client.post('/api/v1/filings')
      .json({ estate_id: E.e3, kind: 'contract', attachments: ['ok', 'x\u0000'] })
      .loginAs(await actor('handler')).withCsrfToken()
    assert.equal(nested.body().errors[0].field, 'attachments.1')
    const query = await client.get('/api/v1/filings/estates').qs({ q: 'a\u0000' }).loginAs(await actor('handler'))
    query.assertStatus(400)
    assert.equal(query.body().errors[0].field, 'q')
    assert.deepEqual(await db.from('filings').count('* as n').first(), before)
  })
})

test.group('Hardening · security headers', (group) => {
  group.each.setup(() => resetWorld())

  const base = () => process.env.APP_URL ?? `http://${process.env.HOST}:${process.env.PORT}`

  function assertPageHeaders(assert: any, headers: Headers, what: string) {
    assert.equal(headers.get('x-content-type-options'), 'nosniff', what)
    assert.equal(headers.get('x-frame-options'), 'DENY', what)
    assert.equal(headers.get('referrer-policy'), 'strict-origin-when-cross-origin', what)
    assert.include(headers.get('content-security-policy') ?? '', "frame-ancestors 'none'", what)
  }

  test('the PC and H5 pages are not sniffed, framed or leaked in a Referer', async ({ assert }) => {
    for (const path of ['/', '/filings', '/m/', '/m/filings']) {
      const response = await fetch(new URL(path, base()), { headers: { Accept: 'text/html' } })
      assert.equal(response.status, 200, path)
      assert.include(response.headers.get('content-type') ?? '', 'text/html', path)
      assertPageHeaders(assert, response.headers, path)
      await response.arrayBuffer()
    }
  })

  test('personal data and exports are never cached', async ({ client, assert }) => {
    const handler = await actor('handler')
    for (const path of ['/api/v1/me', '/api/v1/filings/estates', '/api/v1/filings/estates/export', '/api/v1/estates/export']) {
      const response = await client.get(path).loginAs(handler)
      response.assertStatus(200)
      assert.equal(response.header('cache-control'), 'no-store', path)
      assert.equal(response.header('x-content-type-options'), 'nosniff', path)
      assert.equal(response.header('x-frame-options'), 'DENY', path)
      assert.equal(response.header('referrer-policy'), 'strict-origin-when-cross-origin', path)
    }
  })
})
