import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import redis from '@adonisjs/redis/services/main'
import clock from '#services/clock'
import { E, R, USERS, resetWorld } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { resetWeather, weatherStub } from '#tests/support/weather'
import { deleteRedisKeysUnder } from '#tests/support/redis_service'
import { scheduledJobs } from '#workflows/index'
import { WEATHER_WARNINGS_JOB, pollStreetWarnings } from '#modules/weather/weather_warnings_job'

const clearWeatherCache = () => deleteRedisKeysUnder(redis.connection('main').ioConnection, 'szpm:weather:')

test.group('小区气象公告栏 · choosing an estate and its board', (group) => {
  group.setup(resetWorld)
  group.each.setup(async () => {
    await resetWeather()
    return async () => {
      await resetWeather()
      await db.from('estates').where('id', E.e2).update({ lng: 114.05, lat: 22.54 })
    }
  })

  test('选择小区 lists the estates of the user’s scope only, searched by name or address', async ({ client, assert }) => {
    const head = await client.visit('api.weather_estates.index').loginAs(await actor('head'))
    head.assertStatus(200)
    assert.deepEqual(head.body().data.map((row: any) => row.id).sort(), [E.e1, E.e2, E.e3, E.e6])
    assert.deepInclude(head.body().data, { id: E.e1, name: '翠园小区', address: '深圳市测试路1号', communityName: '园岭一社区', streetName: '园岭街道', hasLocation: true })
    assert.deepEqual(head.body().meta, { total: 4, limited: false })

    const byName = await client.visit('api.weather_estates.index').qs({ q: '碧海' }).loginAs(await actor('head'))
    assert.deepEqual(byName.body().data.map((row: any) => row.name), ['碧海花园'])
    const byAddress = await client.visit('api.weather_estates.index').qs({ q: '测试路5号' }).loginAs(await actor('city'))
    assert.deepEqual(byAddress.body().data.map((row: any) => row.name), ['桂园新村'])
    // another street's estate is not offered, whatever the keyword
    const foreign = await client.visit('api.weather_estates.index').qs({ q: '桂园' }).loginAs(await actor('head'))
    assert.deepEqual(foreign.body().data, [])
    // LIKE wildcards are taken literally
    const wildcard = await client.visit('api.weather_estates.index').qs({ q: '%' }).loginAs(await actor('city'))
    assert.deepEqual(wildcard.body().data, [])
  })

  test('a keyword over 50 characters is a 422 on the field with a Chinese message', async ({ client, assert }) => {
    const response = await client.visit('api.weather_estates.index').qs({ q: '园'.repeat(51) }).loginAs(await actor('head'))
    response.assertStatus(422)
    const [error] = response.body().errors
    assert.equal(error.field, 'q')
    assert.match(error.message, /[\u4e00-\u9fff]/)
  })

  test('hostile keywords and ids never answer a 5xx; a 4xx says why in Chinese', async ({ client, assert }) => {
    const city = await actor('city')
    const failures: string[] = []
    const check = (label: string, response: any) => {
      const status = response.status()
      if (status >= 500) failures.push(`${label}: ${status}`)
      else if (status >= 400 && !/[\u3400-\u9fff]/.test(response.body()?.errors?.[0]?.message ?? '')) failures.push(`${label}: ${status} without a Chinese message`)
    }
    for (const q of ['%', '_', '\\', "' OR '1'='1", 'a\u0000b', '😀🏠', '\u202e', 'x'.repeat(10_000), ' ']) {
      check(`q=${q.slice(0, 10)}`, await client.get(`/api/v1/weather/estates?q=${encodeURIComponent(q)}`).loginAs(city))
    }
    check('q[]', await client.get('/api/v1/weather/estates?q[]=1&q[]=2').loginAs(city))
    check('q[a]', await client.get('/api/v1/weather/estates?q[a]=1').loginAs(city))
    for (const id of ['0', '-1', '99999999999', 'abc', '1.5', '%00', "1'"]) {
      const response = await client.get(`/api/v1/weather/estates/${encodeURIComponent(id)}`).loginAs(city)
      check(`id=${id}`, response)
      assert.equal(response.status(), 404, `id=${id}`)
    }
    assert.deepEqual(failures, [])
  })

  test('the board: current weather, 7 days and no warning on a calm day, from the QWeather stub', async ({ client, assert }) => {
    const response = await client.visit('api.weather_estates.show', { id: E.e1 }).loginAs(await actor('head'))
    response.assertStatus(200)
    const { data } = response.body()
    assert.deepInclude(data.estate, { id: E.e1, name: '翠园小区', lng: 114.05, lat: 22.54, hasLocation: true })
    assert.isNull(data.now.error)
    assert.typeOf(data.now.data.temp, 'number')
    assert.isNotEmpty(data.now.data.text)
    assert.lengthOf(data.forecast.data, 7)
    assert.deepEqual(data.warnings, { data: [], updateTime: data.warnings.updateTime, stale: false, error: null })
    assert.equal(data.source, 'QWeather（本地模拟服务）')
    // the second look within 10 minutes is served from the cache
    await client.visit('api.weather_estates.show', { id: E.e1 }).loginAs(await actor('head'))
    assert.deepEqual(weatherStub().calls(), { '/v7/weather/now': 1, '/v7/weather/7d': 1, '/weatheralert/v1/current': 1 })
  })

  test('a typhoon day: the red typhoon signal first with its official name and icon glyph, then the rainstorm', async ({ client, assert }) => {
    weatherStub().setScenario('typhoon', { stage: 4 })
    const response = await client.visit('api.weather_estates.show', { id: E.e3 }).loginAs(await actor('city'))
    response.assertStatus(200)
    const warnings = response.body().data.warnings.data
    assert.deepEqual(
      warnings.map((w: any) => [w.signal, w.color, w.colorName, w.name, w.glyph]),
      [
        ['typhoon', 'red', '红色', '台风红色预警信号', '台'],
        ['rainstorm', 'orange', '橙色', '暴雨橙色预警信号', '雨'],
      ]
    )
    assert.equal(warnings[0].sender, '深圳市气象台')
    assert.include(warnings[0].text, '台风红色预警信号')
    assert.equal(response.body().data.now.data.text, '暴雨')
  })

  test('a warning type outside Shenzhen’s eleven shows its own name; 霾 is 灰霾', async ({ client, assert }) => {
    const alert = (id: string, code: string, name: string, color: string, messageType = 'alert', supersedes: string[] = []) => ({
      id, senderName: '深圳市气象台', issuedTime: '2026-12-07T08:00+08:00', headline: 't', effectiveTime: null, expiredTime: '',
      messageType: { code: messageType, supersedes }, eventType: { code, name }, color: { code: color }, severity: 'minor', description: '',
    })
    weatherStub().setWarnings([
      alert('w-1', '1019', '霾', 'yellow'),
      alert('w-2', '1999', '道路结冰', 'blue'),
      // a cancelled one, and one superseded by an update, are no longer in force
      alert('w-3', '1001', '台风', 'red', 'cancel'),
      alert('w-4', '1003', '暴雨', 'yellow'),
      alert('w-5', '1006', '大风', 'blue', 'update', ['w-4']),
    ])
    const response = await client.visit('api.weather_estates.show', { id: E.e1 }).loginAs(await actor('head'))
    assert.deepEqual(
      response.body().data.warnings.data.map((w: any) => [w.signal, w.name, w.glyph]),
      [
        ['haze', '灰霾黄色预警信号', '霾'],
        [null, '道路结冰蓝色预警信号', '道'],
        ['gale', '大风蓝色预警信号', '风'],
      ]
    )
  })

  test('an estate of another street or district is a 404, like a missing one; without weather.view a 403', async ({ client, assert }) => {
    const head = await actor('head')
    ;(await client.visit('api.weather_estates.show', { id: E.e5 }).loginAs(head)).assertStatus(404)
    ;(await client.visit('api.weather_estates.show', { id: E.e4 }).loginAs(head)).assertStatus(404)
    ;(await client.visit('api.weather_estates.show', { id: 999999 }).loginAs(head)).assertStatus(404)
    ;(await client.visit('api.weather_estates.show', { id: E.e5 }).loginAs(await actor('futian'))).assertStatus(404)
    ;(await client.visit('api.weather_estates.show', { id: E.e1 }).loginAs(await actor('party'))).assertStatus(403)
    // a project manager reads the boards of their own estates only (the warnings they receive link here)
    const manager = await actor('manager')
    const own = await client.visit('api.weather_estates.index').loginAs(manager)
    own.assertStatus(200)
    assert.sameMembers(own.body().data.map((estate: any) => estate.id), [E.e1, E.e3])
    ;(await client.visit('api.weather_estates.show', { id: E.e2 }).loginAs(manager)).assertStatus(404)
  })

  test('an estate without coordinates has no weather, and says why; QWeather is not called', async ({ client, assert }) => {
    await db.from('estates').where('id', E.e2).update({ lng: null, lat: null })
    const response = await client.visit('api.weather_estates.show', { id: E.e2 }).loginAs(await actor('head'))
    response.assertStatus(200)
    const { data } = response.body()
    assert.isFalse(data.estate.hasLocation)
    assert.equal(data.now.error, '该小区未登记经纬度，暂无法显示气象信息')
    assert.isNull(data.now.data)
    assert.deepEqual(data.forecast.data, [])
    assert.deepEqual(weatherStub().calls(), {})
  })

  test('one failing section leaves the others; QWeather failing entirely is a 503 with a Chinese message, never a 500', async ({ client, assert }) => {
    weatherStub().failNext({ path: '/v7/weather/7d', mode: 'v1', code: '402' })
    const partial = await client.visit('api.weather_estates.show', { id: E.e1 }).loginAs(await actor('head'))
    partial.assertStatus(200)
    assert.equal(partial.body().data.forecast.error, '气象服务调用次数已用尽或余额不足，请联系管理员')
    assert.isNull(partial.body().data.now.error)

    await clearWeatherCache()
    for (const path of ['/v7/weather/now', '/v7/weather/7d', '/weatheralert/v1/current']) weatherStub().failNext({ path, mode: 'status', status: 500, count: 3 })
    const down = await client.visit('api.weather_estates.show', { id: E.e1 }).loginAs(await actor('head'))
    down.assertStatus(503)
    assert.deepEqual(down.body(), { errors: [{ message: '气象服务暂时不可用，请稍后重试' }] })
    // each path was tried three times (two retries)
    assert.equal(weatherStub().calls()['/v7/weather/now'], 4)
  })
})

test.group('小区气象公告栏 · red and orange signals notify the street once', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    await resetWeather()
    clock.travelTo('2026-08-10T09:00:00+08:00')
    return async () => {
      clock.reset()
      await resetWeather()
    }
  })

  const noticesOf = () => db.from('weather_warning_notices').orderBy('street_id').orderBy('id').select('street_id', 'warning_type', 'type_name', 'color', 'title', 'recipient_count')
  const messagesOf = (userId: number) => db.from('messages').where('recipient_id', userId).where('module', 'weather').orderBy('id').select('title', 'kind', 'reason', 'summary')

  /** the next stage of the typhoon day, polled after the warnings' cache expired */
  async function poll(stage: number) {
    weatherStub().setScenario('typhoon', { stage })
    await clearWeatherCache()
    return pollStreetWarnings()
  }

  test('the typhoon day: blue and yellow notify nobody; orange notifies each street’s users once; red once more', async ({ assert }) => {
    assert.deepEqual(await poll(1), { streets: 3, notified: 0, messages: 0, failed: 0 })
    assert.deepEqual(await poll(2), { streets: 3, notified: 0, messages: 0, failed: 0 })
    assert.deepEqual(await noticesOf(), [])

    // orange typhoon (+ yellow rainstorm, not notified) for all three streets (their estates share one location)
    const orange = await poll(3)
    assert.deepInclude(orange, { streets: 3, notified: 3, failed: 0 })
    const rows = await noticesOf()
    assert.deepEqual(rows.map((row) => [row.street_id, row.type_name, row.color, row.title]), [
      [R.yuanling, '台风', 'orange', '台风橙色预警信号'],
      [R.nanyuan, '台风', 'orange', '台风橙色预警信号'],
      [R.guiyuan, '台风', 'orange', '台风橙色预警信号'],
    ])
    // 园岭: head, handler, party secretary, the community handler, the project manager and the committee director
    assert.equal(rows[0].recipient_count, 6)
    for (const who of ['head', 'handler', 'party', 'community', 'manager', 'director'] as const) {
      const messages = await messagesOf(USERS[who].id)
      assert.lengthOf(messages, 1, who)
      assert.equal(messages[0].title, '【气象预警】园岭街道：台风橙色预警信号')
      assert.equal(messages[0].kind, 'notice')
      assert.include(messages[0].summary, '深圳市气象台发布台风橙色预警信号')
    }
    // nobody outside the street: 南园's manager has 南园's own message, the district and city none
    assert.deepEqual((await messagesOf(USERS.nanyuanManager.id)).map((m) => m.title), ['【气象预警】南园街道：台风橙色预警信号'])
    assert.deepEqual(await messagesOf(USERS.futian.id), [])
    assert.deepEqual(await messagesOf(USERS.city.id), [])
    assert.equal(orange.messages, 6 + 2 + 1)

    // polled again (and again, after midnight): the same signal is not sent twice
    assert.deepInclude(await poll(3), { notified: 0, messages: 0 })
    clock.travelTo('2026-08-11T01:00:00+08:00')
    assert.deepInclude(await poll(3), { notified: 0, messages: 0 })
    assert.lengthOf(await messagesOf(USERS.head.id), 1)

    // red typhoon + orange rainstorm: two new signals per street
    const red = await poll(4)
    assert.deepInclude(red, { notified: 6, failed: 0 })
    assert.deepEqual((await messagesOf(USERS.head.id)).map((m) => m.title), [
      '【气象预警】园岭街道：台风橙色预警信号',
      '【气象预警】园岭街道：台风红色预警信号',
      '【气象预警】园岭街道：暴雨橙色预警信号',
    ])
    assert.lengthOf(await noticesOf(), 9)
  })

  test('two workers polling at once send each signal once', async ({ assert }) => {
    weatherStub().setScenario('typhoon', { stage: 4 })
    await clearWeatherCache()
    const results = await Promise.all([pollStreetWarnings(), pollStreetWarnings(), pollStreetWarnings()])
    assert.equal(results.reduce((sum, r) => sum + r.notified, 0), 6)
    assert.lengthOf(await noticesOf(), 6)
    assert.lengthOf(await messagesOf(USERS.head.id), 2)
  })

  test('an ended or cancelled red warning notifies nobody; a failing poll skips the street and tries again next time', async ({ assert }) => {
    const red = {
      senderName: '深圳市气象台', issuedTime: '2026-08-10T06:00+08:00', headline: '深圳市气象台发布暴雨红色预警信号', effectiveTime: '2026-08-10T06:00+08:00',
      messageType: { code: 'alert' }, color: { code: 'red' }, eventType: { code: '1003', name: '暴雨' }, description: '',
    }
    weatherStub().setWarnings([
      { ...red, id: 'ended', expiredTime: '2026-08-10T08:59+08:00' },
      { ...red, id: 'cancelled', expiredTime: '2026-08-10T18:00+08:00', messageType: { code: 'cancel' } },
    ])
    assert.deepInclude(await pollStreetWarnings(), { notified: 0 })

    await clearWeatherCache()
    weatherStub().setWarnings([{ ...red, id: 'live', expiredTime: '2026-08-10T18:00+08:00' }])
    weatherStub().failNext({ path: '/weatheralert/v1/current', mode: 'status', status: 403, count: 1 })
    const first = await pollStreetWarnings()
    assert.deepInclude(first, { failed: 1, notified: 2 })
    await clearWeatherCache()
    assert.deepInclude(await pollStreetWarnings(), { failed: 0, notified: 1 })
    assert.lengthOf(await noticesOf(), 3)
  })

  test('the poll is a scheduled job of the worker (every 5 minutes, also at start)', ({ assert }) => {
    const job = scheduledJobs().find((candidate) => candidate.name === WEATHER_WARNINGS_JOB)!
    assert.deepInclude(job, { everyMs: 5 * 60_000, runAtStart: true, process: 'platform' })
    assert.equal(job.describe!({ streets: 3, notified: 0, messages: 0, failed: 0 }), null)
    assert.equal(job.describe!({ streets: 3, notified: 2, messages: 9, failed: 1 }), '2 warning signal(s) notified (9 messages), 1 street(s) failed')
  })
})
