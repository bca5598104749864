import type { credit, CreditCategory } from '@szpm/core'
import type { CubeDefinition, DeclaredMetric } from './types.ts'

/**
 * The categories by their 1-based code in credit_estate_totals.credit_category_codes (the ETL's rollup,
 * etl/src/sources/credit.ts, writes `indexOf` of this same order; a unit test checks they agree).
 */
export const CREDIT_CATEGORY_CODES: readonly CreditCategory[] = [
  'commendation', 'happy_estate', 'green_property', 'green_demo_project', 'green_star_rating', 'standard_drafting', 'top_ten',
  'rectification', 'penalty', 'court_judgment', 'bottom_ten',
]

/**
 * Per estate, its credit records as parallel arrays: the subject, whether it is 良好 / 不良 (1 / 0), the
 * category's code, date and last counting day — read from the per-estate rollup credit_estate_totals
 * (warehouse migration 0021, ≈ 5,600 rows at city scale) that the ETL keeps beside credit_record_facts.
 * The metrics judge 有效 / 已过期 as of `asOf` at read time, so nothing depends on when a job ran;
 * subjects are counted distinct over the arrays of all the region's estates (a company with records on
 * two estates of a street is one subject there).
 */
export const CREDIT_PER_ESTATE =
  'SELECT estate_id, credit_records, credit_subject_ids, credit_good, credit_bad, credit_category_codes, credit_decided, credit_valid ' +
  'FROM credit_estate_totals FINAL'

/**
 * The same arrays computed from the raw facts (one row per record, FINAL, grouped per request): what the
 * cube read before the rollup; kept for the tests and the bench, which assert the rollup equal to it.
 * Deleted records (deleted = 1) are skipped by -If, never by a WHERE over FINAL (see etl/src/sources/credit.ts).
 */
export const CREDIT_PER_ESTATE_FROM_FACTS =
  "SELECT estate_id, countIf(deleted = 0) AS credit_records, groupArrayIf(subject_id, deleted = 0) AS credit_subject_ids, groupArrayIf(toUInt8(polarity = 'good'), deleted = 0) AS credit_good, groupArrayIf(toUInt8(polarity = 'bad'), deleted = 0) AS credit_bad, " +
  `groupArrayIf(toUInt8(indexOf([${CREDIT_CATEGORY_CODES.map((code) => `'${code}'`).join(', ')}], category)), deleted = 0) AS credit_category_codes, groupArrayIf(decided_on, deleted = 0) AS credit_decided, groupArrayIf(valid_until, deleted = 0) AS credit_valid ` +
  'FROM credit_record_facts FINAL GROUP BY estate_id'

/** a record counts on asOf: decided on or before it, valid until it or later */
const COUNTS = 'd <= asOf AND v >= asOf'
const counting = (condition: string, column: string) => `sum(arrayCount((x, d, v) -> ${condition} AND ${COUNTS}, ${column}, credit_decided, credit_valid))`
const category = (code: CreditCategory) => ({ sql: counting(`x = ${CREDIT_CATEGORY_CODES.indexOf(code) + 1}`, 'credit_category_codes'), kind: 'count' }) as const

/**
 * 信用信息统计 (module 7): every estate (estate_profile_facts, its current place) with its credit records,
 * counted as of `asOf` (today, Asia/Shanghai): 有效 = decided_on ≤ asOf ≤ valid_until; 已过期 =
 * valid_until < asOf — PostgreSQL's rule in app/modules/credit/credit_record_query.ts.
 */
export const cube: CubeDefinition<DeclaredMetric<typeof credit>> = {
  name: 'credit',
  table: 'estate_profile_facts',
  final: true,
  join: `ANY LEFT JOIN (${CREDIT_PER_ESTATE}) AS credit_estates USING estate_id`,
  params: {
    asOf: { type: 'Date', description: 'today (Asia/Shanghai): the day a record counts or shows 已过期' },
  },
  metrics: {
    subjects: { sql: 'uniqExactArray(credit_subject_ids)', kind: 'count', description: 'distinct subjects with records' },
    badSubjects: {
      sql: `uniqExactArray(arrayFilter((s, x, d, v) -> x = 1 AND ${COUNTS}, credit_subject_ids, credit_bad, credit_decided, credit_valid))`,
      kind: 'count',
      description: 'distinct subjects with a counting 不良信息 record',
    },
    records: { sql: 'sum(credit_records)', kind: 'count' },
    countingRecords: { sql: 'sum(arrayCount((d, v) -> d <= asOf AND v >= asOf, credit_decided, credit_valid))', kind: 'count' },
    expiredRecords: { sql: 'sum(arrayCount(v -> v < asOf, credit_valid))', kind: 'count' },
    goodRecords: { sql: counting('x = 1', 'credit_good'), kind: 'count' },
    badRecords: { sql: counting('x = 1', 'credit_bad'), kind: 'count' },
    commendationRecords: category('commendation'),
    happyEstateRecords: category('happy_estate'),
    greenPropertyRecords: category('green_property'),
    greenDemoProjectRecords: category('green_demo_project'),
    greenStarRatingRecords: category('green_star_rating'),
    standardDraftingRecords: category('standard_drafting'),
    topTenRecords: category('top_ten'),
    rectificationRecords: category('rectification'),
    penaltyRecords: category('penalty'),
    courtJudgmentRecords: category('court_judgment'),
    bottomTenRecords: category('bottom_ten'),
  },
}
