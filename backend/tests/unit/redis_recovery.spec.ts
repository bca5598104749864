import { test } from '@japa/runner'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Redis } from 'ioredis'
import redisConfig from '#config/redis'
import { isConnectionError } from '#services/dependency_errors'
import { closedPort } from '#tests/support/faults'

/**
 * Redis restarted must not need an API restart (issue 13): a client built from the API's own `main`
 * connection config, against a private redis-server that is killed (kill -9) and started again.
 * While Redis is down a command fails fast with an error the exception handler answers as 503; once
 * Redis is back the SAME client works again. (The old config gave up reconnecting after ~3 s and
 * stayed `Connection is closed.` for good.)
 */
function startRedis(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('redis-server did not start')), 10_000)
    child.stdout!.on('data', (chunk) => {
      if (/Ready to accept connections/.test(String(chunk))) {
        clearTimeout(timer)
        resolve(child)
      }
    })
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code})`)))
  })
}

function kill9(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGKILL')
  })
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

test.group('Redis restarted → the API recovers without a restart', () => {
  test('commands fail fast while Redis is down and work again on the same client when it is back', async ({ assert, cleanup }) => {
    const port = await closedPort()
    const dir = mkdtempSync(path.join(tmpdir(), 'szpm-redis-'))
    let server = await startRedis(port, dir)
    const client = new Redis({ ...redisConfig.connections.main, host: '127.0.0.1', port, db: 0, password: undefined })
    client.on('error', () => {}) // reconnect noise
    cleanup(async () => {
      client.disconnect()
      await kill9(server)
      rmSync(dir, { recursive: true, force: true })
    })

    await client.set('probe', '1')
    assert.equal(await client.get('probe'), '1')

    await kill9(server)
    // down for longer than the old config's 10 reconnect attempts (~3 s)
    const failures: unknown[] = []
    const deadline = Date.now() + 4500
    while (Date.now() < deadline) {
      const started = Date.now()
      try {
        await client.ping()
        assert.fail('PING succeeded while Redis was down')
      } catch (error) {
        failures.push(error)
        assert.isBelow(Date.now() - started, 3500, 'a command fails fast while Redis is down')
      }
      await sleep(300)
    }
    assert.isAbove(failures.length, 1)
    for (const error of failures) assert.isTrue(isConnectionError(error), `answered as 503: ${(error as Error).message}`)

    server = await startRedis(port, dir)
    // the same client reconnects by itself (backoff ≤ 2 s)
    let recovered = false
    for (let i = 0; i < 40 && !recovered; i++) {
      try {
        recovered = (await client.ping()) === 'PONG'
      } catch {
        await sleep(200)
      }
    }
    assert.isTrue(recovered, 'the client works again without being recreated')
    await client.set('probe', '2')
    assert.equal(await client.get('probe'), '2')
  }).timeout(30_000)
})
