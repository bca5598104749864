import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 审计日志: every login, failed login, logout, denied access, grant change, export, write and
 * unmasked read — who, when, from where, what, outcome.
 *
 * Append-only is enforced by PostgreSQL itself, not by the application:
 * - a row trigger raises on every UPDATE and on every DELETE, and a statement trigger raises on
 *   TRUNCATE;
 * - the one way rows leave is `SELECT purge_audit_logs(interval '400 days')` (retention). It refuses
 *   any interval shorter than 180 days, and the trigger lets a DELETE through only while that function
 *   runs AND only for a row older than 180 days, so even a session that fakes the function's flag
 *   cannot remove recent rows.
 * - `user_id` has no foreign key on purpose: the log outlives the accounts it mentions.
 * (The table owner can still drop the trigger; production should run the API as a role that does
 * not own the table — see docs/operations.md.)
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('audit_logs', (table) => {
      table.bigIncrements('id')
      table.timestamp('at', { useTz: true }).notNullable().defaultTo(this.now())
      table.integer('user_id').nullable()
      table.text('user_name').nullable()
      table.text('role').nullable()
      table.integer('region_id').nullable()
      table.text('ip').nullable()
      table.text('user_agent').nullable()
      table.text('request_id').nullable()
      /** login, login_failed, logout, access_denied, export, write, grant_change, unmask */
      table.text('action').notNullable()
      table.text('route').nullable()
      table.text('method').nullable()
      table.text('path').nullable()
      table.text('target').nullable()
      table.text('outcome').notNullable()
      table.integer('status').nullable()
      table.jsonb('detail').notNullable().defaultTo('{}')
      table.index(['at'])
      table.index(['user_id'])
      table.index(['action'])
    })
    this.schema.raw(`ALTER TABLE audit_logs ADD CONSTRAINT audit_logs_outcome_check CHECK (outcome IN ('success','failure','denied'))`)

    this.schema.raw(`
      CREATE OR REPLACE FUNCTION audit_logs_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE'
           AND current_setting('szpm.audit_purge', true) = 'on'
           AND OLD.at < now() - interval '180 days' THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'audit_logs is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`)
    this.schema.raw(`
      CREATE TRIGGER audit_logs_append_only BEFORE UPDATE OR DELETE ON audit_logs
      FOR EACH ROW EXECUTE FUNCTION audit_logs_append_only()`)
    this.schema.raw(`
      CREATE TRIGGER audit_logs_no_truncate BEFORE TRUNCATE ON audit_logs
      FOR EACH STATEMENT EXECUTE FUNCTION audit_logs_append_only()`)

    // Retention: deletes rows older than `older_than` (at least 180 days) and returns how many.
    this.schema.raw(`
      CREATE OR REPLACE FUNCTION purge_audit_logs(older_than interval) RETURNS bigint LANGUAGE plpgsql AS $$
      DECLARE
        removed bigint;
      BEGIN
        IF older_than IS NULL OR older_than < interval '180 days' THEN
          RAISE EXCEPTION 'audit logs are kept at least 180 days (asked: %)', older_than;
        END IF;
        PERFORM set_config('szpm.audit_purge', 'on', true);
        DELETE FROM audit_logs WHERE at < now() - older_than;
        GET DIAGNOSTICS removed = ROW_COUNT;
        PERFORM set_config('szpm.audit_purge', 'off', true);
        RETURN removed;
      END
      $$`)
  }

  async down() {
    this.schema.raw('DROP FUNCTION IF EXISTS purge_audit_logs(interval)')
    this.schema.dropTable('audit_logs')
    this.schema.raw('DROP FUNCTION IF EXISTS audit_logs_append_only()')
  }
}
