import { test } from '@japa/runner'
import { buildSql, QueryError } from '../../src/index.ts'

/**
 * 从业人员信息 (cubes/staff.ts): staff_facts holds one row per estate (record_kind 0), practitioner (1)
 * and certificate (2); every figure sums the sign of one kind, without FINAL; the estate rows are joined
 * to their practitioner count for 未填报 / 信息过期, as of `asOf`.
 */
test.group('cube staff: SQL snapshots', () => {
  const JOIN =
    'ANY LEFT JOIN (SELECT estate_id, sum(sign) AS estate_staff FROM staff_facts WHERE record_kind = 1 AND estate_id != 0 GROUP BY estate_id) AS estate_staff_counts USING estate_id'

  test('by community of a street as of a date, literal mode (18.16)', ({ assert }) => {
    const { sql, params } = buildSql(
      { cube: 'staff', metrics: ['practitioners', 'expiredCertificates', 'estatesMissing', 'estatesStale'], dimensions: ['community'], filters: { street_id: 7 }, params: { asOf: '2026-12-07' } },
      'literal'
    )
    assert.deepEqual(params, {})
    assert.equal(
      sql,
      "WITH toDate('2026-12-07') AS asOf SELECT community_id AS id, community_name AS name, " +
        'sumIf(sign, record_kind = 1) AS practitioners, ' +
        'sumIf(sign, record_kind = 2 AND valid_until_day != 0 AND valid_until_day < toUInt32(asOf)) AS expiredCertificates, ' +
        'sumIf(sign, record_kind = 0 AND estate_staff <= 0) AS estatesMissing, ' +
        'sumIf(sign, record_kind = 0 AND estate_staff > 0 AND confirmed_day + 180 < toUInt32(asOf)) AS estatesStale ' +
        `FROM staff_facts ${JOIN} WHERE street_id = 7 GROUP BY community_id, community_name ORDER BY name ASC, id ASC`
    )
  })

  test('server mode (26.x): asOf and the region are typed placeholders', ({ assert }) => {
    const { sql, params } = buildSql({ cube: 'staff', metrics: ['estates'], dimensions: ['estate'], filters: { community_id: 9 }, params: { asOf: '2026-12-07' } }, 'server')
    assert.match(sql, /^WITH \{p\d:Date\} AS asOf SELECT estate_id AS id, estate_name AS name, sumIf\(sign, record_kind = 0\) AS estates FROM staff_facts ANY LEFT JOIN/)
    assert.include(sql, 'WHERE community_id = {p')
    assert.sameMembers(Object.values(params), ['2026-12-07', 9])
  })

  test('asOf is required and must be a date', ({ assert }) => {
    assert.throws(() => buildSql({ cube: 'staff', metrics: ['estates'] }, 'literal'), QueryError)
    assert.throws(() => buildSql({ cube: 'staff', metrics: ['estates'], params: { asOf: "2026-12-07') OR (1" } }, 'literal'), QueryError)
  })
})
