-- 招标投标管理 (module 21) at the grain of the review round (backend migration 0033, docs/tenders.md):
-- one row per filing round (PostgreSQL `tender_rounds` with its `tenders` row) — who filed (tenderer_kind),
-- the method, the filing's current state and whether this is its last round (is_last: filing-level
-- figures count only those), the round's submission day and, once 同意 / 不同意 ended it, its decision,
-- decision day and elapsed working days (-1 while open or when the holiday calendar lacks a year).
--
-- Working days need the editable holiday calendar, which the warehouse does not have. So the source
-- (etl/src/sources/tenders.ts, one SQL for the outbox, the rebuild and the reconciliation) also stores
-- the round's thresholds on that calendar: the day it reaches working day 6 (overdue_from, 已超期) and
-- day 10 (severe_from, 严重超期) — 1970-01-02 when that day lies past the calendar — and known_until, the
-- last day before the first year the calendar lacks. The cube buckets a round as of its decision day,
-- or as of today (`asOf`) while open: later than known_until → 未知, else by the thresholds. A calendar
-- change re-publishes the rounds it can affect (docs/tenders.md).
--
-- version = PostgreSQL outbox_events.id that produced the row. ReplacingMergeTree(version), read with
-- FINAL: each row is the current state of one round; every step of a filing re-publishes all its rounds.
CREATE TABLE IF NOT EXISTS tender_round_facts
(
    estate_id UInt32,
    round_id UInt32,
    tender_id UInt32,
    round UInt16,
    tenderer_kind String,
    tender_method String,
    state String,
    is_last UInt8,
    submitted_on Date,
    decision String,
    decided_on Date,
    working_days Int32,
    overdue_from Date,
    severe_from Date,
    known_until Date,
    changed_at DateTime,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (estate_id, round_id)
