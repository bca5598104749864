/** Japa test entry: `node bin/test.ts [--files ...]` (see src/japa_suite.ts). */
import { runJapaSuite } from '../src/japa_suite.ts'

await runJapaSuite({ timeout: 30_000 })
