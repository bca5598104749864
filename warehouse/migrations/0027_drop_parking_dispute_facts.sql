-- 车位信息's 住宅小区车位纠纷类型 now counts the real disputes of 纠纷化解台账 (dispute_facts, the `parking_*`
-- types, migration 0026); the placeholder facts of PostgreSQL's `parking_disputes` (migration 0013) are
-- read by nothing any more, and their source table is dropped by backend migration 0046.
DROP TABLE IF EXISTS parking_dispute_facts
