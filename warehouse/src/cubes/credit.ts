import type { credit, CreditCategory } from '@szpm/core'
import type { CubeDefinition, DeclaredMetric } from './types.ts'

/**
 * Per estate, its credit records as parallel arrays (credit_record_facts, one row per record): the
 * subject, whether it is 良好 / 不良 (1 / 0), category, date and last counting day. The metrics judge 有效 / 已过期 as of `asOf`
 * at read time, so nothing depends on when a job ran; subjects are counted distinct over the arrays of
 * all the region's estates (a company with records on two estates of a street is one subject there).
 */
const PER_ESTATE =
  "SELECT estate_id, count() AS credit_records, groupArray(subject_id) AS credit_subject_ids, groupArray(toUInt8(polarity = 'good')) AS credit_good, groupArray(toUInt8(polarity = 'bad')) AS credit_bad, " +
  'groupArray(category) AS credit_categories, groupArray(decided_on) AS credit_decided, groupArray(valid_until) AS credit_valid ' +
  'FROM credit_record_facts FINAL GROUP BY estate_id'

/** a record counts on asOf: decided on or before it, valid until it or later */
const COUNTS = 'd <= asOf AND v >= asOf'
const counting = (condition: string, column: string) => `sum(arrayCount((x, d, v) -> ${condition} AND ${COUNTS}, ${column}, credit_decided, credit_valid))`
const category = (code: CreditCategory) => ({ sql: counting(`x = '${code}'`, 'credit_categories'), kind: 'count' }) as const

/**
 * 信用信息统计 (module 7): every estate (estate_profile_facts, its current place) with its credit records,
 * counted as of `asOf` (today, Asia/Shanghai): 有效 = decided_on ≤ asOf ≤ valid_until; 已过期 =
 * valid_until < asOf — PostgreSQL's rule in app/modules/credit/credit_record_query.ts.
 */
export const cube: CubeDefinition<DeclaredMetric<typeof credit>> = {
  name: 'credit',
  table: 'estate_profile_facts',
  final: true,
  join: `ANY LEFT JOIN (${PER_ESTATE}) AS credit_estates USING estate_id`,
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
