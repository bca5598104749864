-- 信用信息: a record deleted by a bureau (backend migration 0044, `credit_records.deleted_at`) stays a fact
-- row with deleted = 1 (same key, a newer version), so the rebuild, the drain and the reconciliation keep
-- seeing one row per PostgreSQL row; the rollup credit_estate_totals, the trend and the cube's
-- per-request SQL skip it. Existing rows read 0.
ALTER TABLE credit_record_facts ADD COLUMN deleted UInt8 DEFAULT 0 AFTER valid_until
