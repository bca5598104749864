import { test } from '@japa/runner'
import { cursorOf, estateEvaluationSql, estateFilingStateSql, estateIdsParam, FACT_SOURCES, factKey, PayloadError, topics, transformEvents, UnknownTopicError } from '../../src/index.ts'
import type { OutboxEvent } from '../../src/index.ts'

const state = {
  estate_id: 7, estate_name: "O'Brien 花园", district_id: 1, district_name: '南山区', street_id: 2, street_name: '粤海街道',
  community_id: 3, community_name: '海珠社区', contract_status: 'filed', contract_expires_on: '2027-06-30', assembly_status: 'not_filed',
}
const event = (id: string, payload: unknown, topic = 'estate_filing_state'): OutboxEvent => ({ id, topic, entity_id: '7', payload, created_at: new Date('2024-05-01T08:00:00Z') })

test.group('topics', () => {
  test('estate_filing_state → fact row with version = outbox id', ({ assert }) => {
    assert.deepEqual(topics.estate_filing_state.toRows(event('9007199254740993', state)), [
      { ...state, changed_at: 1714550400, version: '9007199254740993' },
    ])
    // the contract's last day travels with the state (the cube reads it as of a date); events
    // written before the field existed read as having none
    const { contract_expires_on: _, ...before } = state
    assert.isNull(topics.estate_filing_state.toRows(event('9', before))[0].contract_expires_on)
    assert.isNull(topics.estate_filing_state.toRows(event('9', { ...state, contract_expires_on: null }))[0].contract_expires_on)
  })

  test('malformed payloads are rejected', ({ assert }) => {
    assert.throws(() => topics.estate_filing_state.toRows(event('1', { ...state, contract_status: 'pending' })), PayloadError)
    for (const bad of ['2027-6-30', '2027-06-30 00:00:00', "2027-06-30'); --", 20270630]) {
      assert.throws(() => topics.estate_filing_state.toRows(event('1', { ...state, contract_expires_on: bad })), PayloadError, /contract_expires_on/)
    }
    assert.throws(() => topics.estate_filing_state.toRows(event('1', { ...state, estate_id: -1 })), PayloadError)
    assert.throws(() => topics.estate_filing_state.toRows(event('1', { ...state, street_name: null })), PayloadError)
    assert.throws(() => topics.estate_filing_state.toRows(event('1', 'nope')), PayloadError)
  })

  test('transformEvents groups by table; unknown topics fail or are skipped', ({ assert }) => {
    const { tables, skipped } = transformEvents([event('1', state), event('2', { ...state, estate_id: 8 })], topics)
    assert.deepEqual([...tables.keys()], ['estate_filing_facts'])
    assert.lengthOf(tables.get('estate_filing_facts')!, 2)
    assert.equal(skipped, 0)
    assert.throws(() => transformEvents([event('3', state, 'nope')], topics), UnknownTopicError)
    assert.throws(() => transformEvents([event('3', state, '__proto__')], topics), UnknownTopicError)
    assert.equal(transformEvents([event('3', state, 'nope')], topics, 'skip').skipped, 1)
  })
})

test.group('estate filing state SQL', () => {
  test('pg and knex parameter styles', ({ assert }) => {
    assert.include(estateFilingStateSql({ ids: true }), 'where estate_id = any($1::int[])')
    assert.include(estateFilingStateSql({ ids: true, paramStyle: 'knex' }), 'where estate_id = any(?::int[])')
    const keyset = estateFilingStateSql({ keyset: true })
    assert.include(keyset, 'where estate_id > $1')
    assert.isTrue(keyset.endsWith('limit $2'))
    assert.include(estateFilingStateSql(), 'from estate_filing_states')
    assert.notInclude(estateFilingStateSql(), 'where')
  })

  test('estate ids become a validated array literal', ({ assert }) => {
    assert.equal(estateIdsParam([1, 22, 333]), '{1,22,333}')
    assert.throws(() => estateIdsParam([1.5]))
    assert.throws(() => estateIdsParam([0]))
    assert.throws(() => estateIdsParam(['1}' as never]))
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
    const filings = FACT_SOURCES.find((s) => s.table === 'estate_filing_facts')!
    assert.equal(cursorOf(filings, { estate_id: 5 }), 5)
    assert.equal(factKey(filings, { estate_id: 5, year: 2026 }), '5')
  })
})
