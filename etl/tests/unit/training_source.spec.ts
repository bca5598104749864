import { test } from '@japa/runner'
import { FACT_SOURCES_BY_MODULE, learningRecordSql, LEARNING_RECORD_TOPIC, PayloadError, topics } from '../../src/index.ts'
import type { OutboxEvent } from '../../src/index.ts'

const record = {
  estate_id: 7, estate_name: '翠园小区', district_id: 2, district_name: '福田区', street_id: 4, street_name: '园岭街道', community_id: 9, community_name: '园岭一社区',
  record_id: 31, course_id: 3, practitioner_id: 12, is_lead: 1, enrolled_on: '2026-10-01', progress: 100, learned_minutes: 45,
}
const event = (id: string, payload: unknown): OutboxEvent => ({ id, topic: LEARNING_RECORD_TOPIC, entity_id: '31', payload, created_at: new Date('2026-10-05T01:00:00Z') })

/** 宣传培训's fact source (etl/src/sources/training.ts): the topic, the SQL, the rollup. */
test.group('learning records', () => {
  test('learning_record → one learning_record_facts row per record, completed at 100, version = outbox id', ({ assert }) => {
    const transformer = topics[LEARNING_RECORD_TOPIC]
    assert.equal(transformer.table, 'learning_record_facts')
    assert.deepEqual(transformer.toRows(event('9007199254740993', record)), [
      { ...record, is_completed: 1, changed_at: 1791162000, version: '9007199254740993', sign: 1 },
    ])
    assert.equal(transformer.toRows(event('2', { ...record, progress: 99 }))[0].is_completed, 0)
  })

  test('malformed payloads are rejected', ({ assert }) => {
    for (const bad of [
      { progress: 101 }, { progress: -1 }, { progress: 50.5 }, { progress: '50x' }, { is_lead: true }, { is_lead: 2 }, { learned_minutes: -1 },
      { record_id: 0 }, { record_id: 'x' }, { course_id: -1 }, { practitioner_id: null }, { enrolled_on: '2026-10-1' }, { enrolled_on: "2026-10-01'); --" }, { estate_name: 7 },
    ]) {
      assert.throws(() => topics[LEARNING_RECORD_TOPIC].toRows(event('1', { ...record, ...bad })), PayloadError, undefined, JSON.stringify(bad))
    }
    assert.throws(() => topics[LEARNING_RECORD_TOPIC].toRows(event('1', 'nope')), PayloadError)
  })

  test('SQL: by record ids and estates (pg / knex), keyset by record id; estate practitioners only', ({ assert }) => {
    assert.include(learningRecordSql('records'), 'where r.id = any($1::bigint[])')
    assert.include(learningRecordSql('records', 'knex'), 'where r.id = any(?::bigint[])')
    assert.include(learningRecordSql('estates'), 'where p.estate_id = any($1::int[])')
    assert.match(learningRecordSql('page'), /where r\.id > \$1\s+order by r\.id\s+limit \$2$/)
    // the estate is an inner join: a company practitioner (no estate) has no fact
    for (const by of ['records', 'estates', 'page'] as const) assert.include(learningRecordSql(by), 'join estates e on e.id = p.estate_id')
  })

  test('the fact source: collapsing by (estate_id, record_id), paged by record id, with the per-estate rollup', ({ assert }) => {
    const [source] = FACT_SOURCES_BY_MODULE.training
    assert.deepEqual(source.collapsing?.identity, ['estate_id', 'record_id'])
    assert.equal(source.cursor?.({ ...record } as any), 31)
    const [rollup] = source.rollups ?? []
    assert.equal(rollup.table, 'learning_estate_totals')
    assert.include(rollup.select('learning_record_facts', '42'), 'sum(is_lead * learned_minutes * sign) AS lead_minutes')
    assert.include(rollup.select('learning_record_facts', '42', [3, 5]), 'arrayJoin([toUInt32(3), toUInt32(5)])')
    assert.throws(() => rollup.select('learning_record_facts; DROP', '42'))
    assert.throws(() => rollup.select('learning_record_facts', '42 OR 1'))
    assert.throws(() => rollup.select('learning_record_facts', '42', [0]))
    // the bulk COPY lists exactly the fact table's columns, in its order
    assert.deepEqual(source.bulk?.columns, [
      'district_id', 'district_name', 'street_id', 'street_name', 'community_id', 'community_name', 'estate_id', 'estate_name',
      'course_id', 'record_id', 'practitioner_id', 'is_lead', 'enrolled_on', 'progress', 'is_completed', 'learned_minutes', 'changed_at', 'version', 'sign',
    ])
  })
})
