import env from '#start/env'
import { defineConfig } from '@adonisjs/lucid'

/**
 * Two connections to the same database:
 * - `postgres` (default): DATABASE_URL, the application's role (`szpm_app`: DML only, INSERT/SELECT on
 *   the append-only logs — migration 0014_application_role.ts);
 * - `owner`: the role that owns the schema (OWNER_DATABASE_URL). Migrations run on it: `migration:*`
 *   and `db:*` commands default to it, tests migrate with `testUtils.db('owner')`, and the demo data
 *   generator (TRUNCATE, constraints dropped during COPY) connects with its URL.
 */

/**
 * The owner's URL for DATABASE_URL's database: DATABASE_MIGRATION_URL when it names the same
 * database; on the same server but for another database (a scratch or bench copy given as
 * DATABASE_URL while the variable was inherited), the owner's credentials on DATABASE_URL's database;
 * else (no owner URL, or one of an unrelated server) DATABASE_URL. Never another database than
 * DATABASE_URL's. (scripts/lib/services.mjs `ownerUrl` is the same rule for the scripts.)
 */
export function ownerDatabaseUrl(appUrl: string, migrationUrl: string | undefined): string {
  if (!migrationUrl) return appUrl
  const target = new URL(appUrl)
  const owner = new URL(migrationUrl)
  if (owner.pathname === target.pathname) return migrationUrl
  if (owner.host !== target.host) return appUrl
  owner.pathname = target.pathname
  return owner.toString()
}

export const OWNER_DATABASE_URL = ownerDatabaseUrl(env.get('DATABASE_URL'), env.get('DATABASE_MIGRATION_URL'))

const MIGRATION_COMMAND = /^(migration|db):/
const migrating = process.argv.some((arg) => MIGRATION_COMMAND.test(arg))

const connection = (connectionString: string) => ({
  client: 'pg' as const,
  connection: { connectionString },
  pool: { min: 0, max: 10 },
  migrations: { naturalSort: true, paths: ['database/migrations'] },
  seeders: { paths: ['database/seeders'] },
})

export default defineConfig({
  connection: migrating ? 'owner' : 'postgres',
  connections: {
    postgres: connection(env.get('DATABASE_URL')),
    owner: connection(OWNER_DATABASE_URL),
  },
})
