import { test } from '@japa/runner'
import { cursorOf, estateEvaluationSql, estateIdsParam, FACT_SOURCES, factKey, filingSql, PayloadError, topics, transformEvents, UnknownTopicError } from '../../src/index.ts'
import type { OutboxEvent } from '../../src/index.ts'

const filing = { filing_id: 31, estate_id: 7, kind: 'contract', status: 'filed', filed_on: '2024-05-01', expires_on: '2027-06-30' }
const event = (id: string, payload: unknown, topic = 'filing'): OutboxEvent => ({ id, topic, entity_id: '7', payload, created_at: new Date('2024-05-01T08:00:00Z') })

test.group('topics', () => {
  test('filing → one filing_facts row per filing, with version = outbox id', ({ assert }) => {
    assert.equal(topics.filing.table, 'filing_facts')
    assert.deepEqual(topics.filing.toRows(event('9007199254740993', filing)), [
      { estate_id: 7, filing_id: 31, kind: 'contract', status: 'filed', filed_on: '2024-05-01', expires_on: '2027-06-30', changed_at: 1714550400, version: '9007199254740993' },
    ])
    // open-ended filings (an 业主大会备案, a contract without an end) have no last day
    assert.isNull(topics.filing.toRows(event('9', { ...filing, expires_on: null }))[0].expires_on)
    const { expires_on: _, ...withoutEnd } = filing
    assert.isNull(topics.filing.toRows(event('9', withoutEnd))[0].expires_on)
    // a withdrawn filing is a fact like any other (the cube ignores it when deciding the state)
    assert.equal(topics.filing.toRows(event('10', { ...filing, status: 'withdrawn' }))[0].status, 'withdrawn')
  })

  test('malformed payloads are rejected', ({ assert }) => {
    for (const bad of [
      { status: 'not_filed' }, { status: 'pending' }, { kind: 'lease' }, { filing_id: -1 }, { filing_id: 'x' }, { estate_id: -1 },
      { filed_on: null }, { filed_on: '2024-5-1' }, { expires_on: '2027-6-30' }, { expires_on: '2027-06-30 00:00:00' }, { expires_on: "2027-06-30'); --" }, { expires_on: 20270630 },
    ]) {
      assert.throws(() => topics.filing.toRows(event('1', { ...filing, ...bad })), PayloadError, undefined, JSON.stringify(bad))
    }
    assert.throws(() => topics.filing.toRows(event('1', 'nope')), PayloadError)
    assert.throws(() => topics.filing.toRows(event('1', null)), PayloadError)
  })

  test('transformEvents groups by table; unknown topics fail or are skipped', ({ assert }) => {
    const { tables, skipped } = transformEvents([event('1', filing), event('2', { ...filing, filing_id: 32 })], topics)
    assert.deepEqual([...tables.keys()], ['filing_facts'])
    assert.lengthOf(tables.get('filing_facts')!, 2)
    assert.equal(skipped, 0)
    assert.throws(() => transformEvents([event('3', filing, 'nope')], topics), UnknownTopicError)
    assert.throws(() => transformEvents([event('3', filing, '__proto__')], topics), UnknownTopicError)
    // the per-estate topic of before (backend releases that published estate states) is not a topic any more
    assert.throws(() => transformEvents([event('3', filing, 'estate_filing_state')], topics), UnknownTopicError)
    assert.equal(transformEvents([event('3', filing, 'nope')], topics, 'skip').skipped, 1)
  })
})

test.group('filing SQL', () => {
  test('pg and knex parameter styles; keyset by filing id', ({ assert }) => {
    assert.include(filingSql({ ids: true }), 'where f.id = any($1::int[])')
    assert.include(filingSql({ ids: true, paramStyle: 'knex' }), 'where f.id = any(?::int[])')
    const keyset = filingSql({ keyset: true })
    assert.include(keyset, 'where f.id > $1')
    assert.isTrue(keyset.endsWith('order by f.id\nlimit $2'))
    assert.include(filingSql(), 'from filings f')
    assert.notInclude(filingSql(), 'where')
  })

  test('ids become a validated array literal', ({ assert }) => {
    assert.equal(estateIdsParam([1, 22, 333]), '{1,22,333}')
    assert.throws(() => estateIdsParam([1.5]))
    assert.throws(() => estateIdsParam([0]))
    assert.throws(() => estateIdsParam(['1}' as never]))
  })

  test('fact source: one row per filing, paged by filing id, identified by (estate_id, filing_id); bulk SELECT of the same columns', ({ assert }) => {
    const source = FACT_SOURCES.find((s) => s.table === 'filing_facts')!
    assert.equal(source.topic, 'filing')
    assert.deepEqual(source.key, ['filing_id'])
    assert.equal(cursorOf(source, filing), 31)
    assert.equal(factKey(source, filing), '7|31')
    assert.deepEqual(source.bulk!.columns, Object.keys(source.toFactRow(filing, '5', new Date(0))))
    const select = source.bulk!.select('123', 1_714_550_400)
    assert.include(select, "'1714550400' as changed_at, 123 as version from filings f")
    assert.throws(() => source.bulk!.select('1; drop table filings', 0), RangeError)
    assert.throws(() => source.bulk!.select('1', 1.5), RangeError)
  })
})

test.group('estate_evaluation topic', () => {
  const evaluation = {
    evaluation_id: 11, estate_id: 7, estate_name: "O'Brien 花园", district_id: 1, district_name: '南山区', street_id: 2, street_name: '粤海街道',
    community_id: 3, community_name: '海珠社区', year: 2026, half: 1, state: 'reviewed', was_submitted: true, final_score: 88.5, closes_on: '2026-06-30',
  }
  const { evaluation_id: _id, ...place } = evaluation

  test('→ fact row with version = outbox id (the evaluation id is not stored)', ({ assert }) => {
    assert.deepEqual(topics.estate_evaluation.toRows(event('42', evaluation, 'estate_evaluation')), [
      { ...place, was_submitted: 1, changed_at: 1714550400, version: '42' },
    ])
    assert.equal(topics.estate_evaluation.table, 'estate_evaluation_facts')
  })

  test('malformed payloads are rejected', ({ assert }) => {
    for (const bad of [
      { state: 'approved' }, { half: 3 }, { half: '1' }, { year: 1800 }, { year: "2026'" }, { was_submitted: 'yes' }, { final_score: '88' },
      { final_score: 101 }, { final_score: Number.NaN }, { closes_on: "2026-06-30'); --" }, { closes_on: null }, { estate_id: -1 }, { evaluation_id: 'x' },
      { community_name: 3 },
    ]) {
      assert.throws(() => topics.estate_evaluation.toRows(event('1', { ...evaluation, ...bad }, 'estate_evaluation')), PayloadError, undefined, JSON.stringify(bad))
    }
  })

  test('SQL: by ids (pg / knex) and keyset by evaluation id', ({ assert }) => {
    assert.include(estateEvaluationSql({ ids: true }), 'where ev.id = any($1::int[])')
    assert.include(estateEvaluationSql({ ids: true, paramStyle: 'knex' }), 'where ev.id = any(?::int[])')
    const keyset = estateEvaluationSql({ keyset: true })
    assert.include(keyset, 'where ev.id > $1')
    assert.isTrue(keyset.endsWith('order by ev.id\nlimit $2'))
    assert.include(keyset, 'join evaluation_periods p on p.year = ev.year and p.half = ev.half')
  })

  test('fact sources: evaluations are keyed by year/half and paged by evaluation id', ({ assert }) => {
    const source = FACT_SOURCES.find((s) => s.table === 'estate_evaluation_facts')!
    assert.deepEqual(source.key, ['year', 'half'])
    assert.equal(cursorOf(source, evaluation), 11)
    assert.equal(factKey(source, evaluation), '7|2026|1')
    assert.equal(factKey(source, { estate_id: '7', year: 2026, half: '1' }), '7|2026|1')
    const profiles = FACT_SOURCES.find((s) => s.table === 'estate_profile_facts')!
    assert.equal(cursorOf(profiles, { estate_id: 5 }), 5)
    assert.equal(factKey(profiles, { estate_id: 5, year: 2026 }), '5')
  })
})
