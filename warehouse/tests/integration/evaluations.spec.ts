import { test } from '@japa/runner'
import { createWarehouse, drillDown, dropDatabase, migrate, QueryError, sql, totals } from '../../src/index.ts'
import type { EstateEvaluationFactRow, Warehouse } from '../../src/index.ts'
import { scratchConfig } from '../helpers.ts'

const config = scratchConfig('wh_eval_test')

type Fact = Omit<EstateEvaluationFactRow, 'changed_at' | 'version'> & { version: number }
const D = { district_id: 1, district_name: '南山区' }
const place = (street: [number, string], community: [number, string], estate: number) => ({
  ...D, street_id: street[0], street_name: street[1], community_id: community[0], community_name: community[1], estate_id: estate, estate_name: `项目${estate}`,
})
const YUEHAI: [number, string] = [10, '粤海街道']
const SHAHE: [number, string] = [11, '沙河街道']
const HAIZHU: [number, string] = [100, '海珠社区']
const GAOXIN: [number, string] = [101, '高新社区']
const BAISHI: [number, string] = [110, '白石洲社区']

const H1 = { year: 2026, half: 1, closes_on: '2026-06-30' }
const row = (p: ReturnType<typeof place>, state: Fact['state'], score: number, submitted: 0 | 1, version: number, period = H1): Fact => ({
  ...p, ...period, state, final_score: score, was_submitted: submitted, version,
})

const facts: Fact[] = [
  row(place(YUEHAI, HAIZHU, 2000), 'pending', 0, 0, 1),
  row(place(YUEHAI, HAIZHU, 2001), 'submitted', 0, 1, 2),
  row(place(YUEHAI, HAIZHU, 2002), 'reviewed', 85.5, 1, 3),
  // 2003: submitted, then reviewed at 59.5 → only the newer version counts
  row(place(YUEHAI, HAIZHU, 2003), 'submitted', 0, 1, 4),
  row(place(YUEHAI, HAIZHU, 2003), 'reviewed', 59.5, 1, 9),
  row(place(YUEHAI, GAOXIN, 2004), 'auto_scored', 100, 0, 5),
  row(place(YUEHAI, GAOXIN, 2005), 'reviewed', 70, 1, 6),
  row(place(SHAHE, BAISHI, 2006), 'pending', 0, 0, 7),
  row(place(SHAHE, BAISHI, 2007), 'reviewed', 60, 1, 8),
  // other halves of the same estate must not leak into 2026 H1
  row(place(YUEHAI, HAIZHU, 2000), 'pending', 0, 0, 10, { year: 2026, half: 2, closes_on: '2026-12-30' }),
  row(place(YUEHAI, HAIZHU, 2000), 'reviewed', 40, 1, 11, { year: 2025, half: 2, closes_on: '2025-12-30' }),
]

const METRICS = ['estates', 'evaluated', 'pending', 'submitted', 'reviewed', 'autoScored', 'averageScore', 'below60', 'from60to69', 'from70to79', 'from80to89', 'from90to100']
const H1_FILTERS = { district_id: 1, year: 2026, half: 1 }

test.group('estate_evaluations cube against ClickHouse', (group) => {
  let warehouse: Warehouse

  group.setup(async () => {
    await dropDatabase(config)
    const result = await migrate(config)
    if (!result.applied.some((m) => m.name === 'estate_evaluation_facts')) throw new Error('estate_evaluation_facts migration not applied')
    warehouse = createWarehouse(config)
    const insert = (list: Fact[]) =>
      warehouse.insert('estate_evaluation_facts', list.map((f) => ({ ...f, changed_at: 1_780_000_000 + f.version, version: String(f.version) })))
    // two inserts so versions of one key sit in different parts (FINAL must collapse them)
    await insert(facts.filter((_, i) => i % 2 === 0))
    await insert(facts.filter((_, i) => i % 2 === 1))
    return async () => {
      await warehouse.close()
      await dropDatabase(config)
    }
  })

  const streets = (asOf: string) => drillDown(warehouse, { cube: 'estate_evaluations', metrics: METRICS, dimensions: ['street'], filters: H1_FILTERS, params: { asOf } })

  test('on the last day of the window (closes_on = asOf) open halves are still pending / submitted', async ({ assert }) => {
    const rows = await streets('2026-06-30')
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]))
    assert.deepEqual(byId[10], {
      id: 10, name: '粤海街道', estates: 6, evaluated: 4, pending: 1, submitted: 1, reviewed: 3, autoScored: 1,
      averageScore: 78.75, below60: 1, from60to69: 0, from70to79: 1, from80to89: 1, from90to100: 1,
    })
    assert.deepEqual(byId[11], {
      id: 11, name: '沙河街道', estates: 2, evaluated: 1, pending: 1, submitted: 0, reviewed: 1, autoScored: 0,
      averageScore: 60, below60: 0, from60to69: 1, from70to79: 0, from80to89: 0, from90to100: 0,
    })
  })

  test('the day after (closes_on < asOf) unreviewed halves count as auto-scored 100, before any close job', async ({ assert }) => {
    const rows = await streets('2026-07-01')
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]))
    assert.deepEqual(byId[10], {
      id: 10, name: '粤海街道', estates: 6, evaluated: 4, pending: 0, submitted: 0, reviewed: 3, autoScored: 3,
      averageScore: 515 / 6, below60: 1, from60to69: 0, from70to79: 1, from80to89: 1, from90to100: 3,
    })
    assert.include(byId[11], { pending: 0, autoScored: 1, averageScore: 80, from60to69: 1, from90to100: 1 })
  })

  test('invariant: estates = pending + submitted + reviewed + autoScored, and the buckets cover the known scores', async ({ assert }) => {
    for (const asOf of ['2026-05-01', '2026-06-30', '2026-07-01', '2030-01-01']) {
      for (const level of ['district', 'street', 'community', 'estate'] as const) {
        const rows = await drillDown(warehouse, { cube: 'estate_evaluations', metrics: METRICS, dimensions: [level], filters: H1_FILTERS, params: { asOf } })
        for (const r of rows) {
          const n = (key: string) => r[key] as number
          assert.equal(n('estates'), n('pending') + n('submitted') + n('reviewed') + n('autoScored'), `${asOf} ${level} ${r.name}`)
          assert.equal(n('below60') + n('from60to69') + n('from70to79') + n('from80to89') + n('from90to100'), n('reviewed') + n('autoScored'), `${asOf} ${level} ${r.name}`)
        }
      }
    }
  })

  test('no known score → averageScore is null (drill-down and totals)', async ({ assert }) => {
    const estates = await drillDown(warehouse, { cube: 'estate_evaluations', metrics: ['estates', 'averageScore'], dimensions: ['estate'], filters: { community_id: 110, year: 2026, half: 1 }, params: { asOf: '2026-06-30' } })
    assert.deepEqual(estates, [
      { id: 2006, name: '项目2006', estates: 1, averageScore: null },
      { id: 2007, name: '项目2007', estates: 1, averageScore: 60 },
    ])
    assert.deepEqual(
      await totals(warehouse, { cube: 'estate_evaluations', metrics: ['estates', 'pending', 'averageScore'], filters: { year: 2026, half: 2 }, params: { asOf: '2026-12-30' } }),
      { estates: 1, pending: 1, averageScore: null },
    )
    assert.deepEqual(
      await totals(warehouse, { cube: 'estate_evaluations', metrics: ['estates', 'averageScore'], filters: { year: 2027, half: 1 }, params: { asOf: '2030-01-01' } }),
      { estates: 0, averageScore: null },
    )
  })

  test('year / half filters select one half', async ({ assert }) => {
    assert.deepEqual(
      await totals(warehouse, { cube: 'estate_evaluations', metrics: ['estates', 'reviewed', 'averageScore', 'below60'], filters: { year: 2025, half: 2 }, params: { asOf: '2026-07-01' } }),
      { estates: 1, reviewed: 1, averageScore: 40, below60: 1 },
    )
    assert.deepEqual(
      await totals(warehouse, { cube: 'estate_evaluations', metrics: ['estates'], filters: { year: 2026, half: 1 }, params: { asOf: '2026-07-01' } }),
      { estates: 8 },
    )
  })

  test('hostile year / half / asOf values never reach the server; the table is intact', async ({ assert }) => {
    const base = { cube: 'estate_evaluations', metrics: ['estates'], dimensions: ['street'] as const }
    const hostile = "2026'; DROP TABLE estate_evaluation_facts; --"
    await assert.rejects(() => drillDown(warehouse, { ...base, filters: { year: hostile }, params: { asOf: '2026-07-01' } }), QueryError)
    await assert.rejects(() => drillDown(warehouse, { ...base, filters: { year: '2026 OR 1=1' }, params: { asOf: '2026-07-01' } }), QueryError)
    await assert.rejects(() => drillDown(warehouse, { ...base, filters: { half: '1) OR (1=1' }, params: { asOf: '2026-07-01' } }), QueryError)
    await assert.rejects(() => drillDown(warehouse, { ...base, filters: { half: 300 }, params: { asOf: '2026-07-01' } }), QueryError)
    await assert.rejects(() => drillDown(warehouse, { ...base, params: { asOf: "2026-07-01') AS asOf SELECT 1 --" } }), QueryError)
    await assert.rejects(() => totals(warehouse, { cube: 'estate_evaluations', metrics: ['estates'], params: {} }), QueryError)
    const [{ n }] = await warehouse.query<{ n: string }>(sql`SELECT count() AS n FROM estate_evaluation_facts FINAL`)
    assert.equal(Number(n), 10)
  })
})
