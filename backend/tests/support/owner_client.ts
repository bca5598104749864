import pg from 'pg'
import { OWNER_DATABASE_URL } from '#config/database'

/**
 * Runs `fn` on a connection of its own as the schema owner — as `./ace demo:generate` runs the
 * generators (TRUNCATE … RESTART IDENTITY, foreign keys) — and closes it afterwards.
 */
export async function withClient<T>(fn: (client: pg.Client) => Promise<T>, applicationName = 'szpm-generator-tests'): Promise<T> {
  const client = new pg.Client({ connectionString: OWNER_DATABASE_URL, application_name: applicationName })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}
