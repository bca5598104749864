/**
 * The supervisor of `npm start` (scripts/lib/supervisor.mjs), run as a real process tree: a child
 * killed with SIGKILL is restarted (with growing delays), and SIGINT drains and stops every child —
 * SIGKILL for one that ignores SIGTERM — then the supervisor exits 0. Run by `npm test` (node --test).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { backoffDelay } from '../lib/supervisor.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))

const alive = (pid) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** Runs the fixture platform and lets a test wait for lines of its output. */
function runPlatform() {
  const proc = spawn(process.execPath, [path.join(here, 'fixtures/supervised_platform.mjs')], { stdio: ['ignore', 'pipe', 'pipe'] })
  const lines = []
  const waiters = []
  const onLine = (line) => {
    lines.push(line)
    for (const waiter of [...waiters]) {
      const match = line.match(waiter.pattern)
      if (match) {
        waiters.splice(waiters.indexOf(waiter), 1)
        clearTimeout(waiter.timer)
        waiter.resolve(match)
      }
    }
  }
  let buffer = ''
  const feed = (chunk) => {
    buffer += chunk
    const parts = buffer.split('\n')
    buffer = parts.pop()
    parts.forEach(onLine)
  }
  proc.stdout.on('data', feed)
  proc.stderr.on('data', feed)
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })))
  /** the first line (from now, or already seen when `seen` is true) matching `pattern` */
  const waitFor = (pattern, timeoutMs = 10_000) =>
    new Promise((resolve, reject) => {
      const waiter = { pattern, resolve, timer: setTimeout(() => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; output:\n${lines.join('\n')}`)), timeoutMs) }
      waiters.push(waiter)
    })
  return { proc, lines, waitFor, exited }
}

test('backoff doubles from 1 s and is capped at 30 s', () => {
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 10].map((n) => backoffDelay(n)), [1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000])
})

test('a child killed with SIGKILL is restarted with backoff; SIGINT drains and stops everything, exit 0', async (t) => {
  const platform = runPlatform()
  t.after(() => {
    if (platform.proc.exitCode === null) platform.proc.kill('SIGKILL')
  })
  const firstWorker = platform.waitFor(/^ready worker (\d+)$/)
  const stubborn = platform.waitFor(/^ready stubborn (\d+)$/)
  const workerPid = Number((await firstWorker)[1])
  const stubbornPid = Number((await stubborn)[1])

  // kill -9: the supervisor logs the signal and starts a new worker; the other child is untouched
  const restarted = platform.waitFor(/^ready worker (\d+)$/)
  const logged = platform.waitFor(/^\[supervisor\] worker exited \(signal SIGKILL\).*restart #1 in 0\.2 s$/)
  process.kill(workerPid, 'SIGKILL')
  await logged
  const secondPid = Number((await restarted)[1])
  assert.notEqual(secondPid, workerPid)
  assert.ok(alive(secondPid), 'the restarted worker runs')
  assert.ok(alive(stubbornPid), 'the other child kept running')

  // a second crash waits twice as long
  const thirdStart = platform.waitFor(/^ready worker (\d+)$/)
  const secondLog = platform.waitFor(/^\[supervisor\] worker exited \(signal SIGKILL\).*restart #2 in 0\.4 s$/)
  process.kill(secondPid, 'SIGKILL')
  await secondLog
  const thirdPid = Number((await thirdStart)[1])

  // Ctrl-C: the worker drains and exits 0, the child ignoring SIGTERM is killed after the timeout
  const drained = platform.waitFor(/^drained worker$/)
  const forced = platform.waitFor(/^\[supervisor\] stubborn did not stop within 1\.5 s; killing it$/)
  platform.proc.kill('SIGINT')
  await drained
  await forced
  const { code } = await platform.exited
  assert.equal(code, 0)
  assert.ok(platform.lines.includes('platform stopped'))
  assert.ok(!platform.lines.some((line) => /restarted/.test(line) && platform.lines.indexOf(line) > platform.lines.indexOf('platform stopping')), 'nothing is restarted while stopping')
  for (const pid of [thirdPid, stubbornPid]) assert.ok(!alive(pid), `child ${pid} is gone`)
})
