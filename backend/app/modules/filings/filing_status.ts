import type { FilingKind } from '@szpm/core'
import type { FilingRecordStatus } from '#models/filing'

/**
 * The status a filing record has on `asOf` (YYYY-MM-DD, Asia/Shanghai — pass `clock.today()`):
 * a contract stored 'filed' reads 'expired' from the day after its `expires_on`. The stored status
 * is never rewritten by a job. The same rule, in SQL, is PostgreSQL's `effective_filing_status`
 * (migration 0011) and the warehouse cube's `asOf` param (warehouse/src/cubes/filings.ts).
 */
export function effectiveFilingStatus(
  filing: { kind: FilingKind; status: FilingRecordStatus; expiresOn: string | null },
  asOf: string
): FilingRecordStatus {
  if (filing.kind === 'contract' && filing.status === 'filed' && filing.expiresOn !== null && filing.expiresOn < asOf) return 'expired'
  return filing.status
}

/** Only contracts expire: an 业主大会备案 is filed until withdrawn. */
export function mayExpire(kind: FilingKind): boolean {
  return kind === 'contract'
}
