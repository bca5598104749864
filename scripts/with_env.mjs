/**
 * `node scripts/with_env.mjs <script> [args…]` — runs a project script with the platform's
 * environment (local services started if no *_URL is configured), e.g. `npm run rebuild`.
 */
import { spawnSync } from 'node:child_process'
import { ensureServices } from './lib/services.mjs'
import { appEnv, pinnedPath } from './lib/app_env.mjs'

const [script, ...args] = process.argv.slice(2)
const { env } = await ensureServices(process.env.SZPM_PROFILE === 'test' ? 'test' : 'dev')
const result = spawnSync(process.execPath, [script, ...args], { stdio: 'inherit', env: { ...appEnv(env), PATH: pinnedPath() } })
process.exit(result.status ?? 1)
