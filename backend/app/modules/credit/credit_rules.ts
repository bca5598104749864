import type { CreditGrade, CreditPolarity, CreditSeverity } from '@szpm/core'
import creditConfig, { type CreditConfig } from '#config/credit'

/**
 * The rules of domain-rules §6, in one place (the entry API, the subject page's score, the generator
 * and the tests): how long a record counts, whether it counts on a day, a company's score and grade.
 * Dates are YYYY-MM-DD (Asia/Shanghai days, as the platform clock gives them).
 */

const DAY = 86_400_000

/** the last day a record decided on `decidedOn` counts: 良好 N years, 不良 by severity, minus one day */
export function creditValidUntil(decidedOn: string, polarity: CreditPolarity, severity: CreditSeverity | null, config: CreditConfig = creditConfig): string {
  const years = polarity === 'good' ? config.goodYears : config.badYears[severity ?? 'minor']
  const [y, m, d] = decidedOn.split('-').map(Number)
  // Feb 29 + 1 year is Mar 1 in Date.UTC, so the record counts until Feb 28
  return new Date(Date.UTC(y + years, m - 1, d) - DAY).toISOString().slice(0, 10)
}

/** a record counts from its date until its `valid_until`, both inclusive */
export function creditCounts(record: { decidedOn: string; validUntil: string }, asOf: string): boolean {
  return record.decidedOn <= asOf && asOf <= record.validUntil
}

export interface ScoredRecord {
  id: number
  polarity: CreditPolarity
  severity: CreditSeverity | null
  decidedOn: string
  validUntil: string
}

export interface CreditScore {
  score: number
  grade: CreditGrade
  /** the points each counting record adds (良好, after the cap is applied in date order) or takes off */
  points: Map<number, number>
}

/** counting records of a company by what they weigh: 良好, and 不良 by severity */
export interface CountingRecords {
  good: number
  minor: number
  serious: number
  grave: number
}

/** the score from counts (the subjects list; the detail page's creditScore gives the same number) */
export function creditScoreOf(counts: CountingRecords, config: CreditConfig = creditConfig): number {
  const good = Math.min(config.goodPointsCap, counts.good * config.goodPoints)
  const bad = counts.minor * config.badPoints.minor + counts.serious * config.badPoints.serious + counts.grave * config.badPoints.grave
  return Math.max(0, config.baseScore + good - bad)
}

export function creditGrade(score: number, config: CreditConfig = creditConfig): CreditGrade {
  if (score >= config.grades.A) return 'A'
  if (score >= config.grades.B) return 'B'
  if (score >= config.grades.C) return 'C'
  return 'D'
}

/**
 * 100 + Σ counting 良好 (+2 each, at most +10) − Σ counting 不良 (一般 −2, 较重 −5, 严重 −10), floor 0.
 * The cap is spent on the oldest counting 良好 records first (later ones show +0).
 */
export function creditScore(records: readonly ScoredRecord[], asOf: string, config: CreditConfig = creditConfig): CreditScore {
  const points = new Map<number, number>()
  let good = 0
  let bad = 0
  const ordered = [...records].sort((a, b) => (a.decidedOn === b.decidedOn ? a.id - b.id : a.decidedOn < b.decidedOn ? -1 : 1))
  for (const record of ordered) {
    if (!creditCounts(record, asOf)) continue
    if (record.polarity === 'good') {
      const add = Math.max(0, Math.min(config.goodPoints, config.goodPointsCap - good))
      good += add
      points.set(record.id, add)
    } else {
      const off = config.badPoints[record.severity ?? 'minor']
      bad += off
      points.set(record.id, -off)
    }
  }
  const score = Math.max(0, config.baseScore + good - bad)
  return { score, grade: creditGrade(score, config), points }
}
