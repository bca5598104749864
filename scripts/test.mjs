/**
 * `npm test` — every suite, from a fresh clone: dependencies, local services with separate test
 * databases, both front ends built, PostgreSQL migrated fresh, then warehouse, ETL and backend
 * (unit, functional, browser) suites. Fails if any suite fails or runs no test.
 */
import { ensureDependencies, ensurePinnedNode, ensureFrontends } from './lib/bootstrap.mjs'

ensureDependencies()
ensurePinnedNode()

const { spawn } = await import('node:child_process')
const path = await import('node:path')
const { ensureServices, ensureDebianPackages, ROOT } = await import('./lib/services.mjs')
const { appEnv, pinnedPath } = await import('./lib/app_env.mjs')

// browser tests drive Debian's Chromium (never a downloaded browser); CJK fonts render the Chinese UI
ensureDebianPackages({ chromium: '/usr/bin/chromium', 'fonts-noto-cjk': '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc' })
const services = await ensureServices('test')
const env = { ...appEnv(services.env, 'test'), PATH: pinnedPath(), FORCE_COLOR: '0' }
const node = process.execPath
const backend = path.join(ROOT, 'backend')

/** Runs a command, streaming its output, and returns { code, output }. */
function run(args, cwd) {
  return new Promise((resolve) => {
    const child = spawn(node, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    const forward = (stream, target) => stream.on('data', (chunk) => {
      output += chunk
      target.write(chunk)
    })
    forward(child.stdout, process.stdout)
    forward(child.stderr, process.stderr)
    child.on('exit', (code) => resolve({ code: code ?? 1, output }))
  })
}

/** Japa's summary: "Tests  12 passed, 1 failed (3s)" or "Tests  12 passed (3s)". */
function counts(output) {
  const plain = output.replace(/\x1b\[[0-9;]*m/g, '')
  let passed = 0
  let failed = 0
  for (const match of plain.matchAll(/Tests\s+(?:(\d+) passed)?(?:,?\s*(\d+) failed)?/g)) {
    passed += Number(match[1] ?? 0)
    failed += Number(match[2] ?? 0)
  }
  // node --test (the scripts suite): "ℹ pass 2" / "ℹ fail 0"
  for (const match of plain.matchAll(/^\S*\s*pass (\d+)$/gm)) passed += Number(match[1])
  for (const match of plain.matchAll(/^\S*\s*fail (\d+)$/gm)) failed += Number(match[1])
  return { passed, failed, none: /NO TESTS EXECUTED/.test(plain) }
}

const suites = [
  { name: 'prepare: migrate test database', args: ['--import=@poppinss/ts-exec', 'ace.js', 'migration:fresh', '--force'], cwd: backend, tests: false },
  { name: 'typecheck: backend, warehouse, etl, shared API client', args: [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.check.json'], cwd: backend, tests: false },
  { name: 'typecheck: dashboards', args: [path.join(ROOT, 'node_modules/vue-tsc/bin/vue-tsc.js'), '--noEmit', '-p', '.'], cwd: path.join(ROOT, 'dashboards'), tests: false },
  { name: 'typecheck: mobile', args: [path.join(ROOT, 'node_modules/vue-tsc/bin/vue-tsc.js'), '--noEmit', '-p', '.'], cwd: path.join(ROOT, 'mobile'), tests: false },
  { name: 'scripts (supervisor of npm start, backup / restore, fault injection)', args: ['--test', '--test-reporter=spec', 'scripts/tests/*.test.mjs'], cwd: ROOT },
  { name: 'warehouse', args: ['bin/test.ts'], cwd: path.join(ROOT, 'warehouse') },
  { name: 'etl', args: ['bin/test.ts'], cwd: path.join(ROOT, 'etl') },
  { name: 'backend', args: ['--import=@poppinss/ts-exec', 'ace.js', 'test', ...process.argv.slice(2)], cwd: backend },
]

let exitCode = 0
let passed = 0
let failed = 0
const summary = []
try {
  ensureFrontends()
  for (const suite of suites) {
    console.log(`\n=== ${suite.name} ===`)
    const { code, output } = await run(suite.args, suite.cwd)
    if (suite.tests === false) {
      if (code !== 0) { exitCode = 1; summary.push(`${suite.name}: FAILED`); break }
      continue
    }
    const result = counts(output)
    passed += result.passed
    failed += result.failed
    const ranNothing = result.none || result.passed + result.failed === 0
    if (code !== 0 || ranNothing || result.failed > 0) exitCode = 1
    summary.push(`${suite.name}: ${result.passed} passed, ${result.failed} failed${ranNothing ? ' — NO TESTS RAN (counts as a failure)' : ''}${code !== 0 ? ` (exit ${code})` : ''}`)
  }
} finally {
  services.stop()
}

console.log('\n=== summary ===')
for (const line of summary) console.log(line)
console.log(`${passed} passed, ${failed} failed`)
process.exit(exitCode)
