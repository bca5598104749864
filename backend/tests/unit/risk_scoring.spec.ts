import { test } from '@japa/runner'
import { RISK_DEFAULT_SETTINGS, RISK_SIGNAL_KEYS, riskLevelOf, riskScore, type RiskInputs, type RiskSettings } from '@szpm/core'

/** a hand-built estate with nothing wrong: every input present and clean */
const clean = (): RiskInputs => ({
  contract_filing: { status: 'filed', filingId: 11 },
  assembly_filing: { filed: true, filingId: 12 },
  common_fund_overdue: { overdue: false },
  open_disputes: { open: 0, oldestAgeDays: null, oldestId: null },
  evaluation_score: { score: 88, evaluationId: 13 },
  credit_grade: { score: 96, grade: 'A', subjectId: 14 },
  staff_stale: { days: 20 },
  inspections_unrectified: null,
})

const settings = (): RiskSettings => structuredClone(RISK_DEFAULT_SETTINGS)
const pointsOf = (inputs: RiskInputs, key: string, s = settings()) => riskScore(inputs, s).signals.find((signal) => signal.key === key)!.points

test.group('物业项目风险预警 · each signal on a hand-built estate', () => {
  test('a clean estate scores 0, 绿; the absent 安全检查 input is marked absent and scores 0', ({ assert }) => {
    const score = riskScore(clean())
    assert.equal(score.score, 0)
    assert.equal(score.level, 'green')
    assert.deepEqual(score.signals.map((signal) => signal.key), [...RISK_SIGNAL_KEYS])
    const inspections = score.signals.find((signal) => signal.key === 'inspections_unrectified')!
    assert.deepInclude(inspections, { present: false, points: 0, description: '无数据' })
  })

  test('contract filing: expired or missing → its weight (20), filed → 0', ({ assert }) => {
    const estate = clean()
    estate.contract_filing = { status: 'expired', filingId: 11 }
    assert.equal(pointsOf(estate, 'contract_filing'), 20)
    estate.contract_filing = { status: 'missing', filingId: null }
    assert.equal(pointsOf(estate, 'contract_filing'), 20)
    assert.equal(riskScore(estate).score, 20)
    assert.equal(riskScore(estate).level, 'yellow')
  })

  test('owners’ assembly not filed → 10; common-fund account overdue → 15', ({ assert }) => {
    const estate = clean()
    estate.assembly_filing = { filed: false, filingId: null }
    assert.equal(pointsOf(estate, 'assembly_filing'), 10)
    estate.common_fund_overdue = { overdue: true }
    assert.equal(pointsOf(estate, 'common_fund_overdue'), 15)
    assert.equal(riskScore(estate).score, 25)
  })

  test('open disputes: any open → half the weight, the oldest older than the threshold (30 days) → the whole weight', ({ assert }) => {
    const estate = clean()
    estate.open_disputes = { open: 2, oldestAgeDays: 30, oldestId: 5 }
    assert.equal(pointsOf(estate, 'open_disputes'), 7.5)
    estate.open_disputes = { open: 2, oldestAgeDays: 31, oldestId: 5 }
    assert.equal(pointsOf(estate, 'open_disputes'), 15)
    estate.open_disputes = { open: 0, oldestAgeDays: null, oldestId: null }
    assert.equal(pointsOf(estate, 'open_disputes'), 0)
  })

  test('last evaluation below 60 → 10 (60 itself is not); credit score below 70 → 10', ({ assert }) => {
    const estate = clean()
    estate.evaluation_score = { score: 60, evaluationId: 1 }
    assert.equal(pointsOf(estate, 'evaluation_score'), 0)
    estate.evaluation_score = { score: 59.5, evaluationId: 1 }
    assert.equal(pointsOf(estate, 'evaluation_score'), 10)
    estate.credit_grade = { score: 70, grade: 'C', subjectId: 1 }
    assert.equal(pointsOf(estate, 'credit_grade'), 0)
    estate.credit_grade = { score: 69, grade: 'D', subjectId: 1 }
    assert.equal(pointsOf(estate, 'credit_grade'), 10)
  })

  test('staff information: never filled in or confirmed more than 180 days ago → 10', ({ assert }) => {
    const estate = clean()
    estate.staff_stale = { days: 180 }
    assert.equal(pointsOf(estate, 'staff_stale'), 0)
    estate.staff_stale = { days: 181 }
    assert.equal(pointsOf(estate, 'staff_stale'), 10)
    estate.staff_stale = { days: null }
    assert.equal(pointsOf(estate, 'staff_stale'), 10)
  })

  test('safety-inspection problems, once the input exists: at least the threshold (1) → 10', ({ assert }) => {
    const estate = clean()
    estate.inspections_unrectified = { count: 0 }
    assert.equal(pointsOf(estate, 'inspections_unrectified'), 0)
    estate.inspections_unrectified = { count: 3 }
    assert.equal(pointsOf(estate, 'inspections_unrectified'), 10)
  })
})

test.group('物业项目风险预警 · combination, settings and levels', () => {
  test('every signal firing scores 100, 红; the sum of the points is the score', ({ assert }) => {
    const estate: RiskInputs = {
      contract_filing: { status: 'expired', filingId: 1 },
      assembly_filing: { filed: false, filingId: null },
      common_fund_overdue: { overdue: true },
      open_disputes: { open: 3, oldestAgeDays: 90, oldestId: 2 },
      evaluation_score: { score: 40, evaluationId: 3 },
      credit_grade: { score: 50, grade: 'D', subjectId: 4 },
      staff_stale: { days: null },
      inspections_unrectified: { count: 2 },
    }
    const score = riskScore(estate)
    assert.equal(score.score, 100)
    assert.equal(score.level, 'red')
    assert.equal(score.signals.reduce((sum, signal) => sum + signal.points, 0), 100)
  })

  test('a mix: expired contract + young open dispute + stale staff = 20 + 7.5 + 10 = 37.5 → 黄', ({ assert }) => {
    const estate = clean()
    estate.contract_filing = { status: 'expired', filingId: 1 }
    estate.open_disputes = { open: 1, oldestAgeDays: 3, oldestId: 9 }
    estate.staff_stale = { days: 400 }
    const score = riskScore(estate)
    assert.equal(score.score, 37.5)
    assert.equal(score.level, 'yellow')
  })

  test('settings apply: a disabled signal scores 0, a changed weight and threshold count, levels move', ({ assert }) => {
    const estate = clean()
    estate.contract_filing = { status: 'missing', filingId: null }
    estate.evaluation_score = { score: 70, evaluationId: 1 }
    const s = settings()
    s.signals.contract_filing.enabled = false
    s.signals.evaluation_score = { weight: 45, threshold: 75, enabled: true }
    s.levels = { red: 45, orange: 30, yellow: 10 }
    const score = riskScore(estate, s)
    assert.equal(pointsOf(estate, 'contract_filing', s), 0)
    assert.equal(score.score, 45)
    assert.equal(score.level, 'red')
  })

  test('the score is capped at 100 when weights add up to more', ({ assert }) => {
    const estate = clean()
    estate.contract_filing = { status: 'missing', filingId: null }
    estate.common_fund_overdue = { overdue: true }
    const s = settings()
    s.signals.contract_filing.weight = 80
    s.signals.common_fund_overdue.weight = 80
    assert.equal(riskScore(estate, s).score, 100)
  })

  test('levels: ≥ red → 红, ≥ orange → 橙, ≥ yellow → 黄, else 绿', ({ assert }) => {
    const levels = RISK_DEFAULT_SETTINGS.levels
    assert.deepEqual([100, 60, 59.9, 40, 39.9, 20, 19.9, 0].map((score) => riskLevelOf(score, levels)),
      ['red', 'red', 'orange', 'orange', 'yellow', 'yellow', 'green', 'green'])
  })
})
