import { test } from '@japa/runner'
import {
  annualScore, describePeriod, effectiveScore, hasClosed, isWithinWindow, latestStartedPeriod, outsideWindowReason, periodAt, startedPeriods,
} from '#modules/evaluations/evaluation_periods'

test.group('街道社区评价 · window rules (pure)', () => {
  test('windows are 6/1–6/30 and 12/1–12/30, both ends inclusive', ({ assert }) => {
    const h1 = { year: 2026, half: 1 as const }
    const h2 = { year: 2026, half: 2 as const }
    assert.deepEqual(['2026-05-31', '2026-06-01', '2026-06-30', '2026-07-01'].map((d) => isWithinWindow(h1, d)), [false, true, true, false])
    assert.deepEqual(['2026-11-30', '2026-12-01', '2026-12-30', '2026-12-31'].map((d) => isWithinWindow(h2, d)), [false, true, true, false])
    assert.isFalse(hasClosed(h1, '2026-06-30'))
    assert.isTrue(hasClosed(h1, '2026-07-01'))
    assert.isTrue(hasClosed(h2, '2026-12-31'))
  })

  test('the current period, the default one and the list of started periods', ({ assert }) => {
    assert.deepEqual(periodAt('2026-06-15'), { year: 2026, half: 1 })
    assert.deepEqual(periodAt('2026-12-30'), { year: 2026, half: 2 })
    assert.isNull(periodAt('2026-11-28'))
    assert.deepEqual(latestStartedPeriod('2026-11-28'), { year: 2026, half: 1 })
    assert.deepEqual(latestStartedPeriod('2026-03-01'), { year: 2025, half: 2 })
    assert.deepEqual(latestStartedPeriod('2026-12-01'), { year: 2026, half: 2 })
    assert.deepEqual(startedPeriods('2026-11-28', 3), [{ year: 2026, half: 1 }, { year: 2025, half: 2 }, { year: 2025, half: 1 }])
    assert.deepInclude(describePeriod({ year: 2026, half: 2 }, '2026-12-31'), { label: '2026年下半年', isOpen: false, isClosed: true, closesOn: '2026-12-30' })
  })

  test('effective score: reviewed counts, an unreviewed half is 100 only once its window closed', ({ assert }) => {
    const h1 = { year: 2026, half: 1 as const }
    assert.equal(effectiveScore({ state: 'reviewed', finalScore: 87.5 }, h1, '2026-06-20'), 87.5)
    assert.isNull(effectiveScore({ state: 'submitted', finalScore: null }, h1, '2026-06-30'))
    assert.equal(effectiveScore({ state: 'submitted', finalScore: null }, h1, '2026-07-01'), 100)
    assert.equal(effectiveScore({ state: 'pending', finalScore: null }, h1, '2026-07-01'), 100)
    assert.equal(effectiveScore({ state: 'auto_scored', finalScore: 100 }, h1, '2026-07-01'), 100)
    assert.equal(annualScore(80, 100), 90)
    assert.equal(annualScore(85.25, 90.5), 87.88)
    assert.isNull(annualScore(80, null))
  })

  test('refusal reasons name the window', ({ assert }) => {
    assert.equal(outsideWindowReason({ year: 2026, half: 2 }, '2026-11-30'), '2026年下半年评价尚未开始（评价时间为12月1日至12月30日）')
    assert.equal(outsideWindowReason({ year: 2026, half: 1 }, '2026-07-01'), '2026年上半年评价已于6月30日结束，未审核的物业项目按100分计')
  })
})
