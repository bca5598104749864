/** Warehouse configuration from the environment. There are deliberately no defaults. */

export type WarehouseConfig = { readonly url: string; readonly database: string }

export class ConfigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConfigError'
  }
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/

/** Throws ConfigError when a name is not a plain ClickHouse identifier. */
export function assertIdentifier(name: string, what: string): string {
  if (typeof name !== 'string' || !IDENTIFIER.test(name)) {
    throw new ConfigError(`${what} must match ${IDENTIFIER} (got ${JSON.stringify(name)})`)
  }
  return name
}

export function requireEnv(name: string, env: Record<string, string | undefined> = process.env): string {
  const value = env[name]
  if (value === undefined || value.trim() === '') {
    throw new ConfigError(`environment variable ${name} is required but not set`)
  }
  return value.trim()
}

/** Reads CLICKHOUSE_URL and CLICKHOUSE_DATABASE. */
export function warehouseConfigFromEnv(env: Record<string, string | undefined> = process.env): WarehouseConfig {
  const url = requireEnv('CLICKHOUSE_URL', env)
  try {
    new URL(url)
  } catch {
    throw new ConfigError(`CLICKHOUSE_URL is not a valid URL: ${JSON.stringify(url)}`)
  }
  const database = assertIdentifier(requireEnv('CLICKHOUSE_DATABASE', env), 'CLICKHOUSE_DATABASE')
  return { url, database }
}
