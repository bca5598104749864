import { STAFF_STALE_DAYS, type StaffMetric } from '@szpm/core'
import type { CubeDefinition } from './types.ts'

/**
 * 从业人员信息: the facts are at the grain of the record — staff_facts, one row per practitioner, per
 * certificate and per estate with its last staff confirmation (warehouse/migrations/0009) — and the
 * pipeline keeps their per-unit rollup staff_estate_totals beside them (migration 0020), as for
 * houses, parking spaces and learning records: the cube reads one row per estate and one per
 * community's company practitioners (estate_id 0, 物业服务企业从业人员) instead of summing ≈ 300k
 * fact rows per request. A unit with no live fact row left (live_rows 0) is skipped.
 *
 * 未填报 = estates with no practitioner, 信息过期 = estates with practitioners confirmed more than
 * STAFF_STALE_DAYS before `asOf` (or never); expired certificates are those whose last valid day
 * (certificate_days, per unit) is before `asOf` — all as of today, at the grain of the record.
 * PostgreSQL's same numbers: backend/app/modules/staff/staff_figures.ts (and the bench baseline).
 */
export const cube: CubeDefinition<StaffMetric> = {
  name: 'staff',
  table: 'staff_estate_totals',
  final: true,
  where: 'live_rows != 0',
  params: {
    asOf: { type: 'Date', description: 'today (Asia/Shanghai): certificates valid until before it are expired; confirmations older than the stale days are stale' },
  },
  metrics: {
    practitioners: { sql: 'sum(staff)', kind: 'count', description: 'practitioners of both groups' },
    estateStaff: { sql: 'sum(estate_group_staff)', kind: 'count' },
    companyStaff: { sql: 'sum(company_group_staff)', kind: 'count' },
    managers: { sql: 'sum(manager_posts)', kind: 'count' },
    service: { sql: 'sum(service_posts)', kind: 'count' },
    security: { sql: 'sum(security_posts)', kind: 'count' },
    cleaning: { sql: 'sum(cleaning_posts)', kind: 'count' },
    certificateHolders: { sql: 'sum(certificate_holders)', kind: 'count' },
    expiredCertificates: { sql: 'sum(arrayCount(day -> day < toUInt32(asOf), certificate_days))', kind: 'count' },
    estates: { sql: 'sum(estate_rows)', kind: 'count' },
    estatesMissing: { sql: 'sum(if(staff <= 0, estate_rows, 0))', kind: 'count' },
    estatesStale: { sql: `sum(if(staff > 0 AND confirmed_day + ${STAFF_STALE_DAYS} < toUInt32(asOf), estate_rows, 0))`, kind: 'count' },
  },
}
