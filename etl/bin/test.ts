/** Japa test entry: `node bin/test.ts [--files ...]` (the warehouse's suite runner, a longer timeout). */
import { runJapaSuite } from '@szpm/warehouse/japa'

await runJapaSuite({ timeout: 60_000 })
