/** Appending outbox events, shared by every source's writer. */
import type { QueryFn } from './pg.ts'
import { OUTBOX_WRITER_LOCK_SQL } from './locks.ts'
import type { ParamStyle } from './sources/source_rows.ts'

/** NOTIFY channel that wakes the outbox drain (etl/src/outbox_listener.ts LISTENs on it). */
export const OUTBOX_CHANNEL = 'szpm_outbox'
/** Run inside the writer's transaction after appending outbox rows (no parameters). */
export const OUTBOX_NOTIFY_SQL = `select pg_notify('${OUTBOX_CHANNEL}', '')`

/**
 * Inside the writer's transaction: takes the shared outbox-writer lock, loads the rows to publish
 * (after the lock, so they reflect the transaction's own changes) and appends one event per row.
 */
export async function appendOutboxEvents<Row extends { estate_id: number }>(
  queryFn: QueryFn,
  topic: string,
  load: () => Promise<Row[]>,
  options: { paramStyle?: ParamStyle } = {},
): Promise<Row[]> {
  await queryFn(OUTBOX_WRITER_LOCK_SQL, [])
  const rows = await load()
  if (rows.length === 0) return []
  let n = 0
  const param = () => (options.paramStyle === 'knex' ? '?' : `$${++n}`)
  const values = rows.map(() => `(${param()}, ${param()}, ${param()}::jsonb)`).join(', ')
  const params = rows.flatMap((row) => [topic, row.estate_id, JSON.stringify(row)])
  await queryFn(`insert into outbox_events (topic, entity_id, payload) values ${values}`, params)
  // wakes the drain (outbox_listener.ts): delivered at COMMIT, once per transaction, never on rollback
  await queryFn(OUTBOX_NOTIFY_SQL, [])
  return rows
}
