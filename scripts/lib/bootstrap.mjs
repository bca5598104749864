/**
 * First steps shared by `npm start`, `npm test` and `npm run bench`: install dependencies when
 * they are missing or stale, then make sure we run on the pinned Node 24 (re-exec if not).
 */
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { ROOT } from './services.mjs'
import { pinnedPath } from './app_env.mjs'

const PINNED_NODE = path.join(ROOT, 'node_modules/.bin/node')

function mtime(file) {
  try {
    return statSync(file).mtimeMs
  } catch {
    return 0
  }
}

/** sha256 of a file's bytes, or '' when it cannot be read */
function digestOf(file) {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex')
  } catch {
    return ''
  }
}

/**
 * Installs (npm ci) when node_modules is missing or was installed from another lockfile. The
 * lockfile's digest at the last install is kept in node_modules/.szpm-lockfile-digest: a checkout or
 * merge that only touches package-lock.json's mtime must not wipe node_modules under running
 * processes (it once did, in the middle of other engineers' runs).
 */
export function ensureDependencies() {
  const lock = path.join(ROOT, 'package-lock.json')
  const installed = path.join(ROOT, 'node_modules/.package-lock.json')
  const digestFile = path.join(ROOT, 'node_modules/.szpm-lockfile-digest')
  const wanted = digestOf(lock)
  let stale = !existsSync(PINNED_NODE) || !existsSync(installed)
  if (!stale && wanted) {
    const recorded = existsSync(digestFile) ? readFileSync(digestFile, 'utf8').trim() : null
    // an install from before the digest existed: trust it when it is newer than the lockfile
    stale = recorded === null ? mtime(lock) > mtime(installed) : recorded !== wanted
    if (!stale && recorded === null) writeFileSync(digestFile, `${wanted}\n`)
  }
  if (!stale) return
  console.log('[setup] installing dependencies (npm ci)…')
  const result = spawnSync('npm', [existsSync(lock) ? 'ci' : 'install', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' })
  if (result.status !== 0) {
    console.error('[setup] npm install failed')
    process.exit(result.status ?? 1)
  }
  if (wanted) writeFileSync(digestFile, `${wanted}\n`)
}

/** Re-runs the current script on Node 24 when started by an older system Node. */
export function ensurePinnedNode() {
  const major = Number(process.versions.node.split('.')[0])
  if (major >= 24) return
  const result = spawnSync(PINNED_NODE, process.argv.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, PATH: pinnedPath() },
  })
  process.exit(result.status ?? 1)
}

function newestSource(dir) {
  let newest = 0
  const walk = (current) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist') continue
      const full = path.join(current, entry.name)
      if (entry.isDirectory()) walk(full)
      else newest = Math.max(newest, mtime(full))
    }
  }
  walk(dir)
  return newest
}

/** Builds the PC app and the H5 when their dist is missing or older than their sources (or @szpm/core: declarations, API client). */
export function ensureFrontends({ force = false } = {}) {
  const client = newestSource(path.join(ROOT, 'core/src'))
  for (const app of ['dashboards', 'mobile']) {
    const dir = path.join(ROOT, app)
    const built = mtime(path.join(dir, 'dist/index.html'))
    if (!force && built > Math.max(newestSource(dir), client)) continue
    console.log(`[setup] building ${app}…`)
    const result = spawnSync('npm', ['run', 'build', '-w', app], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, PATH: pinnedPath() } })
    if (result.status !== 0) {
      console.error(`[setup] building ${app} failed`)
      process.exit(result.status ?? 1)
    }
  }
}
