-- 共有资金情况 (module 18) at the grain of the record (backend migration 0022, docs/common_funds.md).
-- Three tables:
--
--   common_fund_account_facts     one row per common-fund account (at most one per estate): kind
--                                 (basic / co_managed), bank, status (normal / closed), opened_on, the
--                                 stored balance and what its 账户流水 add up to (credits − debits, 分)
--                                 with the day of the last entry — the cube decides 异常 from them
--                                 as of its `asOf` (12 months without an entry, a balance that does not
--                                 match its entries);
--   common_fund_balance_facts     one row per account × month-end balance (共享银行统计; 36 months per
--                                 account at city scale);
--   common_fund_enforcement_facts one row per 责令整改 (street) / 行政处罚 (district) record.
--
-- The common_funds cube starts from the estate dimension (estate_profile_facts, the place) and joins
-- these per estate with the 业主大会备案 of filing_facts: nothing is summed per estate here.
--
-- version = PostgreSQL outbox_events.id that produced the row (a rebuild uses the max outbox id).
-- Engine: ReplacingMergeTree(version), read with FINAL — each row is the current state of one
-- PostgreSQL row, replaced by the next event about it (replays are harmless). Keys lead with estate_id
-- (the cube's unit; an account, a balance and a record never change estate) and end with the record's
-- identity. No place columns: a moved estate's place comes from estate_profile_facts. Columns are named
-- after what they are (account_kind, account_status, enforcement_kind), so no cube's SQL reads as
-- comparing another table's `kind` / `status` (filing_facts has both).
CREATE TABLE IF NOT EXISTS common_fund_balance_facts
(
    estate_id UInt32,
    account_id UInt32,
    balance_id UInt64,
    month Date,
    balance Int64,
    changed_at DateTime,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (estate_id, balance_id);

CREATE TABLE IF NOT EXISTS common_fund_account_facts
(
    estate_id UInt32,
    account_id UInt32,
    bank_name String,
    account_status String,
    account_kind String,
    opened_on Date,
    balance Int64,
    ledger_balance Int64,
    last_transaction_on Nullable(Date),
    changed_at DateTime,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (estate_id, account_id);

CREATE TABLE IF NOT EXISTS common_fund_enforcement_facts
(
    estate_id UInt32,
    enforcement_id UInt32,
    enforcement_kind String,
    decided_on Date,
    changed_at DateTime,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (estate_id, enforcement_id)
