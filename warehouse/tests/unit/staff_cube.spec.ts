import { test } from '@japa/runner'
import { buildSql, QueryError } from '../../src/index.ts'

/**
 * 从业人员信息 (cubes/staff.ts): the cube reads the per-unit rollup staff_estate_totals of staff_facts
 * (one row per estate and per community's company practitioners, migration 0020) with FINAL, skipping
 * units with nothing left; expired certificates are counted from each unit's certificate_days as of
 * `asOf`, 未填报 / 信息过期 from its estate row, practitioners and confirmation day.
 */
test.group('cube staff: SQL snapshots', () => {
  test('by community of a street as of a date, literal mode (18.16)', ({ assert }) => {
    const { sql, params } = buildSql(
      { cube: 'staff', metrics: ['practitioners', 'expiredCertificates', 'estatesMissing', 'estatesStale'], dimensions: ['community'], filters: { street_id: 7 }, params: { asOf: '2026-12-07' } },
      'literal'
    )
    assert.deepEqual(params, {})
    assert.equal(
      sql,
      "WITH toDate('2026-12-07') AS asOf SELECT community_id AS id, community_name AS name, " +
        'sum(staff) AS practitioners, ' +
        'sum(arrayCount(day -> day < toUInt32(asOf), certificate_days)) AS expiredCertificates, ' +
        'sum(if(staff <= 0, estate_rows, 0)) AS estatesMissing, ' +
        'sum(if(staff > 0 AND confirmed_day + 180 < toUInt32(asOf), estate_rows, 0)) AS estatesStale ' +
        'FROM staff_estate_totals FINAL WHERE (live_rows != 0) AND street_id = 7 GROUP BY community_id, community_name ORDER BY name ASC, id ASC'
    )
  })

  test('server mode (26.x): asOf and the region are typed placeholders', ({ assert }) => {
    const { sql, params } = buildSql({ cube: 'staff', metrics: ['estates'], dimensions: ['estate'], filters: { community_id: 9 }, params: { asOf: '2026-12-07' } }, 'server')
    assert.match(sql, /^WITH \{p\d:Date\} AS asOf SELECT estate_id AS id, estate_name AS name, sum\(estate_rows\) AS estates FROM staff_estate_totals FINAL WHERE \(live_rows != 0\) AND community_id = \{p\d:UInt32\}/)
    assert.sameMembers(Object.values(params), ['2026-12-07', 9])
  })

  test('asOf is required and must be a date', ({ assert }) => {
    assert.throws(() => buildSql({ cube: 'staff', metrics: ['estates'] }, 'literal'), QueryError)
    assert.throws(() => buildSql({ cube: 'staff', metrics: ['estates'], params: { asOf: "2026-12-07') OR (1" } }, 'literal'), QueryError)
  })
})
