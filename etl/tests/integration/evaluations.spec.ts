import { test } from '@japa/runner'
import type { Pool } from 'pg'
import { STATISTICS_MODULES } from '@szpm/core'
import { bind, drillDown, sql, totals } from '@szpm/warehouse'
import type { Warehouse } from '@szpm/warehouse'
import {
  drainOutbox,
  loadEstateEvaluations,
  pgQueryFn,
  rebuildAllFacts,
  reconcile,
  setWatermark,
  writeEstateEvaluationOutbox,
} from '../../src/index.ts'
import { Fixtures, openSeededTestEnvironment } from '../helpers.ts'

const CH_SUFFIX = 'etl_eval_test'
const METRICS = ['estates', 'evaluated', 'pending', 'submitted', 'reviewed', 'autoScored', 'averageScore', 'below60', 'from60to69', 'from70to79', 'from80to89', 'from90to100']
const HOSTILE_NAME = "评价花园 '; DROP TABLE estate_evaluation_facts; -- \\'"
const H1 = { year: 2026, half: 1 } as const
const H2_2025 = { year: 2025, half: 2 } as const

test.group('etl 街道社区评价 (evaluations → outbox → ClickHouse)', (group) => {
  let pg: Pool
  let warehouse: Warehouse
  let fx: Fixtures
  let watermarkName: string
  const r = { district: 0, street: 0, c1: 0, c2: 0 }
  const e = { e1: 0, e2: 0, e3: 0 }
  const ev = { e1h1: 0, e2h1: 0, e3h1: 0, e1old: 0 }
  let templateId = 0

  const writeOutbox = (evaluationIds: number[]) => fx.writeOutbox((query) => writeEstateEvaluationOutbox(query, evaluationIds))
  const drain = () => drainOutbox({ pg, warehouse, batchSize: 2, watermarkName })
  const communities = (asOf: string, period: { year: number; half: number } = H1) =>
    drillDown(warehouse, { cube: 'estate_evaluations', metrics: METRICS, dimensions: ['community'], filters: { street_id: r.street, ...period }, params: { asOf } })

  group.setup(async () => {
    const env = await openSeededTestEnvironment(CH_SUFFIX, async (opened) => {
      ;({ pg, warehouse, fx } = opened)
      const district = await fx.region('district', '评价测试区', null)
      const street = await fx.region('street', '评价街道', district)
      const c1 = await fx.region('community', '评价一社区', street)
      const c2 = await fx.region('community', '评价二社区', street)
      Object.assign(r, { district: district.id, street: street.id, c1: c1.id, c2: c2.id })
      e.e1 = await fx.estate(c1, HOSTILE_NAME)
      e.e2 = await fx.estate(c1, '评价二期')
      e.e3 = await fx.estate(c2, '评价三期')
      templateId = await fx.evaluationTemplate()
      await fx.evaluationPeriod(H1.year, H1.half, templateId)
      await fx.evaluationPeriod(H2_2025.year, H2_2025.half, templateId)
      ev.e1h1 = await fx.evaluation(e.e1, H1, templateId, 'pending')
      ev.e2h1 = await fx.evaluation(e.e2, H1, templateId, 'submitted', { submitted: 82 })
      ev.e3h1 = await fx.evaluation(e.e3, H1, templateId, 'reviewed', { submitted: 80, final: 75.5 })
      ev.e1old = await fx.evaluation(e.e1, H2_2025, templateId, 'auto_scored', { final: 100 })
      watermarkName = fx.watermark('outbox_eval_test')
      await setWatermark(pgQueryFn(pg), watermarkName, await fx.maxOutboxId())
    })
    return () => env.close()
  })

  test('source SQL: evaluation ⨝ estate ⨝ regions ⨝ period', async ({ assert }) => {
    const rows = await loadEstateEvaluations(pgQueryFn(pg), [ev.e3h1, ev.e1h1, ev.e1old, 2_000_000_000])
    assert.deepEqual(rows.map((row) => row.evaluation_id), [ev.e1h1, ev.e3h1, ev.e1old])
    assert.deepEqual(rows[0], {
      evaluation_id: ev.e1h1, estate_id: e.e1, estate_name: HOSTILE_NAME, district_id: r.district, district_name: '评价测试区',
      street_id: r.street, street_name: '评价街道', community_id: r.c1, community_name: '评价一社区',
      year: 2026, half: 1, state: 'pending', was_submitted: false, final_score: 0, closes_on: '2026-06-30',
    })
    assert.include(rows[1], { state: 'reviewed', was_submitted: true, final_score: 75.5, closes_on: '2026-06-30' })
    assert.include(rows[2], { year: 2025, half: 2, state: 'auto_scored', was_submitted: false, final_score: 100, closes_on: '2025-12-30' })
    assert.deepEqual(await loadEstateEvaluations(pgQueryFn(pg), []), [])
  })

  test('outbox → drain → the cube, as of the last day of the window and the day after', async ({ assert }) => {
    const written = await writeOutbox([ev.e1h1, ev.e2h1, ev.e3h1, ev.e1old])
    assert.lengthOf(written, 4)
    const outbox = await pg.query<{ topic: string; entity_id: string }>('select topic, entity_id::text as entity_id from outbox_events where id = any($1::bigint[]) order by id', [fx.outboxIds])
    assert.deepEqual(outbox.rows.map((row) => row.topic), ['estate_evaluation', 'estate_evaluation', 'estate_evaluation', 'estate_evaluation'])
    assert.sameMembers(outbox.rows.map((row) => Number(row.entity_id)), [e.e1, e.e2, e.e3, e.e1])

    const result = await drain()
    assert.isAtLeast(result.events, 4)

    assert.deepEqual(await communities('2026-06-30'), [
      { id: r.c1, name: '评价一社区', estates: 2, evaluated: 1, pending: 1, submitted: 1, reviewed: 0, autoScored: 0, averageScore: null, below60: 0, from60to69: 0, from70to79: 0, from80to89: 0, from90to100: 0 },
      { id: r.c2, name: '评价二社区', estates: 1, evaluated: 1, pending: 0, submitted: 0, reviewed: 1, autoScored: 0, averageScore: 75.5, below60: 0, from60to69: 0, from70to79: 1, from80to89: 0, from90to100: 0 },
    ])
    // the day after: the close job has not run, the numbers already count 100 for the unreviewed halves
    assert.deepInclude((await communities('2026-07-01'))[0], { estates: 2, pending: 0, submitted: 0, autoScored: 2, averageScore: 100, from90to100: 2 })
    assert.deepInclude((await communities('2026-07-01', H2_2025))[0], { estates: 1, autoScored: 1, averageScore: 100 })
  })

  test('a review moves the numbers; draining again and replays never double count', async ({ assert }) => {
    await pg.query(`update evaluations set state = 'reviewed', final_score = 58, reviewed_at = now() where id = $1`, [ev.e2h1])
    await writeOutbox([ev.e2h1])
    await drain()
    assert.equal((await drain()).events, 0)
    const expected = { estates: 3, evaluated: 2, pending: 1, submitted: 0, reviewed: 2, autoScored: 0, averageScore: 66.75, below60: 1, from70to79: 1 }
    const asOf = { asOf: '2026-06-15' }
    const total = () => totals(warehouse, { cube: 'estate_evaluations', metrics: Object.keys(expected), filters: { district_id: r.district, ...H1 }, params: asOf })
    assert.deepEqual(await total(), expected)
    await setWatermark(pgQueryFn(pg), watermarkName, '0')
    await drain()
    assert.deepEqual(await total(), expected)
  })

  test('rebuild pages by evaluation (several rows per estate), then reconcile finds nothing', async ({ assert }) => {
    const rebuilt = await rebuildAllFacts({ pg, warehouse, batchSize: 1, watermarkName })
    // every declared fact table, in declaration order (STATISTICS_MODULES)
    assert.deepEqual(Object.keys(rebuilt.tables), STATISTICS_MODULES.flatMap((module) => module.statistics!.facts.map((fact) => fact.table)))
    const [{ n }] = await warehouse.query<{ n: string }>(sql`SELECT count() AS n FROM estate_evaluation_facts WHERE district_id = ${bind(r.district, 'UInt32')}`)
    assert.equal(Number(n), 4) // e1 has two halves: the keyset cursor is the evaluation id, not the estate
    assert.deepInclude((await communities('2026-06-15'))[0], { estates: 2, pending: 1, reviewed: 1, averageScore: 58 })
    const result = await reconcile({ pg, warehouse, batchSize: 1, watermarkName })
    assert.deepEqual(result.differences, [])
  })

  test('reconcile reports tampered, extra and missing halves with their key', async ({ assert }) => {
    const version = String(BigInt(await fx.maxOutboxId()) + 1000n)
    const [row] = await warehouse.query<Record<string, unknown>>(sql`SELECT * FROM estate_evaluation_facts FINAL WHERE estate_id = ${bind(e.e3, 'UInt32')}`)
    await warehouse.insert('estate_evaluation_facts', [
      { ...row, state: 'auto_scored', final_score: 100, version },
      { ...row, year: 2030, version },
    ])
    // a half PostgreSQL has but the warehouse was never told about
    const missing = await fx.evaluation(e.e3, H2_2025, templateId, 'pending')
    const result = await reconcile({ pg, warehouse, watermarkName })
    const mine = result.differences.filter((d) => d.table === 'estate_evaluation_facts')
    assert.deepEqual(mine, [
      { estateId: e.e3, table: 'estate_evaluation_facts', key: { year: 2025, half: 2 }, kind: 'missing_in_warehouse' },
      {
        estateId: e.e3, table: 'estate_evaluation_facts', key: { year: 2026, half: 1 }, kind: 'mismatch',
        fields: { state: { postgres: 'reviewed', warehouse: 'auto_scored' }, final_score: { postgres: 75.5, warehouse: 100 } },
      },
      { estateId: e.e3, table: 'estate_evaluation_facts', key: { year: 2030, half: 1 }, kind: 'extra_in_warehouse' },
    ])
    assert.isAtLeast(missing, 1)
    await rebuildAllFacts({ pg, warehouse, watermarkName })
    assert.deepEqual((await reconcile({ pg, warehouse, watermarkName })).differences, [])
  })
})
