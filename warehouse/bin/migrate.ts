/** `node bin/migrate.ts` — create CLICKHOUSE_DATABASE if missing and apply pending migrations. */
import { warehouseConfigFromEnv } from '../src/config.ts'
import { migrate } from '../src/migrator.ts'

try {
  const config = warehouseConfigFromEnv()
  const result = await migrate(config, { log: (line) => console.log(line) })
  if (result.applied.length === 0) {
    console.log(`${result.database}: up to date (${result.alreadyApplied.length} migration(s) already applied)`)
  } else {
    console.log(`${result.database}: applied ${result.applied.length} migration(s)`)
  }
} catch (error) {
  console.error(`migrate failed: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
}
