import { test } from '@japa/runner'
import { DISCLOSURE_TOPIC, FACT_SOURCES_BY_MODULE, PayloadError, PROXY_GOVERNANCE_TOPIC, topics } from '../../src/index.ts'
import type { OutboxEvent } from '../../src/index.ts'

const disclosure = { estate_id: 7, disclosure_id: 31, template_code: 'owners_assembly', source: 'voting', state: 'published', published_on: '2026-11-28' }
const proxy = { estate_id: 7, case_id: 5, state: 'ended', outcome: 'declined', started_on: '2026-11-01' }
const event = (topicName: string, id: string, payload: unknown): OutboxEvent => ({ id, topic: topicName, entity_id: '31', payload, created_at: new Date('2026-10-05T01:00:00Z') })

/** 信息公开统计 and 居代业统计's fact sources (etl/src/sources/disclosures.ts, proxy_governance.ts). */
test.group('disclosures · proxy_governance · facts', () => {
  test('disclosure → one disclosure_facts row; proxy_governance → one proxy_governance_facts row; version = outbox id', ({ assert }) => {
    assert.equal(topics[DISCLOSURE_TOPIC].table, 'disclosure_facts')
    assert.deepEqual(topics[DISCLOSURE_TOPIC].toRows(event(DISCLOSURE_TOPIC, '12', disclosure)), [{ ...disclosure, changed_at: 1791162000, version: '12' }])
    assert.equal(topics[PROXY_GOVERNANCE_TOPIC].table, 'proxy_governance_facts')
    assert.deepEqual(topics[PROXY_GOVERNANCE_TOPIC].toRows(event(PROXY_GOVERNANCE_TOPIC, '13', proxy)), [{ ...proxy, changed_at: 1791162000, version: '13' }])
    assert.deepEqual(topics[PROXY_GOVERNANCE_TOPIC].toRows(event(PROXY_GOVERNANCE_TOPIC, '14', { ...proxy, state: 'collecting', outcome: '' }))[0].outcome, '')
  })

  test('malformed payloads are rejected (a draft never is a fact)', ({ assert }) => {
    for (const bad of [{ state: 'draft' }, { source: 'wechat' }, { template_code: "x'); DROP" }, { template_code: '' }, { published_on: '2026-11-2' }, { disclosure_id: -1 }, { disclosure_id: 1.5 }, { estate_id: 'x' }]) {
      assert.throws(() => topics[DISCLOSURE_TOPIC].toRows(event(DISCLOSURE_TOPIC, '1', { ...disclosure, ...bad })), PayloadError, undefined, JSON.stringify(bad))
    }
    for (const bad of [{ state: 'open' }, { outcome: 'done' }, { outcome: null }, { started_on: null }, { case_id: -1 }]) {
      assert.throws(() => topics[PROXY_GOVERNANCE_TOPIC].toRows(event(PROXY_GOVERNANCE_TOPIC, '1', { ...proxy, ...bad })), PayloadError, undefined, JSON.stringify(bad))
    }
  })

  test('the sources: keyed by record, drafts left out of every path (rows by id, keyset page, bulk, count)', async ({ assert }) => {
    const [source] = FACT_SOURCES_BY_MODULE.disclosures
    assert.equal(source.table, 'disclosure_facts')
    assert.deepEqual(source.key, ['disclosure_id'])
    assert.include(source.bulk!.select('42', 1_700_000_000), "where d.state <> 'draft'")
    assert.include(source.countSql!, "d.state <> 'draft'")
    let seen = ''
    await source.loadPage(async (sql) => { seen = sql; return [] }, 0, 10)
    assert.match(seen, /where d\.id > \$1 and d\.state <> 'draft'\s+order by d\.id\s+limit \$2$/)
    const [cases] = FACT_SOURCES_BY_MODULE.proxy_governance
    assert.equal(cases.table, 'proxy_governance_facts')
    assert.deepEqual(cases.key, ['case_id'])
    assert.deepEqual(cases.bulk!.columns, ['estate_id', 'case_id', 'state', 'outcome', 'started_on', 'changed_at', 'version'])
  })
})
