/**
 * PostgreSQL advisory locks shared by the backend (outbox writers) and the ETL.
 *
 * OUTBOX_WRITER_LOCK — outbox writers take it SHARED for their transaction
 * (`OUTBOX_WRITER_LOCK_SQL`, done by `appendOutboxEvents`, e.g. via `writeFilingOutbox`); the drain and the rebuild take
 * it EXCLUSIVE for the instant they read the outbox. Ids come from a sequence, so without it a
 * transaction that got id 41 could commit after id 42 was already drained and be skipped forever.
 *
 * ETL_LOCK — one drain or rebuild at a time across all worker processes.
 */
export const OUTBOX_WRITER_LOCK = 7_342_001
export const ETL_LOCK = 7_342_002

/** Run inside the writer's transaction before inserting outbox rows (no parameters). */
export const OUTBOX_WRITER_LOCK_SQL = `select pg_advisory_xact_lock_shared(${OUTBOX_WRITER_LOCK})`
