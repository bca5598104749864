import { test } from '@japa/runner'
import { buildSql, QueryError } from '../../src/index.ts'
import type { DrillDownQuery } from '../../src/index.ts'

/**
 * 通知阅读统计 (cubes/notices.ts): receipts (one per recipient per estate per notice) of the collapsing
 * notice_receipt_facts, summed over sign without FINAL, filtered by region and by one notice.
 */
test.group('cube notices: SQL snapshots', () => {
  const METRICS =
    'sum(sign) AS recipients, sum(is_read * sign) AS read, sum((1 - is_read) * sign) AS unread, ' +
    'if(sum(sign) = 0, 0, sum(is_read * sign) / sum(sign)) AS readRate'
  const perNotice: DrillDownQuery = {
    cube: 'notices',
    metrics: ['recipients', 'read', 'unread', 'readRate'],
    dimensions: ['community'],
    filters: { street_id: 440304001, notice_id: 42 },
  }

  test('one notice by community of its street, literal mode (18.16): no FINAL, region filter before the notice', ({ assert }) => {
    assert.deepEqual(buildSql(perNotice, 'literal'), {
      sql:
        `SELECT community_id AS id, community_name AS name, ${METRICS} FROM notice_receipt_facts ` +
        'WHERE street_id = 440304001 AND notice_id = 42 GROUP BY community_id, community_name ORDER BY name ASC, id ASC',
      params: {},
      mode: 'literal',
    })
  })

  test('server mode (26.x): the region and the notice are typed placeholders', ({ assert }) => {
    assert.deepEqual(buildSql(perNotice, 'server'), {
      sql:
        `SELECT community_id AS id, community_name AS name, ${METRICS} FROM notice_receipt_facts ` +
        'WHERE street_id = {p0:UInt32} AND notice_id = {p1:UInt32} GROUP BY community_id, community_name ORDER BY name ASC, id ASC',
      params: { p0: 440304001, p1: 42 },
      mode: 'server',
    })
  })

  test('all notices of a region (the generic page) and the totals', ({ assert }) => {
    assert.equal(
      buildSql({ cube: 'notices', metrics: ['recipients', 'readRate'], dimensions: ['street'], filters: { district_id: 440304 } }, 'literal').sql,
      'SELECT street_id AS id, street_name AS name, sum(sign) AS recipients, if(sum(sign) = 0, 0, sum(is_read * sign) / sum(sign)) AS readRate ' +
        'FROM notice_receipt_facts WHERE district_id = 440304 GROUP BY street_id, street_name ORDER BY name ASC, id ASC'
    )
    assert.equal(buildSql({ cube: 'notices', metrics: ['read'], filters: { notice_id: 7 } }, 'literal').sql, 'SELECT sum(is_read * sign) AS read FROM notice_receipt_facts WHERE notice_id = 7')
  })

  test('a hostile notice id is refused before any SQL exists', ({ assert }) => {
    for (const value of ['1 OR 1=1', -1, 4_294_967_296, '7; DROP TABLE x']) {
      assert.throws(() => buildSql({ cube: 'notices', metrics: ['read'], filters: { notice_id: value as never } }, 'literal'), QueryError as never)
    }
  })
})
