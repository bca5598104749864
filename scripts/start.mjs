/**
 * `npm start` — the whole platform with demo data on one machine:
 * dependencies → local services (unless *_URL are set) → migrations → demo city → warehouse rebuild →
 * API + ETL worker + business jobs worker (each supervised: restarted with backoff when it crashes),
 * PC app at / and WeChat H5 at /m/. Ctrl-C (or SIGTERM) drains the workers and stops what it started.
 */
import { ensureDependencies, ensurePinnedNode, ensureFrontends } from './lib/bootstrap.mjs'

ensureDependencies()
ensurePinnedNode()

const { spawnSync } = await import('node:child_process')
const path = await import('node:path')
const { ensureServices, ensureDebianPackages, ROOT } = await import('./lib/services.mjs')
const { appEnv, pinnedPath, usesIdentityStubs, usesWeatherStub, usesBiddingStub, STUB_PORTS } = await import('./lib/app_env.mjs')
const { createSupervisor } = await import('./lib/supervisor.mjs')

const withStubs = usesIdentityStubs()
const withWeatherStub = usesWeatherStub()
const withBiddingStub = usesBiddingStub()
// the platform's PostgreSQL must be crash-safe: fsync, full_page_writes, synchronous_commit on
const services = await ensureServices('dev', { requireDurable: true })
// the 招标文件备案回执 PDF embeds a subset of Noto Sans CJK (its Chinese would not render otherwise)
try { ensureDebianPackages({ 'fonts-noto-cjk': '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc' }) }
catch (error) { console.warn(`[start] receipts will lack Chinese glyphs until fonts-noto-cjk is installed: ${error.message}`) }
const env = { ...appEnv(services.env, 'dev'), PATH: pinnedPath() }
const node = process.execPath
const backend = path.join(ROOT, 'backend')

function step(label, args, cwd = ROOT) {
  console.log(`[start] ${label}`)
  const result = spawnSync(node, args, { cwd, env, stdio: 'inherit' })
  if (result.status !== 0) {
    console.error(`[start] ${label} failed`)
    services.stop()
    process.exit(result.status ?? 1)
  }
}

try {
  ensureFrontends()
} catch (error) {
  services.stop()
  throw error
}
step('migrating PostgreSQL', ['--import=@poppinss/ts-exec', 'ace.js', 'migration:run', '--force'], backend)
step('migrating ClickHouse', ['warehouse/bin/migrate.ts'])
// generates once (a second start reuses the data); the rebuild then repairs the warehouse either way
step('demo data', ['--import=@poppinss/ts-exec', 'ace.js', 'demo:generate', '--scale', process.env.DEMO_SCALE ?? 'demo', '--no-warehouse'], backend)
step('rebuilding the warehouse from PostgreSQL', ['etl/bin/rebuild.ts'])
step('registering scheduled jobs', ['etl/bin/scheduler.ts'])

// every long-running child is supervised: restarted with backoff when it crashes (scripts/lib/supervisor.mjs)
const supervisor = createSupervisor({ stopTimeoutMs: Number(process.env.STOP_TIMEOUT_MS ?? 20000) })
function launch(name, args, cwd = ROOT) {
  supervisor.add({ name, command: node, args, cwd, env })
}

let stopping = false
async function shutdown(code = 0) {
  if (stopping) return
  stopping = true
  console.log('\n[start] stopping: draining in-flight jobs and closing the API…')
  await supervisor.stop()
  services.stop()
  console.log('[start] stopped')
  process.exit(code)
}
process.on('SIGINT', () => void shutdown(0))
process.on('SIGTERM', () => void shutdown(0))

// local SMS gateway, WeChat and QWeather stand-ins unless real ones are configured (docs/identity_providers.md, docs/weather.md)
if (withStubs || withWeatherStub) launch('SMS / WeChat / QWeather stubs', ['backend/stubs/serve.ts'])
// the bidding platform's stand-in reports stages of approved 招标文件备案 over time (docs/tenders.md)
if (withBiddingStub) launch('bidding platform stub', ['backend/stubs/bidding_stub.ts'])
launch('api', ['--import=@poppinss/ts-exec', 'bin/server.ts'], backend)
launch('etl worker', ['etl/bin/worker.ts'])
launch('business jobs', ['--import=@poppinss/ts-exec', 'ace.js', 'jobs:work'], backend)

const url = env.APP_URL
console.log(`
────────────────────────────────────────────────────────────
 物业管理信息平台（街道办版）is running
   PC      ${url}/
   WeChat  ${url}/m/        (open at a phone viewport)
   API     ${url}/api/v1
 Demo accounts (password Szpm@2026; PC login also asks for an SMS code${withStubs ? `,
   read it at http://127.0.0.1:${STUB_PORTS.sms}/__sent?phone=<phone>` : ''}):
   13800000000  市住建局管理员  深圳市
   13800000001  区局负责人      福田区
   13800000002  街道办负责人    园岭街道
   13800000003  街道办经办人    园岭街道
   13800000005  街道办经办人    桂园街道
   13800000006  社区经办人      园岭街道第一个社区 (街道社区评价: scores, 张经办 reviews)
   13800000007  项目经理        园岭街道's first two estates (estate-side: own estates only)
   13800000008  业委会主任      园岭街道's first estate with an owners' committee
 Ctrl-C stops everything started here; a crashed process is restarted.
 Health: ${url}/health/live  ${url}/health/ready
────────────────────────────────────────────────────────────`)
