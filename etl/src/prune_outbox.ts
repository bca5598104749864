/**
 * Prunes `outbox_events` the warehouse has applied, after a replay window.
 *
 * An event is deleted only when BOTH hold:
 *  - its id is at or below the ETL watermark (the drain has applied it to ClickHouse) — an event above
 *    the watermark is never touched, that would lose data;
 *  - it is older than the replay window (OUTBOX_RETENTION_HOURS, default 72 h), so a replay from an
 *    earlier watermark stays possible for that long.
 * The newest event of the table is always kept: the rebuild takes max(outbox id) as its version
 * (rebuild.ts), so that number never goes backwards.
 *
 * Idempotent and safe to run beside the drain or a rebuild: it deletes in small batches
 * (`DELETE … WHERE id IN (SELECT id … LIMIT n)`, one short transaction each) below a bound read once
 * at the start, and the drain only reads ids above the watermark.
 */
import type { Pool } from 'pg'
import { pgQueryFn } from './pg.ts'
import { getWatermark, OUTBOX_WATERMARK } from './watermarks.ts'

export const DEFAULT_OUTBOX_RETENTION_HOURS = 72
export const DEFAULT_PRUNE_BATCH_SIZE = 5000

/** OUTBOX_RETENTION_HOURS (a non-negative number; default 72). */
export function outboxRetentionHoursFromEnv(env: Record<string, string | undefined> = process.env): number {
  const raw = env.OUTBOX_RETENTION_HOURS?.trim()
  if (!raw) return DEFAULT_OUTBOX_RETENTION_HOURS
  const hours = Number(raw)
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`OUTBOX_RETENTION_HOURS must be a number of hours ≥ 0 (got ${JSON.stringify(raw)})`)
  return hours
}

export type PruneOutboxOptions = {
  pg: Pool
  /** replay window: events younger than this are kept (default 72) */
  retentionHours?: number
  /** rows per DELETE (default 5000) */
  batchSize?: number
  /** stop after this many batches (default: until nothing is left to prune) */
  maxBatches?: number
  /** the watermark that bounds the prune (default 'outbox'; tests use their own) */
  watermarkName?: string
  /** the current time (tests) */
  now?: Date
  log?: (line: string) => void
}

export type PruneOutboxResult = {
  /** events deleted */
  deleted: number
  batches: number
  /** the watermark the prune stayed at or below */
  watermark: string
  /** events created before this instant were eligible */
  cutoff: Date
  /** the highest id eligible for deletion ('0' when none) */
  upTo: string
}

/** The highest id that may go: at or below the watermark, older than the cutoff, below the newest event. */
const BOUND_SQL = `select coalesce(max(id), 0)::text as id from (
  select id from outbox_events
  where id <= $1::bigint and created_at < $2 and id < (select max(id) from outbox_events)
  order by id desc limit 1
) eligible`

const DELETE_SQL = `delete from outbox_events where id in (
  select id from outbox_events where id <= $1::bigint and created_at < $2 order by id limit $3
)`

export async function pruneOutbox(options: PruneOutboxOptions): Promise<PruneOutboxResult> {
  const retentionHours = options.retentionHours ?? DEFAULT_OUTBOX_RETENTION_HOURS
  if (!Number.isFinite(retentionHours) || retentionHours < 0) throw new RangeError('retentionHours must be a number ≥ 0')
  const batchSize = options.batchSize ?? DEFAULT_PRUNE_BATCH_SIZE
  if (!Number.isInteger(batchSize) || batchSize <= 0) throw new RangeError('batchSize must be a positive integer')
  const log = options.log ?? (() => {})
  const cutoff = new Date((options.now ?? new Date()).getTime() - retentionHours * 3_600_000)
  const watermark = await getWatermark(pgQueryFn(options.pg), options.watermarkName ?? OUTBOX_WATERMARK)
  const result: PruneOutboxResult = { deleted: 0, batches: 0, watermark, cutoff, upTo: '0' }
  if (watermark === '0') return result
  const { rows } = await options.pg.query<{ id: string }>(BOUND_SQL, [watermark, cutoff])
  result.upTo = rows[0].id
  if (result.upTo === '0') return result
  while (options.maxBatches === undefined || result.batches < options.maxBatches) {
    const { rowCount } = await options.pg.query(DELETE_SQL, [result.upTo, cutoff, batchSize])
    const deleted = rowCount ?? 0
    if (deleted === 0) break
    result.batches++
    result.deleted += deleted
    if (deleted < batchSize) break
  }
  log(`pruned ${result.deleted} outbox event(s) up to id ${result.upTo} (watermark ${watermark}, created before ${cutoff.toISOString()})`)
  return result
}
