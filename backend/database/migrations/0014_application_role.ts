import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The application's own PostgreSQL role (default `szpm_app`, or DATABASE_APP_ROLE): the API, the ETL
 * and the jobs connect as it (DATABASE_URL); migrations run as the owner of the schema
 * (DATABASE_MIGRATION_URL — config/database.ts). The role owns nothing, so it cannot drop a trigger,
 * alter a table or change what it must not:
 *
 * - every table and view: SELECT, INSERT, UPDATE, DELETE (no TRUNCATE, no DDL); sequences: USAGE,
 *   SELECT, UPDATE (nextval, setval). Default privileges give tables and sequences later migrations
 *   create the same.
 * - the append-only logs `audit_logs` and `workflow_events`: INSERT and SELECT only (their triggers
 *   stay as a second line of defence); the `audit_logs_*` partitions: nothing (rows are reached
 *   through the parent; ensure_audit_log_partitions revokes what default privileges give a new one).
 * - the migration bookkeeping (`adonis_schema*`): SELECT only.
 * - `ensure_audit_log_partitions` and `purge_audit_logs` (SECURITY DEFINER, migration 0013): EXECUTE,
 *   for the daily job; nobody else (PUBLIC) may run them.
 *
 * The role is created here (NOLOGIN) when it does not exist and the migrating user may create roles
 * (the local services of `npm start` / `npm test` create it LOGIN beforehand: scripts/lib/services.mjs).
 * In production the DBA creates it: `CREATE ROLE szpm_app LOGIN PASSWORD '…'` (docs/operations.md).
 */
function appRole(): string {
  const role = process.env.DATABASE_APP_ROLE || 'szpm_app'
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role)) throw new Error(`DATABASE_APP_ROLE must be a lower-case SQL identifier (got "${role}")`)
  return role
}

const APPEND_ONLY = ['audit_logs', 'workflow_events']
const BOOKKEEPING = ['adonis_schema', 'adonis_schema_versions']
const DEFINER_FUNCTIONS = ['ensure_audit_log_partitions(integer, timestamptz)', 'purge_audit_logs(interval)']

export default class extends BaseSchema {
  async up() {
    const role = appRole()
    this.schema.raw(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN
          BEGIN
            CREATE ROLE ${role} NOLOGIN;
          EXCEPTION
            WHEN duplicate_object OR unique_violation THEN NULL; -- created meanwhile by a concurrent run
            WHEN insufficient_privilege THEN
              RAISE EXCEPTION 'the application role ${role} does not exist and % may not create it: create it first (CREATE ROLE ${role} LOGIN PASSWORD ...)', current_user;
          END;
        END IF;
      END
      $$`)
    this.schema.raw(`
      DO $$
      BEGIN
        EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO ${role}', current_database());
      EXCEPTION WHEN insufficient_privilege THEN
        RAISE NOTICE 'could not grant CONNECT on the database to ${role} (not its owner): PUBLIC usually has it';
      END
      $$`)
    this.schema.raw(`GRANT USAGE ON SCHEMA public TO ${role}`)
    this.schema.raw(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`)
    this.schema.raw(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${role}`)
    this.schema.raw(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role}`)
    this.schema.raw(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${role}`)
    for (const table of APPEND_ONLY) {
      this.schema.raw(`REVOKE ALL ON TABLE ${table} FROM ${role}`)
      this.schema.raw(`GRANT SELECT, INSERT ON TABLE ${table} TO ${role}`)
    }
    this.schema.raw(`
      DO $$
      DECLARE part regclass;
      BEGIN
        FOR part IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'audit_logs'::regclass LOOP
          EXECUTE format('REVOKE ALL ON TABLE %s FROM ${role}', part);
        END LOOP;
      END
      $$`)
    for (const table of BOOKKEEPING) {
      this.schema.raw(`DO $$ BEGIN IF to_regclass('${table}') IS NOT NULL THEN
        REVOKE ALL ON TABLE ${table} FROM ${role}; GRANT SELECT ON TABLE ${table} TO ${role}; END IF; END $$`)
    }
    for (const fn of DEFINER_FUNCTIONS) {
      this.schema.raw(`REVOKE EXECUTE ON FUNCTION ${fn} FROM PUBLIC`)
      this.schema.raw(`GRANT EXECUTE ON FUNCTION ${fn} TO ${role}`)
    }
  }

  async down() {
    const role = appRole()
    this.schema.raw(`DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN
      ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM ${role};
      ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM ${role};
      REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${role};
      REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${role};
      REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM ${role};
      REVOKE ALL ON SCHEMA public FROM ${role};
    END IF; END $$`)
    for (const fn of DEFINER_FUNCTIONS) this.schema.raw(`GRANT EXECUTE ON FUNCTION ${fn} TO PUBLIC`)
    // the role itself is cluster-wide (other databases may use it): it is left in place
  }
}
