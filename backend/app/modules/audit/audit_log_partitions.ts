/**
 * Housekeeping of 审计日志's monthly partitions (migration 0013_audit_logs_by_month.ts), run daily by
 * the jobs worker (`audit-log-partitions`, also once at start; `./ace jobs:run audit-log-partitions`):
 *
 * 1. the partitions of the current month and the next AUDIT_LOG_MONTHS_AHEAD months exist
 *    (`ensure_audit_log_partitions`), so a row never meets a missing month;
 * 2. retention: every partition ENTIRELY older than AUDIT_RETENTION_DAYS (default 400, at least 180 —
 *    the database refuses less) is dropped as a whole (`purge_audit_logs`); no row is ever deleted one
 *    by one, and a month still holding a row younger than the limit stays.
 *
 * Both database functions are SECURITY DEFINER: the application's role may run them without owning
 * the table. Idempotent: a second run the same day changes nothing.
 */
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import type { ScheduledJob } from '#workflows/process'

export const AUDIT_LOG_PARTITIONS_JOB = 'audit-log-partitions'
/** the database refuses to purge anything younger (purge_audit_logs) */
export const MIN_AUDIT_RETENTION_DAYS = 180
export const DEFAULT_AUDIT_RETENTION_DAYS = 400
export const AUDIT_LOG_MONTHS_AHEAD = 3

/** AUDIT_RETENTION_DAYS, checked: a whole number of days, at least 180. */
export function auditRetentionDays(value: number | undefined = env.get('AUDIT_RETENTION_DAYS')): number {
  const days = value ?? DEFAULT_AUDIT_RETENTION_DAYS
  if (!Number.isInteger(days) || days < MIN_AUDIT_RETENTION_DAYS) {
    throw new Error(`AUDIT_RETENTION_DAYS must be a whole number of days, at least ${MIN_AUDIT_RETENTION_DAYS} (got ${value})`)
  }
  return days
}

export interface AuditLogPartition {
  name: string
  /** inclusive lower bound and exclusive upper bound of `at` */
  from: Date
  to: Date
}

/** The partitions of `audit_logs`, oldest first. */
export async function auditLogPartitions(): Promise<AuditLogPartition[]> {
  const result = await db.rawQuery(`
    SELECT c.relname AS name,
           substring(pg_get_expr(c.relpartbound, c.oid) FROM $re$FROM \\('([^']+)'\\)$re$)::timestamptz AS lower,
           substring(pg_get_expr(c.relpartbound, c.oid) FROM $re$TO \\('([^']+)'\\)$re$)::timestamptz AS upper
      FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = 'audit_logs'::regclass`)
  return (result.rows as { name: string; lower: Date; upper: Date }[])
    .map((row) => ({ name: row.name, from: new Date(row.lower), to: new Date(row.upper) }))
    .sort((a, b) => a.from.getTime() - b.from.getTime())
}

export interface AuditLogMaintenance {
  /** partitions created ahead */
  created: number
  /** partitions dropped by retention */
  dropped: string[]
  /** rows those partitions held */
  rowsRemoved: number
  retentionDays: number
}

export async function maintainAuditLogPartitions(
  options: { retentionDays?: number; monthsAhead?: number } = {}
): Promise<AuditLogMaintenance> {
  const retentionDays = auditRetentionDays(options.retentionDays)
  const monthsAhead = options.monthsAhead ?? AUDIT_LOG_MONTHS_AHEAD
  const before = (await auditLogPartitions()).map((partition) => partition.name)
  const created = await db.rawQuery('SELECT ensure_audit_log_partitions(?::int) AS n', [monthsAhead])
  const purged = await db.rawQuery('SELECT purge_audit_logs(make_interval(days => ?::int)) AS n', [retentionDays])
  const after = new Set((await auditLogPartitions()).map((partition) => partition.name))
  return {
    created: Number(created.rows[0].n),
    dropped: before.filter((name) => !after.has(name)),
    rowsRemoved: Number(purged.rows[0].n),
    retentionDays,
  }
}

export const auditLogPartitionsJob: ScheduledJob<AuditLogMaintenance> = {
  name: AUDIT_LOG_PARTITIONS_JOB,
  everyMs: 24 * 60 * 60 * 1000,
  runAtStart: true,
  run: () => maintainAuditLogPartitions(),
  describe: (result) =>
    result.created || result.dropped.length
      ? `created ${result.created} partition(s) ahead; dropped ${result.dropped.length ? result.dropped.join(', ') : 'none'}` +
        ` (${result.rowsRemoved} row(s) older than ${result.retentionDays} days)`
      : null,
}
