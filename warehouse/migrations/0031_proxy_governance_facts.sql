-- 居代业管理 (module 23) at the grain of the record (backend migration 0036, docs/proxy_governance.md):
-- one row per 居代业 with its state (collecting 意见征集 / acting 代行中 / ended 已结束), its outcome once
-- ended ('' / declined 不启动 / terminated 已终止) and the day it was started (Asia/Shanghai). Every step
-- (发起, 不启动, 指定, 终止) re-publishes the row in its transaction. The proxy_governance cube starts from
-- the estate dimension (estate_profile_facts: the place and has_committee) and joins these per estate.
--
-- version = PostgreSQL outbox_events.id that produced the row (a rebuild uses the max outbox id).
-- Engine: ReplacingMergeTree(version), read with FINAL. A 居代业 is never deleted and never changes estate.
CREATE TABLE IF NOT EXISTS proxy_governance_facts
(
    estate_id UInt32,
    case_id UInt32,
    state String,
    outcome String,
    started_on Date,
    changed_at DateTime,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (estate_id, case_id)
