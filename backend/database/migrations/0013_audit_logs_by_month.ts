import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 审计日志 partitioned by month (declarative RANGE partitioning on `at`, months of Asia/Shanghai):
 * `audit_logs` becomes a partitioned table with one partition per month, `audit_logs_YYYY_MM`.
 * Existing rows are moved into their months by this migration.
 *
 * - `ensure_audit_log_partitions(months_ahead, since)` creates the missing partitions from the month
 *   of `since` (default now) to `months_ahead` months after the current one (default 3). The daily
 *   `audit-log-partitions` job (app/modules/audit/audit_log_partitions.ts) calls it, so next months'
 *   partitions always exist before their first row. There is no DEFAULT partition: an insert for a
 *   month without partition fails (and is logged by recordAudit), it never lands somewhere retention
 *   cannot see.
 * - `purge_audit_logs(older_than)` is the retention: it DROPs every partition whose upper bound lies at
 *   or before now() − older_than (partitions ENTIRELY older than the limit) and returns the rows they
 *   held. It refuses less than 180 days. It never deletes a row one by one.
 * - Both are SECURITY DEFINER (they run as the owner), so the application's role, which may only
 *   INSERT and SELECT (migration 0014), can run the job without owning the table. New partitions get
 *   no privileges of their own for anybody but the owner: the application reaches rows through the
 *   parent only.
 * - The append-only trigger of 0006 stays as the second line of defence (privileges are the first):
 *   it now refuses every UPDATE, DELETE and TRUNCATE — no row-level purge path is left. The row
 *   trigger is cloned to every partition; every partition gets its own TRUNCATE trigger.
 * - The primary key is (id, at): a partitioned table's unique keys must contain the partition key.
 */
const TRIGGER_FUNCTION = `
  CREATE OR REPLACE FUNCTION audit_logs_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'audit_logs is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
  END
  $$`

const ENSURE_PARTITIONS = `
  CREATE OR REPLACE FUNCTION ensure_audit_log_partitions(months_ahead integer DEFAULT 3, since timestamptz DEFAULT now())
  RETURNS integer LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp SET timezone = 'UTC' SET datestyle = 'ISO, YMD' AS $$
  DECLARE
    first_month timestamp := date_trunc('month', least(since, now()) AT TIME ZONE 'Asia/Shanghai');
    last_month timestamp := date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai') + make_interval(months => months_ahead);
    month_start timestamp;
    part text;
    who text;
    created integer := 0;
  BEGIN
    IF months_ahead IS NULL OR months_ahead < 0 OR months_ahead > 120 THEN
      RAISE EXCEPTION 'months_ahead must be between 0 and 120 (asked: %)', months_ahead;
    END IF;
    IF first_month < last_month - interval '50 years' THEN
      RAISE EXCEPTION 'audit log partitions are created at most 50 years back (asked from %)', since;
    END IF;
    -- one maintenance at a time (several API / jobs instances may run the job together)
    PERFORM pg_advisory_xact_lock(hashtext('szpm.audit_logs.partitions'));
    month_start := first_month;
    WHILE month_start <= last_month LOOP
      part := 'audit_logs_' || to_char(month_start, 'YYYY_MM');
      IF to_regclass(part) IS NULL THEN
        -- bounds: midnight of the 1st in Asia/Shanghai, written with the zone name (no DateStyle ambiguity)
        EXECUTE format('CREATE TABLE %I PARTITION OF audit_logs FOR VALUES FROM (%L) TO (%L)', part,
          to_char(month_start, 'YYYY-MM-DD') || ' 00:00:00 Asia/Shanghai',
          to_char(month_start + interval '1 month', 'YYYY-MM-DD') || ' 00:00:00 Asia/Shanghai');
        -- the row trigger is cloned to the partition, a TRUNCATE trigger is not
        EXECUTE format('CREATE TRIGGER audit_logs_no_truncate BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION audit_logs_append_only()', part);
        -- default privileges (migration 0014) must not give anybody direct access to a partition
        FOR who IN
          SELECT DISTINCT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE a.grantee::regrole::text END
            FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a
           WHERE c.oid = part::regclass AND a.grantee <> c.relowner
        LOOP
          EXECUTE format('REVOKE ALL ON TABLE %I FROM %s', part, who);
        END LOOP;
        created := created + 1;
      END IF;
      month_start := month_start + interval '1 month';
    END LOOP;
    RETURN created;
  END
  $$`

const PURGE = `
  CREATE OR REPLACE FUNCTION purge_audit_logs(older_than interval) RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp SET timezone = 'UTC' SET datestyle = 'ISO, YMD' AS $$
  DECLARE
    cutoff timestamptz;
    part record;
    upper_bound timestamptz;
    held bigint;
    removed bigint := 0;
  BEGIN
    IF older_than IS NULL OR older_than < interval '180 days' THEN
      RAISE EXCEPTION 'audit logs are kept at least 180 days (asked: %)', older_than;
    END IF;
    -- one maintenance at a time (several API / jobs instances may run the job together)
    PERFORM pg_advisory_xact_lock(hashtext('szpm.audit_logs.partitions'));
    cutoff := now() - older_than;
    FOR part IN
      SELECT c.oid::regclass AS rel, pg_get_expr(c.relpartbound, c.oid) AS bound
        FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = 'audit_logs'::regclass
    LOOP
      upper_bound := substring(part.bound from $re$TO \\('([^']+)'\\)$re$)::timestamptz;
      CONTINUE WHEN upper_bound IS NULL OR upper_bound > cutoff;
      EXECUTE format('SELECT count(*) FROM %s', part.rel) INTO held;
      EXECUTE format('DROP TABLE %s', part.rel);
      removed := removed + held;
    END LOOP;
    RETURN removed;
  END
  $$`

const APPEND_ONLY_TRIGGERS = (table: string) => [
  `CREATE TRIGGER audit_logs_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION audit_logs_append_only()`,
  `CREATE TRIGGER audit_logs_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION audit_logs_append_only()`,
]

export default class extends BaseSchema {
  async up() {
    this.schema.raw('ALTER TABLE audit_logs RENAME TO audit_logs_unpartitioned')
    this.schema.raw('ALTER TABLE audit_logs_unpartitioned RENAME CONSTRAINT audit_logs_pkey TO audit_logs_unpartitioned_pkey')
    this.schema.raw('DROP INDEX IF EXISTS audit_logs_at_index, audit_logs_user_id_index, audit_logs_action_index')
    this.schema.raw(`
      CREATE TABLE audit_logs (
        id bigint NOT NULL DEFAULT nextval('audit_logs_id_seq'::regclass),
        at timestamptz NOT NULL DEFAULT now(),
        user_id integer,
        user_name text,
        role text,
        region_id integer,
        ip text,
        user_agent text,
        request_id text,
        action text NOT NULL,
        route text,
        method text,
        path text,
        target text,
        outcome text NOT NULL,
        status integer,
        detail jsonb NOT NULL DEFAULT '{}'::jsonb,
        CONSTRAINT audit_logs_pkey PRIMARY KEY (id, at),
        CONSTRAINT audit_logs_outcome_check CHECK (outcome IN ('success','failure','denied'))
      ) PARTITION BY RANGE (at)`)
    this.schema.raw('ALTER SEQUENCE audit_logs_id_seq OWNED BY audit_logs.id')
    this.schema.raw('CREATE INDEX audit_logs_at_index ON audit_logs (at)')
    this.schema.raw('CREATE INDEX audit_logs_user_id_index ON audit_logs (user_id)')
    this.schema.raw('CREATE INDEX audit_logs_action_index ON audit_logs (action)')

    this.schema.raw(TRIGGER_FUNCTION)
    for (const statement of APPEND_ONLY_TRIGGERS('audit_logs')) this.schema.raw(statement)
    this.schema.raw(ENSURE_PARTITIONS)
    this.schema.raw(PURGE)

    // every month holding a row, up to 3 months ahead (or the latest row's month, if later), then the rows
    this.schema.raw(`
      SELECT ensure_audit_log_partitions(
        greatest(3, (SELECT coalesce((extract(year FROM m) * 12 + extract(month FROM m))::int, 0)
                       FROM (SELECT age(date_trunc('month', max(at) AT TIME ZONE 'Asia/Shanghai'),
                                        date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai')) AS m
                               FROM audit_logs_unpartitioned) latest)),
        coalesce((SELECT min(at) FROM audit_logs_unpartitioned), now()))`)
    this.schema.raw('INSERT INTO audit_logs SELECT * FROM audit_logs_unpartitioned')
    this.schema.raw('DROP TABLE audit_logs_unpartitioned')
  }

  async down() {
    this.schema.raw('ALTER TABLE audit_logs RENAME TO audit_logs_partitioned')
    this.schema.raw('ALTER TABLE audit_logs_partitioned RENAME CONSTRAINT audit_logs_pkey TO audit_logs_partitioned_pkey')
    this.schema.raw('DROP INDEX IF EXISTS audit_logs_at_index, audit_logs_user_id_index, audit_logs_action_index')
    this.schema.raw('CREATE TABLE audit_logs (LIKE audit_logs_partitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS)')
    this.schema.raw('ALTER TABLE audit_logs ADD CONSTRAINT audit_logs_pkey PRIMARY KEY (id)')
    this.schema.raw('ALTER SEQUENCE audit_logs_id_seq OWNED BY audit_logs.id')
    this.schema.raw('CREATE INDEX audit_logs_at_index ON audit_logs (at)')
    this.schema.raw('CREATE INDEX audit_logs_user_id_index ON audit_logs (user_id)')
    this.schema.raw('CREATE INDEX audit_logs_action_index ON audit_logs (action)')
    this.schema.raw('INSERT INTO audit_logs SELECT * FROM audit_logs_partitioned')
    this.schema.raw('DROP TABLE audit_logs_partitioned')
    this.schema.raw('DROP FUNCTION IF EXISTS ensure_audit_log_partitions(integer, timestamptz)')
    // back to 0006's row-by-row retention
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
    for (const statement of APPEND_ONLY_TRIGGERS('audit_logs')) this.schema.raw(statement)
    this.schema.raw('DROP FUNCTION IF EXISTS purge_audit_logs(interval)')
    this.schema.raw(`
      CREATE FUNCTION purge_audit_logs(older_than interval) RETURNS bigint LANGUAGE plpgsql AS $$
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
}
