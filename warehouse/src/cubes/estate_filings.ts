import type { CubeDefinition } from './types.ts'

const rate = (condition: string): string => `if(count() = 0, 0, countIf(${condition}) / count())`

/** Current contract / assembly filing state per estate (table estate_filing_facts). */
export const estateFilings: CubeDefinition = {
  name: 'estate_filings',
  table: 'estate_filing_facts',
  final: true,
  metrics: {
    estates: { sql: 'count()', kind: 'count', description: 'estates' },
    contractFiled: { sql: "countIf(contract_status = 'filed')", kind: 'count' },
    contractExpired: { sql: "countIf(contract_status = 'expired')", kind: 'count' },
    contractNotFiled: { sql: "countIf(contract_status = 'not_filed')", kind: 'count' },
    contractRate: { sql: rate("contract_status = 'filed'"), kind: 'rate' },
    assemblyFiled: { sql: "countIf(assembly_status = 'filed')", kind: 'count' },
    assemblyExpired: { sql: "countIf(assembly_status = 'expired')", kind: 'count' },
    assemblyNotFiled: { sql: "countIf(assembly_status = 'not_filed')", kind: 'count' },
    assemblyRate: { sql: rate("assembly_status = 'filed'"), kind: 'rate' },
  },
}
