/** Prints `export KEY=value` lines for a shell: `eval "$(node scripts/env.mjs [test])"`. Starts local services if needed. */
import { ensureServices } from './lib/services.mjs'
import { appEnv } from './lib/app_env.mjs'

const profile = process.argv[2] === 'test' ? 'test' : 'dev'
const originalLog = console.log
console.log = (...args) => console.error(...args) // keep stdout clean for eval
const { env: services } = await ensureServices(profile)
const env = appEnv(services, profile)
const keys = ['NODE_ENV', 'PORT', 'HOST', 'APP_KEY', 'APP_URL', 'LOG_LEVEL', 'SESSION_DRIVER', 'STATIC_ROOT', ...Object.keys(services)]
for (const key of keys) originalLog(`export ${key}='${String(env[key]).replace(/'/g, `'\\''`)}'`)
