/*
| 信用信息 (module 7) settings, domain-rules §6 (platform defaults): how long a record counts, and the
| credit score and grade of a 物业企业. Read by app/modules/credit/credit_rules.ts (entry, score) and the
| generator; the warehouse reads the stored `valid_until`, so a change here applies to records written after it.
*/
const creditConfig = {
  /** years a 良好信息 record counts */
  goodYears: 2,
  /** years a 不良信息 record counts, by severity (一般 / 较重 / 严重) */
  badYears: { minor: 1, serious: 2, grave: 3 },
  /** the score a company starts from */
  baseScore: 100,
  /** points per counting 良好信息 record, and their cap */
  goodPoints: 2,
  goodPointsCap: 10,
  /** points a counting 不良信息 record takes off, by severity */
  badPoints: { minor: 2, serious: 5, grave: 10 },
  /** the lowest score of each grade (below C's: D) */
  grades: { A: 95, B: 85, C: 70 },
}

export type CreditConfig = typeof creditConfig

export default creditConfig
