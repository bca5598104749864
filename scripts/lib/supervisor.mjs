/**
 * A small process supervisor for `npm start`: every child is restarted when it exits on its own
 * (crash, `kill -9`, an uncaught error), with exponential backoff (1 s, 2 s, 4 s … up to 30 s; the
 * delay resets once a child has stayed up for a minute). Each exit and restart is logged with the exit
 * code or signal. `stop()` sends SIGTERM to every child (the workers drain their in-flight job and
 * close), waits up to `stopTimeoutMs`, then SIGKILLs what is left.
 *
 * Plain Node, no dependencies (runs before and outside the TypeScript build).
 */
import { spawn } from 'node:child_process'

const DEFAULTS = { initialDelayMs: 1000, maxDelayMs: 30_000, resetAfterMs: 60_000, stopTimeoutMs: 15_000 }

/** the delay before restart number `attempt` (0-based): initial · 2^attempt, capped */
export function backoffDelay(attempt, { initialDelayMs = DEFAULTS.initialDelayMs, maxDelayMs = DEFAULTS.maxDelayMs } = {}) {
  return Math.min(initialDelayMs * 2 ** Math.min(attempt, 30), maxDelayMs)
}

const describeExit = (code, signal) => (signal ? `signal ${signal}` : `exit code ${code}`)

/**
 * @param {object} [options]
 * @param {(line: string) => void} [options.log]
 * @param {number} [options.initialDelayMs] first restart delay
 * @param {number} [options.maxDelayMs] longest restart delay
 * @param {number} [options.resetAfterMs] uptime after which the backoff starts again from the first delay
 * @param {number} [options.stopTimeoutMs] how long `stop()` waits after SIGTERM before SIGKILL
 */
export function createSupervisor(options = {}) {
  const settings = { ...DEFAULTS, ...options }
  const log = options.log ?? ((line) => console.log(line))
  const children = []
  let stopping = false

  function start(entry) {
    entry.startedAt = Date.now()
    const child = spawn(entry.command, entry.args, { cwd: entry.cwd, env: entry.env, stdio: entry.stdio ?? ['ignore', 'inherit', 'inherit'] })
    entry.child = child
    child.on('error', (error) => log(`[supervisor] ${entry.name}: ${error.message}`))
    child.on('exit', (code, signal) => {
      entry.child = null
      entry.lastExit = { code, signal }
      entry.onExit?.(code, signal)
      if (stopping) return
      const upMs = Date.now() - entry.startedAt
      if (upMs >= settings.resetAfterMs) entry.attempt = 0
      const delay = backoffDelay(entry.attempt, settings)
      entry.attempt += 1
      entry.restarts += 1
      log(`[supervisor] ${entry.name} exited (${describeExit(code, signal)}) after ${(upMs / 1000).toFixed(1)} s; restart #${entry.restarts} in ${(delay / 1000).toFixed(1)} s`)
      entry.timer = setTimeout(() => {
        entry.timer = null
        if (stopping) return
        start(entry)
        log(`[supervisor] ${entry.name} restarted (pid ${entry.child?.pid ?? '?'})`)
      }, delay)
    })
    entry.onStart?.(child)
    return child
  }

  /** Stops one child: SIGTERM, then SIGKILL after the timeout. Resolves when it has exited. */
  function stopChild(entry) {
    if (entry.timer) clearTimeout(entry.timer)
    entry.timer = null
    const child = entry.child
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
    return new Promise((resolve) => {
      const killer = setTimeout(() => {
        log(`[supervisor] ${entry.name} did not stop within ${settings.stopTimeoutMs / 1000} s; killing it`)
        child.kill('SIGKILL')
      }, settings.stopTimeoutMs)
      child.once('exit', (code, signal) => {
        clearTimeout(killer)
        log(`[supervisor] ${entry.name} stopped (${describeExit(code, signal)})`)
        resolve()
      })
      child.kill('SIGTERM')
    })
  }

  return {
    /**
     * Starts `command args` and keeps it running. `onStart(child)` / `onExit(code, signal)` are
     * called on every start and exit (e.g. to follow pids in tests).
     */
    add({ name, command, args = [], cwd, env, stdio, onStart, onExit }) {
      if (stopping) throw new Error('the supervisor is stopping')
      const entry = { name, command, args, cwd, env, stdio, onStart, onExit, attempt: 0, restarts: 0, child: null, timer: null, startedAt: 0, lastExit: null }
      children.push(entry)
      start(entry)
      return entry
    },
    /** name, pid (null while waiting for a restart) and restart count of every child */
    status() {
      return children.map(({ name, child, restarts }) => ({ name, pid: child?.pid ?? null, restarts }))
    },
    get stopping() {
      return stopping
    },
    /** Stops every child (all at once; each gets its own timeout). Idempotent. */
    async stop() {
      stopping = true
      await Promise.all(children.map(stopChild))
    },
  }
}
