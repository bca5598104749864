import type { filings } from '@szpm/core'
import type { CubeDefinition, DeclaredMetric } from './types.ts'

/** the deciding filing of a kind: the greatest (filed_on, filing_id), as PostgreSQL's ORDER BY filed_on DESC, id DESC */
const LATEST = '(filed_on, filing_id)'

/**
 * Each estate's STORED state per kind, from its filings — PostgreSQL's `estate_filing_states` view
 * (backend migration 0004): among the filings whose status is filed or expired (withdrawn ones never
 * count), the most recent of each kind decides. An estate with no such filing of a kind gets '' there
 * (argMaxIf's default); one with none at all is absent and the LEFT JOIN gives '' — both read not_filed.
 * The contract's status and last day are taken together as one tuple: argMax skips a NULL argument,
 * so a Nullable expires_on alone would fall back to an older contract's date.
 */
const DECIDING_STATES =
  'SELECT estate_id, ' +
  `argMaxIf((status, expires_on), ${LATEST}, kind = 'contract') AS deciding_contract, ` +
  'tupleElement(deciding_contract, 1) AS contract_status, tupleElement(deciding_contract, 2) AS contract_expires_on, ' +
  `argMaxIf(status, ${LATEST}, kind = 'assembly') AS assembly_status ` +
  "FROM filing_facts FINAL WHERE status IN ('filed', 'expired') GROUP BY estate_id"

/**
 * The contract state as of `asOf`: a contract stored 'filed' is expired from the day after its
 * `expires_on` — the rule of PostgreSQL's `effective_filing_status` (backend migration 0011).
 */
const CONTRACT = "multiIf(contract_status = '', 'not_filed', contract_status = 'filed' AND isNotNull(contract_expires_on) AND assumeNotNull(contract_expires_on) < asOf, 'expired', contract_status)"
/** 业主大会备案 does not expire: 'filed' or 'not_filed' */
const ASSEMBLY = "if(assembly_status = '', 'not_filed', assembly_status)"

const rate = (condition: string): string => `if(count() = 0, 0, countIf(${condition}) / count())`

/**
 * 备案情况: every estate (estate_profile_facts, one row per estate with its current place) with the
 * contract / assembly filing state its filings (filing_facts, one row per filing) give it, as of
 * `asOf` (today, Asia/Shanghai). An estate without filings counts as not filed.
 */
export const cube: CubeDefinition<DeclaredMetric<typeof filings>> = {
  name: 'estate_filings',
  table: 'estate_profile_facts',
  final: true,
  join: `ANY LEFT JOIN (${DECIDING_STATES}) AS filing_states USING estate_id`,
  params: {
    asOf: { type: 'Date', description: 'today (Asia/Shanghai): a contract whose last day is before it counts as expired' },
  },
  metrics: {
    estates: { sql: 'count()', kind: 'count', description: 'estates' },
    contractFiled: { sql: `countIf(${CONTRACT} = 'filed')`, kind: 'count' },
    contractExpired: { sql: `countIf(${CONTRACT} = 'expired')`, kind: 'count' },
    contractNotFiled: { sql: `countIf(${CONTRACT} = 'not_filed')`, kind: 'count' },
    contractRate: { sql: rate(`${CONTRACT} = 'filed'`), kind: 'rate' },
    assemblyFiled: { sql: `countIf(${ASSEMBLY} = 'filed')`, kind: 'count' },
    assemblyNotFiled: { sql: `countIf(${ASSEMBLY} = 'not_filed')`, kind: 'count' },
    assemblyRate: { sql: rate(`${ASSEMBLY} = 'filed'`), kind: 'rate' },
  },
}
