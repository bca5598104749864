import { test } from '@japa/runner'
import { buildFragment, buildSql, childLevel, compile, parseQuery, cubes, hierarchy, parentLevel, QueryError } from '../../src/index.ts'
import type { DrillDownQuery } from '../../src/index.ts'


test.group('hierarchy', () => {
  test('declared once, in order', ({ assert }) => {
    assert.deepEqual(
      hierarchy.map((level) => [level.level, level.idColumn, level.nameColumn]),
      [
        ['district', 'district_id', 'district_name'],
        ['street', 'street_id', 'street_name'],
        ['community', 'community_id', 'community_name'],
        ['estate', 'estate_id', 'estate_name'],
      ],
    )
  })

  test('childLevel / parentLevel', ({ assert }) => {
    assert.equal(childLevel('district'), 'street')
    assert.equal(childLevel('street'), 'community')
    assert.equal(childLevel('community'), 'estate')
    assert.isNull(childLevel('estate'))
    assert.isNull(parentLevel('district'))
    assert.equal(parentLevel('estate'), 'community')
    assert.throws(() => childLevel('city' as never))
  })
})

test.group('buildSql snapshots', () => {
  const streetQuery: DrillDownQuery = {
    cube: 'estate_filings',
    metrics: ['estates', 'contractFiled', 'contractRate'],
    dimensions: ['street'],
    filters: { district_id: 440304 },
    params: { asOf: '2026-12-01' },
  }
  /**
   * the contract state as of asOf: none → not_filed, a contract past its last day counts as expired
   * (cubes/filings.ts)
   */
  const CONTRACT = "multiIf(contract_status = '', 'not_filed', contract_status = 'filed' AND isNotNull(contract_expires_on) AND assumeNotNull(contract_expires_on) < asOf, 'expired', contract_status)"
  const CONTRACT_RATE = `if(count() = 0, 0, countIf(${CONTRACT} = 'filed') / count())`
  const ASSEMBLY = "if(assembly_status = '', 'not_filed', assembly_status)"
  /**
   * The cube's `join`, rendered right after `FROM <table> FINAL`: every estate (estate_profile_facts)
   * with the state its filings (filing_facts, one row per filing) decide — per kind the latest
   * (filed_on, filing_id) among filed/expired ones; withdrawn never counts.
   */
  const FROM =
    'FROM estate_profile_facts FINAL ANY LEFT JOIN (SELECT estate_id, ' +
    "argMaxIf((status, expires_on), (filed_on, filing_id), kind = 'contract') AS deciding_contract, " +
    'tupleElement(deciding_contract, 1) AS contract_status, tupleElement(deciding_contract, 2) AS contract_expires_on, ' +
    "argMaxIf(status, (filed_on, filing_id), kind = 'assembly') AS assembly_status " +
    "FROM filing_facts FINAL WHERE status IN ('filed', 'expired') GROUP BY estate_id) AS filing_states USING estate_id"

  test('drill-down, literal mode', ({ assert }) => {
    assert.deepEqual(buildSql(streetQuery, 'literal'), {
      sql:
        "WITH toDate('2026-12-01') AS asOf SELECT street_id AS id, street_name AS name, count() AS estates, " +
        `countIf(${CONTRACT} = 'filed') AS contractFiled, ${CONTRACT_RATE} AS contractRate ${FROM} WHERE district_id = 440304 ` +
        'GROUP BY street_id, street_name ORDER BY name ASC, id ASC',
      params: {},
      mode: 'literal',
    })
  })

  test('drill-down with totals (one round trip): WITH TOTALS right after GROUP BY, before ORDER BY', ({ assert }) => {
    const compiled = compile(buildFragment(parseQuery(streetQuery, { grouped: true }), { withTotals: true }), 'literal')
    assert.isTrue(
      compiled.sql.endsWith(`${FROM} WHERE district_id = 440304 GROUP BY street_id, street_name WITH TOTALS ORDER BY name ASC, id ASC`),
      compiled.sql
    )
    assert.equal(compiled.sql.replace(' WITH TOTALS', ''), buildSql(streetQuery, 'literal').sql)
  })

  test('drill-down, server mode', ({ assert }) => {
    assert.deepEqual(buildSql(streetQuery, 'server'), {
      sql:
        "WITH {p0:Date} AS asOf SELECT street_id AS id, street_name AS name, count() AS estates, " +
        `countIf(${CONTRACT} = 'filed') AS contractFiled, ${CONTRACT_RATE} AS contractRate ${FROM} WHERE district_id = {p1:UInt32} ` +
        'GROUP BY street_id, street_name ORDER BY name ASC, id ASC',
      params: { p0: '2026-12-01', p1: 440304 },
      mode: 'server',
    })
  })

  test('项目管理: estates from their profiles, houses from the per-estate rollup of house_facts', ({ assert }) => {
    const query: DrillDownQuery = { cube: 'estate_profiles', metrics: ['estates', 'houses', 'households', 'buildingArea'], dimensions: ['community'], filters: { street_id: 7 } }
    assert.deepEqual(buildSql(query, 'server'), {
      sql:
        'SELECT community_id AS id, community_name AS name, count() AS estates, sum(house_count) AS houses, sum(household_count) AS households, ' +
        'sum(house_area) AS buildingArea FROM estate_profile_facts FINAL ANY LEFT JOIN (SELECT estate_id, houses AS house_count, ' +
        'households AS household_count, building_area AS house_area FROM house_estate_totals FINAL) AS house_totals USING estate_id ' +
        'WHERE street_id = {p0:UInt32} GROUP BY community_id, community_name ORDER BY name ASC, id ASC',
      params: { p0: 7 },
      mode: 'server',
    })
  })

  test('filters are rendered in hierarchy order; no filters → no WHERE', ({ assert }) => {
    const query: DrillDownQuery = {
      cube: 'estate_filings',
      metrics: ['assemblyNotFiled'],
      dimensions: ['estate'],
      filters: { community_id: 12, district_id: 1, street_id: '5' },
      params: { asOf: '2026-12-01' },
    }
    assert.equal(
      buildSql(query, 'literal').sql,
      `WITH toDate('2026-12-01') AS asOf SELECT estate_id AS id, estate_name AS name, countIf(${ASSEMBLY} = 'not_filed') AS assemblyNotFiled ${FROM} ` +
        'WHERE district_id = 1 AND street_id = 5 AND community_id = 12 GROUP BY estate_id, estate_name ORDER BY name ASC, id ASC',
    )
    assert.deepEqual(buildSql(query, 'server').params, { p0: '2026-12-01', p1: 1, p2: 5, p3: 12 })
    assert.equal(
      buildSql({ cube: 'estate_filings', metrics: ['estates'], dimensions: ['district'], params: { asOf: '2026-12-01' } }, 'literal').sql,
      `WITH toDate('2026-12-01') AS asOf SELECT district_id AS id, district_name AS name, count() AS estates ${FROM} GROUP BY district_id, district_name ORDER BY name ASC, id ASC`,
    )
  })

  test('totals (no dimensions)', ({ assert }) => {
    const query: DrillDownQuery = { cube: 'estate_filings', metrics: ['estates', 'assemblyRate'], filters: { street_id: 9, estate_id: undefined }, params: { asOf: '2026-12-01' } }
    assert.deepEqual(buildSql(query, 'literal'), {
      sql:
        `WITH toDate('2026-12-01') AS asOf SELECT count() AS estates, if(count() = 0, 0, countIf(${ASSEMBLY} = 'filed') / count()) AS assemblyRate ` +
        `${FROM} WHERE street_id = 9`,
      params: {},
      mode: 'literal',
    })
  })
})

test.group('cube join', () => {
  test("rendered right after FROM <table> [FINAL], before WHERE / GROUP BY; absent → nothing", ({ assert }) => {
    const joined = Object.values(cubes).filter((cube) => cube.join)
    assert.include(joined.map((cube) => cube.name), 'estate_filings')
    for (const cube of Object.values(cubes)) {
      const metric = Object.keys(cube.metrics)[0]
      const params = Object.fromEntries(Object.entries(cube.params ?? {}).map(([name]) => [name, '2026-12-01']))
      const from = `FROM ${cube.table}${cube.final ? ' FINAL' : ''}${cube.join ? ` ${cube.join}` : ''}`
      const where = cube.where ? `(${cube.where}) AND ` : ''
      const grouped = buildSql({ cube: cube.name, metrics: [metric], dimensions: ['street'], filters: { district_id: 7 }, params }, 'literal').sql
      assert.include(grouped, `${from} WHERE ${where}district_id = 7 GROUP BY street_id`, cube.name)
      assert.isTrue(buildSql({ cube: cube.name, metrics: [metric], params }, 'literal').sql.endsWith(` ${from}${cube.where ? ` WHERE (${cube.where})` : ''}`), cube.name)
    }
  })

  test("a cube's own condition (where) leads the WHERE, before the filters, on its own without them", ({ assert }) => {
    const conditioned = Object.values(cubes).filter((cube) => cube.where)
    assert.include(conditioned.map((cube) => cube.name), 'staff')
    const params = { asOf: '2026-12-01' }
    assert.match(buildSql({ cube: 'staff', metrics: ['estates'], params }, 'literal').sql, / FROM staff_estate_totals FINAL WHERE \(live_rows != 0\)$/)
    assert.match(buildSql({ cube: 'staff', metrics: ['estates'], filters: { street_id: 3 }, params }, 'literal').sql, / WHERE \(live_rows != 0\) AND street_id = 3$/)
  })
})

test.group('query validation', () => {
  const base: DrillDownQuery = { cube: 'estate_filings', metrics: ['estates'], dimensions: ['street'], params: { asOf: '2026-12-01' } }

  test('unknown cube / metric / level / filter', ({ assert }) => {
    assert.throws(() => buildSql({ ...base, cube: 'nope' }, 'literal'), QueryError)
    assert.throws(() => buildSql({ ...base, cube: 'toString' }, 'literal'), QueryError)
    assert.throws(() => buildSql({ ...base, metrics: ['estates', 'count() FROM system.tables --'] }, 'literal'), QueryError)
    assert.throws(() => buildSql({ ...base, metrics: ['constructor'] }, 'literal'), QueryError)
    assert.throws(() => buildSql({ ...base, metrics: [] }, 'literal'), QueryError)
    assert.throws(() => buildSql({ ...base, metrics: ['estates', 'estates'] }, 'literal'), QueryError)
    assert.throws(() => buildSql({ ...base, dimensions: ['city' as never] }, 'literal'), QueryError)
    assert.throws(() => buildSql({ ...base, dimensions: ['street', 'estate'] }, 'literal'), QueryError)
    assert.throws(() => buildSql({ ...base, filters: { estate_name: 'x' } as never }, 'literal'), QueryError)
  })

  test('a cube whose facts stop above the estate (平安建设: per community) refuses the estate level', ({ assert }) => {
    const safety = { cube: 'safety', metrics: ['items'], filters: { year: 2026 } }
    assert.match(buildSql({ ...safety, dimensions: ['community'] }, 'literal').sql, /GROUP BY community_id, community_name/)
    assert.throws(() => buildSql({ ...safety, dimensions: ['estate'] }, 'literal'), QueryError, 'cube safety stops at the community level; got "estate"')
  })

  test('hostile or invalid filter values are rejected', ({ assert }) => {
    for (const value of ["1 OR 1=1", "'; DROP TABLE estate_filing_facts; --", -1, 1.5, Number.NaN, 4294967296, true]) {
      assert.throws(() => buildSql({ ...base, filters: { street_id: value as never } }, 'literal'), QueryError, /./, String(value))
    }
  })
})

test.group('cube filters and params (estate_evaluations)', () => {
  const query: DrillDownQuery = {
    cube: 'estate_evaluations',
    metrics: ['estates', 'pending', 'autoScored'],
    dimensions: ['community'],
    filters: { half: 1, street_id: 4, year: 2026 },
    params: { asOf: '2026-07-01' },
  }
  const SELECT =
    "SELECT community_id AS id, community_name AS name, count() AS estates, countIf(state = 'pending' AND closes_on >= asOf) AS pending, " +
    "countIf(state = 'auto_scored' OR (state IN ('pending', 'submitted') AND closes_on < asOf)) AS autoScored FROM estate_evaluation_facts FINAL "

  test('params become one WITH clause; extra filters follow the hierarchy, typed', ({ assert }) => {
    assert.deepEqual(buildSql(query, 'literal'), {
      sql: `WITH toDate('2026-07-01') AS asOf ${SELECT}WHERE street_id = 4 AND year = 2026 AND half = 1 GROUP BY community_id, community_name ORDER BY name ASC, id ASC`,
      params: {},
      mode: 'literal',
    })
    assert.deepEqual(buildSql(query, 'server'), {
      sql: `WITH {p0:Date} AS asOf ${SELECT}WHERE street_id = {p1:UInt32} AND year = {p2:UInt16} AND half = {p3:UInt8} GROUP BY community_id, community_name ORDER BY name ASC, id ASC`,
      params: { p0: '2026-07-01', p1: 4, p2: 2026, p3: 1 },
      mode: 'server',
    })
  })

  test('totals; null filters are ignored; string numbers are accepted', ({ assert }) => {
    assert.equal(
      buildSql({ cube: 'estate_evaluations', metrics: ['averageScore'], filters: { year: '2025', half: null }, params: { asOf: '2026-01-01' } }, 'literal').sql,
      "WITH toDate('2026-01-01') AS asOf SELECT if(countIf((state IN ('reviewed', 'auto_scored') OR closes_on < asOf)) = 0, NULL, " +
        "avgIf(if(state IN ('reviewed', 'auto_scored'), final_score, 100), (state IN ('reviewed', 'auto_scored') OR closes_on < asOf))) AS averageScore " +
        'FROM estate_evaluation_facts FINAL WHERE year = 2025',
    )
  })

  test('cubes without declared filters/params refuse them; params are required where declared', ({ assert }) => {
    assert.throws(() => buildSql({ cube: 'estate_profiles', metrics: ['estates'], filters: { year: 2026 } }, 'literal'), QueryError, /unknown filter "year"/)
    assert.throws(() => buildSql({ cube: 'estate_profiles', metrics: ['estates'], params: { asOf: '2026-01-01' } }, 'literal'), QueryError, /unknown param "asOf"/)
    assert.throws(() => buildSql({ ...query, params: {} }, 'literal'), QueryError, /missing param "asOf"/)
    assert.throws(() => buildSql({ ...query, params: undefined }, 'literal'), QueryError, /missing param "asOf"/)
    assert.throws(() => buildSql({ ...query, params: { asOf: '2026-07-01', today: '2026-07-01' } }, 'literal'), QueryError, /unknown param "today"/)
    assert.throws(() => buildSql({ ...query, params: [] as never }, 'literal'), QueryError)
    assert.throws(() => buildSql({ ...query, filters: { toString: 1 } as never }, 'literal'), QueryError)
    assert.throws(() => buildSql({ ...query, filters: { state: 'pending' } as never }, 'literal'), QueryError)
  })

  test('hostile year / half / asOf values are rejected before any SQL exists', ({ assert }) => {
    for (const year of ['2026 OR 1=1', "2026'; DROP TABLE estate_evaluation_facts; --", -1, 65536, 2026.5, Number.NaN, true, [2026], '']) {
      assert.throws(() => buildSql({ ...query, filters: { year: year as never } }, 'literal'), QueryError, /invalid filter year/, String(year))
    }
    for (const half of ['1 OR 1=1', 256, -1, 1.5, '1; --', {}]) {
      assert.throws(() => buildSql({ ...query, filters: { half: half as never } }, 'literal'), QueryError, /invalid filter half/, String(half))
    }
    for (const asOf of ["2026-07-01') OR 1=1 --", '2026-07-01 00:00:00', '2026-02-30', '2026-7-1', '1969-12-31', 20260701, '', null]) {
      assert.throws(() => buildSql({ ...query, params: { asOf } }, 'literal'), QueryError, /param "asOf"|invalid param asOf/, String(asOf))
    }
  })
})
