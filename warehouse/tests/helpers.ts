import { warehouseConfigFromEnv } from '../src/config.ts'
import type { WarehouseConfig } from '../src/config.ts'

/** A scratch database next to CLICKHOUSE_DATABASE, dropped by the tests that create it. */
export function scratchConfig(suffix: string): WarehouseConfig {
  const base = warehouseConfigFromEnv()
  return { url: base.url, database: `${base.database}_${suffix}` }
}
