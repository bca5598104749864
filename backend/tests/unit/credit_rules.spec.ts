import { test } from '@japa/runner'
import { creditCounts, creditGrade, creditScore, creditValidUntil, type ScoredRecord } from '#modules/credit/credit_rules'

const good = (id: number, decidedOn: string, validUntil: string): ScoredRecord => ({ id, polarity: 'good', severity: null, decidedOn, validUntil })
const bad = (id: number, severity: 'minor' | 'serious' | 'grave', decidedOn: string, validUntil: string): ScoredRecord => ({ id, polarity: 'bad', severity, decidedOn, validUntil })

test.group('信用信息 · validity periods (domain-rules §6)', () => {
  test('良好 counts 2 years, 不良 1 / 2 / 3 years by severity, up to the day before the anniversary', ({ assert }) => {
    assert.equal(creditValidUntil('2025-12-08', 'good', null), '2027-12-07')
    assert.equal(creditValidUntil('2025-12-07', 'bad', 'minor'), '2026-12-06')
    assert.equal(creditValidUntil('2025-01-10', 'bad', 'serious'), '2027-01-09')
    assert.equal(creditValidUntil('2024-03-01', 'bad', 'grave'), '2027-02-28')
    // a leap day: the anniversary is 1 March, so the record counts until 28 February
    assert.equal(creditValidUntil('2024-02-29', 'bad', 'minor'), '2025-02-28')
    assert.equal(creditValidUntil('2026-01-01', 'good', null), '2027-12-31')
  })

  test('a record valid until D counts on D and not on D+1, nor before its date', ({ assert }) => {
    const record = { decidedOn: '2025-12-07', validUntil: '2026-12-06' }
    assert.isTrue(creditCounts(record, '2026-12-06'))
    assert.isFalse(creditCounts(record, '2026-12-07'))
    assert.isTrue(creditCounts(record, '2025-12-07'))
    assert.isFalse(creditCounts(record, '2025-12-06'))
  })
})

test.group('信用信息 · credit score and grade of a 物业企业', () => {
  test('100 + 2 per counting 良好 (at most +10) − 2 / 5 / 10 per counting 不良, at the edges of validity', ({ assert }) => {
    const records = [
      good(1, '2025-12-08', '2027-12-07'),
      bad(2, 'minor', '2025-12-07', '2026-12-06'),
      bad(3, 'serious', '2025-01-10', '2027-01-09'),
      good(4, '2024-12-08', '2026-12-07'),
    ]
    // 2026-12-06: everything counts → 100 + 4 − 2 − 5
    assert.deepInclude(creditScore(records, '2026-12-06'), { score: 97, grade: 'A' })
    // 2026-12-07: the 一般 不良 is over (its last day was the 6th), the second 良好 has its last day
    const today = creditScore(records, '2026-12-07')
    assert.deepInclude(today, { score: 99, grade: 'A' })
    assert.deepEqual([...today.points], [[4, 2], [3, -5], [1, 2]])
    // 2026-12-08: the second 良好 no longer counts
    assert.deepInclude(creditScore(records, '2026-12-08'), { score: 97, grade: 'A' })
    // 2027-01-10: the 较重 不良 is over too
    assert.deepInclude(creditScore(records, '2027-01-10'), { score: 102, grade: 'A' })
  })

  test('the 良好 bonus stops at +10 (the oldest records spend it), and the score never goes below 0', ({ assert }) => {
    const many = Array.from({ length: 7 }, (_, i) => good(i + 1, `2026-0${i + 1}-01`, '2027-12-31'))
    const score = creditScore(many, '2026-12-01')
    assert.equal(score.score, 110)
    assert.deepEqual([...score.points.values()], [2, 2, 2, 2, 2, 0, 0])
    const grave = Array.from({ length: 11 }, (_, i) => bad(i + 1, 'grave', '2026-01-01', '2028-12-31'))
    assert.deepInclude(creditScore(grave, '2026-12-01'), { score: 0, grade: 'D' })
  })

  test('grades: A ≥ 95, B 85–94, C 70–84, D < 70', ({ assert }) => {
    assert.deepEqual([100, 95, 94, 85, 84, 70, 69, 0].map((score) => creditGrade(score)), ['A', 'A', 'B', 'B', 'C', 'C', 'D', 'D'])
  })
})
