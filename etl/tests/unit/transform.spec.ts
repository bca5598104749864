import { test } from '@japa/runner'
import { estateFilingStateSql, estateIdsParam, PayloadError, topics, transformEvents, UnknownTopicError } from '../../src/index.ts'
import type { OutboxEvent } from '../../src/index.ts'

const state = {
  estate_id: 7, estate_name: "O'Brien 花园", district_id: 1, district_name: '南山区', street_id: 2, street_name: '粤海街道',
  community_id: 3, community_name: '海珠社区', contract_status: 'filed', assembly_status: 'not_filed',
}
const event = (id: string, payload: unknown, topic = 'estate_filing_state'): OutboxEvent => ({ id, topic, entity_id: '7', payload, created_at: new Date('2024-05-01T08:00:00Z') })

test.group('topics', () => {
  test('estate_filing_state → fact row with version = outbox id', ({ assert }) => {
    assert.deepEqual(topics.estate_filing_state.toRows(event('9007199254740993', state)), [
      { ...state, changed_at: 1714550400, version: '9007199254740993' },
    ])
  })

  test('malformed payloads are rejected', ({ assert }) => {
    assert.throws(() => topics.estate_filing_state.toRows(event('1', { ...state, contract_status: 'pending' })), PayloadError)
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
    assert.include(estateFilingStateSql({ estateIds: true }), 'where estate_id = any($1::int[])')
    assert.include(estateFilingStateSql({ estateIds: true, paramStyle: 'knex' }), 'where estate_id = any(?::int[])')
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
