/** ETL configuration from the environment. No defaults: missing variables fail clearly. */
import { requireEnv, warehouseConfigFromEnv } from '@szpm/warehouse'
import type { WarehouseConfig } from '@szpm/warehouse'

export type EtlConfig = {
  readonly databaseUrl: string
  readonly redisUrl: string
  readonly warehouse: WarehouseConfig
}

export function databaseUrlFromEnv(env: Record<string, string | undefined> = process.env): string {
  return requireEnv('DATABASE_URL', env)
}

export function redisUrlFromEnv(env: Record<string, string | undefined> = process.env): string {
  return requireEnv('REDIS_URL', env)
}

export function etlConfigFromEnv(env: Record<string, string | undefined> = process.env): EtlConfig {
  return { databaseUrl: databaseUrlFromEnv(env), redisUrl: redisUrlFromEnv(env), warehouse: warehouseConfigFromEnv(env) }
}
