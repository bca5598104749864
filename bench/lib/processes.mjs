/**
 * The API server and the ETL worker as child processes of the bench, with their output in a log
 * file. `stopAll()` ends exactly the children started here (SIGTERM, SIGKILL after 10 s).
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, createWriteStream } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export const LOG_DIR = mkdtempSync(path.join(os.tmpdir(), 'szpm-bench-'))
const children = []

export function launch(name, env, args, cwd) {
  const log = createWriteStream(path.join(LOG_DIR, `${name}.log`))
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout.pipe(log)
  child.stderr.pipe(log)
  const entry = { name, child, exited: new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code))) }
  children.push(entry)
  return entry
}

/** Waits until `url` answers 2xx, failing early if the process dies. */
export async function waitForHttp(entry, url, timeoutMs = 90_000) {
  const started = Date.now()
  let exited = false
  entry.exited.then(() => { exited = true })
  while (Date.now() - started < timeoutMs) {
    if (exited) throw new Error(`${entry.name} exited during startup; see ${path.join(LOG_DIR, `${entry.name}.log`)}`)
    try {
      const response = await fetch(url)
      await response.arrayBuffer()
      if (response.ok) return
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`${entry.name} did not answer ${url} within ${timeoutMs / 1000}s; see ${LOG_DIR}`)
}

export async function stopAll() {
  await Promise.all(children.splice(0).map(async ({ child, exited }) => {
    if (child.exitCode !== null || child.signalCode) return
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    await exited
    clearTimeout(timer)
  }))
}
