import { test } from '@japa/runner'
import { ballotSql, BALLOT_TOPIC, FACT_SOURCES_BY_MODULE, PayloadError, topics, VOTING_TOPIC_TOPIC, votingTopicSql } from '../../src/index.ts'
import type { OutboxEvent } from '../../src/index.ts'

const ballot = {
  estate_id: 7, estate_name: '翠园小区', district_id: 2, district_name: '福田区', street_id: 4, street_name: '园岭街道', community_id: 9, community_name: '园岭一社区',
  meeting_id: 3, topic_id: 11, house_id: 9007199254740, building: '2栋', area_centi: 9555, owner_key: 'owners:201,402', choice: 'agree', channel: 'h5', cast_on: '2026-12-07', ballot_id: 501,
}
const topic = {
  estate_id: 7, topic_id: 11, meeting_id: 3, meeting_kind: 'owners_assembly', meeting_status: 'closed', art278_item: 6, opens_on: '2026-12-01', closes_on: '2026-12-15',
  total_area_centi: 1038550, total_owners: 73, is_passed: 0,
}
const event = (topicName: string, id: string, payload: unknown): OutboxEvent => ({ id, topic: topicName, entity_id: '11', payload, created_at: new Date('2026-10-05T01:00:00Z') })

/** 业主决策情况's fact sources (etl/src/sources/decisions.ts): the topics, the SQL, the rollup. */
test.group('decisions · ballot and topic facts', () => {
  test('voting_ballot → one live ballot_facts row; voting_topic → one voting_topic_facts row; version = outbox id', ({ assert }) => {
    assert.equal(topics[BALLOT_TOPIC].table, 'ballot_facts')
    assert.deepEqual(topics[BALLOT_TOPIC].toRows(event(BALLOT_TOPIC, '9007199254740993', ballot)), [{ ...ballot, changed_at: 1791162000, version: '9007199254740993', sign: 1 }])
    assert.equal(topics[VOTING_TOPIC_TOPIC].table, 'voting_topic_facts')
    assert.deepEqual(topics[VOTING_TOPIC_TOPIC].toRows(event(VOTING_TOPIC_TOPIC, '12', topic)), [{ ...topic, changed_at: 1791162000, version: '12' }])
  })

  test('malformed payloads are rejected', ({ assert }) => {
    for (const bad of [
      { choice: 'yes' }, { channel: 'fax' }, { area_centi: 0 }, { area_centi: 95.5 }, { owner_key: "owners:1'); --" }, { owner_key: '' }, { cast_on: '2026-12-7' },
      { ballot_id: 0 }, { topic_id: null }, { house_id: 'x' }, { building: 2 }, { estate_name: null },
    ]) {
      assert.throws(() => topics[BALLOT_TOPIC].toRows(event(BALLOT_TOPIC, '1', { ...ballot, ...bad })), PayloadError, undefined, JSON.stringify(bad))
    }
    for (const bad of [{ meeting_kind: 'party' }, { meeting_status: 'open' }, { art278_item: 10 }, { art278_item: 0 }, { total_owners: -1 }, { is_passed: true }, { closes_on: 'soon' }, { topic_id: 0 }]) {
      assert.throws(() => topics[VOTING_TOPIC_TOPIC].toRows(event(VOTING_TOPIC_TOPIC, '1', { ...topic, ...bad })), PayloadError, undefined, JSON.stringify(bad))
    }
  })

  test('SQL: ballots by (topic, house) pairs, by estate, keyset by the standing ballot id; topics by meeting and keyset', ({ assert }) => {
    // the pairs first (materialized, by the primary key), the joins from those rows
    assert.match(ballotSql('houses'), /^with sb as materialized \(\s+select s\.\* from unnest\(\$1::int\[\], \$2::bigint\[\]\) as k\(topic_id, house_id\)\s+join voting_standing_ballots s on s\.topic_id = k\.topic_id and s\.house_id = k\.house_id\s+\)/)
    assert.include(ballotSql('houses'), 'from sb\njoin voting_ballots b on b.id = sb.ballot_id')
    assert.include(ballotSql('houses', 'knex'), 'unnest(?::int[], ?::bigint[])')
    assert.include(ballotSql('estates'), 'where m0.estate_id = any($1::int[])')
    assert.match(ballotSql('estates'), /^with sb as materialized \(/)
    assert.match(ballotSql('page'), /where sb\.ballot_id > \$1\s+order by sb\.ballot_id\s+limit \$2$/)
    assert.include(votingTopicSql('meetings', 'knex'), 'where m.id = any(?::int[])')
    assert.match(votingTopicSql('page'), /where t\.id > \$1\s+order by t\.id\s+limit \$2$/)
  })

  test('the module declares both tables; the ballots collapse by (estate, topic, house) and keep the per-estate rollup', ({ assert }) => {
    const [ballots, topicSource] = FACT_SOURCES_BY_MODULE.decisions
    assert.deepEqual([ballots.table, topicSource.table], ['ballot_facts', 'voting_topic_facts'])
    assert.deepEqual(ballots.collapsing?.identity, ['estate_id', 'topic_id', 'house_id'])
    assert.isUndefined(topicSource.collapsing)
    const rollup = ballots.rollups![0]
    assert.equal(rollup.table, 'decision_estate_totals')
    const some = rollup.select('ballot_facts', '42', [7, 9])
    assert.include(some, 'uniqExact(owner_key)')
    assert.include(some, 'HAVING sum(sign) > 0')
    assert.include(some, 'WHERE estate_id IN (7, 9)')
    assert.throws(() => rollup.select('ballot_facts', '42; DROP', [7]))
    assert.throws(() => rollup.select('ballot_facts', '42', [0]))
  })
})
