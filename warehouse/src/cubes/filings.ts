import type { filings } from '@szpm/core'
import type { CubeDefinition, DeclaredMetric } from './types.ts'

const rate = (condition: string): string => `if(count() = 0, 0, countIf(${condition}) / count())`

/**
 * The contract state as of `asOf`: a contract stored 'filed' is expired from the day after its
 * `contract_expires_on` — the rule of PostgreSQL's `effective_filing_status` (backend migration 0011).
 */
const CONTRACT = "if(contract_status = 'filed' AND isNotNull(contract_expires_on) AND assumeNotNull(contract_expires_on) < asOf, 'expired', contract_status)"

/**
 * Current contract / assembly filing state per estate (table estate_filing_facts), as of `asOf`
 * (today, Asia/Shanghai). 业主大会备案 does not expire: assembly_status is 'filed' or 'not_filed'.
 */
export const cube: CubeDefinition<DeclaredMetric<typeof filings>> = {
  name: 'estate_filings',
  table: 'estate_filing_facts',
  final: true,
  params: {
    asOf: { type: 'Date', description: 'today (Asia/Shanghai): a contract whose last day is before it counts as expired' },
  },
  metrics: {
    estates: { sql: 'count()', kind: 'count', description: 'estates' },
    contractFiled: { sql: `countIf(${CONTRACT} = 'filed')`, kind: 'count' },
    contractExpired: { sql: `countIf(${CONTRACT} = 'expired')`, kind: 'count' },
    contractNotFiled: { sql: "countIf(contract_status = 'not_filed')", kind: 'count' },
    contractRate: { sql: rate(`${CONTRACT} = 'filed'`), kind: 'rate' },
    assemblyFiled: { sql: "countIf(assembly_status = 'filed')", kind: 'count' },
    assemblyNotFiled: { sql: "countIf(assembly_status = 'not_filed')", kind: 'count' },
    assemblyRate: { sql: rate("assembly_status = 'filed'"), kind: 'rate' },
  },
}
