/** `npm run stack` — start the local services and print their URLs (they keep running). */
import { ensureServices } from './lib/services.mjs'

const profile = process.argv[2] === 'test' ? 'test' : 'dev'
const { env } = await ensureServices(profile)
for (const [key, value] of Object.entries(env)) console.log(`${key}=${value}`)
