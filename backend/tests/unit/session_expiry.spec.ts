import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { configProvider } from '@adonisjs/core'
import app from '@adonisjs/core/services/app'
import string from '@adonisjs/core/helpers/string'
import redis from '@adonisjs/redis/services/main'
import type { HttpContext } from '@adonisjs/core/http'
import { ABSOLUTE_LIFETIME_MS } from '#modules/sessions/session_auth'

/**
 * With SESSION_DRIVER=redis (the default outside tests) a session is a Redis key whose TTL is the
 * configured idle age (config/session.ts), set on every write and renewed on every request; the
 * 12 h absolute lifetime is enforced by the auth middleware whatever the store.
 */
test.group('session expiry · Redis store', () => {
  test('a written session expires after the configured idle age', async ({ assert, cleanup }) => {
    const config = await configProvider.resolve<any>(app, app.config.get('session'))
    assert.exists(config, 'config/session.ts uses defineConfig')
    const age = string.seconds.parse(config.age)
    assert.isAbove(age, 0)
    assert.isAtMost(age, ABSOLUTE_LIFETIME_MS / 1000, 'the idle age is below the absolute lifetime')
    assert.isFunction(config.stores.redis, 'a redis session store is configured')

    const store = config.stores.redis({} as HttpContext, config)
    const id = `szpm-test-session-${randomUUID()}`
    const client = redis.connection('main').ioConnection
    cleanup(async () => void (await client.del(id)))
    const loginAt = Date.now()
    await store.write(id, { auth_login_at: loginAt })
    const ttl = await client.ttl(id)
    assert.isAbove(ttl, 0, 'the session key has a TTL')
    assert.isAtMost(ttl, age)
    assert.deepEqual(await store.read(id), { auth_login_at: loginAt })

    // a request renews the idle age (touch), it does not make the key permanent
    await client.expire(id, 5)
    await store.touch(id)
    assert.isAbove(await client.ttl(id), 5)
    assert.isAtMost(await client.ttl(id), age)
  })
})
