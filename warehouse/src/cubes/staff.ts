import { STAFF_STALE_DAYS, type StaffMetric } from '@szpm/core'
import type { CubeDefinition } from './types.ts'

/** live rows of one kind (0 estate, 1 practitioner, 2 certificate) meeting `condition` */
const live = (kind: 0 | 1 | 2, condition?: string): string => `sumIf(sign, record_kind = ${kind}${condition ? ` AND ${condition}` : ''})`

/** each estate's live practitioner rows (estate_id 0 = company practitioners, never an estate row's) */
const ESTATE_STAFF = 'SELECT estate_id, sum(sign) AS estate_staff FROM staff_facts WHERE record_kind = 1 AND estate_id != 0 GROUP BY estate_id'

/**
 * 从业人员信息: staff_facts holds one row per practitioner, per certificate and per estate (with its
 * last staff confirmation) — warehouse/migrations/0009_practitioner_facts.sql. Every figure is a sum
 * over sign of one kind of row. Per estate row, the number of its practitioners comes from the
 * practitioner rows (the join, by estate), so 未填报 (none) and 信息过期 (some, but confirmed more than
 * STAFF_STALE_DAYS before `asOf`, or never) are read at the grain of the record, as of today.
 * PostgreSQL's same numbers: backend/app/modules/staff/staff_figures.ts (and the bench baseline).
 */
export const cube: CubeDefinition<StaffMetric> = {
  name: 'staff',
  table: 'staff_facts',
  final: false,
  join: `ANY LEFT JOIN (${ESTATE_STAFF}) AS estate_staff_counts USING estate_id`,
  params: {
    asOf: { type: 'Date', description: 'today (Asia/Shanghai): certificates valid until before it are expired; confirmations older than the stale days are stale' },
  },
  metrics: {
    practitioners: { sql: live(1), kind: 'count', description: 'practitioners of both groups' },
    estateStaff: { sql: live(1, "staff_group = 'estate'"), kind: 'count' },
    companyStaff: { sql: live(1, "staff_group = 'company'"), kind: 'count' },
    managers: { sql: live(1, "post = 'manager'"), kind: 'count' },
    service: { sql: live(1, "post = 'service'"), kind: 'count' },
    security: { sql: live(1, "post = 'security'"), kind: 'count' },
    cleaning: { sql: live(1, "post = 'cleaning'"), kind: 'count' },
    certificateHolders: { sql: live(1, 'certificate_count > 0'), kind: 'count' },
    expiredCertificates: { sql: live(2, 'valid_until_day != 0 AND valid_until_day < toUInt32(asOf)'), kind: 'count' },
    estates: { sql: live(0), kind: 'count' },
    estatesMissing: { sql: live(0, 'estate_staff <= 0'), kind: 'count' },
    estatesStale: { sql: live(0, `estate_staff > 0 AND confirmed_day + ${STAFF_STALE_DAYS} < toUInt32(asOf)`), kind: 'count' },
  },
}
