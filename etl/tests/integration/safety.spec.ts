import { test } from '@japa/runner'
import type { Pool } from 'pg'
import { bind, drillDown, sql, totals } from '@szpm/warehouse'
import type { Warehouse } from '@szpm/warehouse'
import { drainOutbox, loadSafetyAssessments, pgQueryFn, rebuildAllFacts, reconcile, setWatermark, writeSafetyAssessmentOutbox } from '../../src/index.ts'
import { Fixtures, openSeededTestEnvironment } from '../helpers.ts'

const CH_SUFFIX = 'etl_safety_test'
const METRICS = ['communities', 'items', 'notStarted', 'inProgress', 'completed', 'completionRate', 'averageScore']
const HOSTILE_NAME = "平安社区 '; DROP TABLE safety_assessment_facts; -- \\'"
/** a year no other fixture uses */
const YEAR = 2031

/**
 * 平安建设: one safety_assessment_facts row per community × item, at the community (estate_id 0): the
 * source rows, outbox → drain → the cube per community, replays, the bulk rebuild and reconcile.
 */
test.group('etl 平安建设 (safety_assessments → outbox → ClickHouse)', (group) => {
  let pg: Pool
  let warehouse: Warehouse
  let fx: Fixtures
  let watermarkName: string
  const r = { district: 0, street: 0, c1: 0, c2: 0 }
  const items: number[] = []
  const a = { c1i1: 0, c1i2: 0, c2i1: 0, c2i2: 0 }

  const ids = () => Object.values(a)
  const drain = () => drainOutbox({ pg, warehouse, batchSize: 2, watermarkName })
  const communities = () => drillDown(warehouse, { cube: 'safety', metrics: METRICS, dimensions: ['community'], filters: { street_id: r.street, year: YEAR } })
  const mine = async () => (await reconcile({ pg, warehouse, watermarkName })).differences.filter((d) => d.table === 'safety_assessment_facts' && ids().includes(d.key?.assessment_id ?? 0))

  group.setup(async () => {
    const env = await openSeededTestEnvironment(CH_SUFFIX, async (opened) => {
      ;({ pg, warehouse, fx } = opened)
      const district = await fx.region('district', '平安测试区', null)
      const street = await fx.region('street', '平安街道', district)
      const c1 = await fx.region('community', HOSTILE_NAME, street)
      const c2 = await fx.region('community', '平安二社区', street)
      Object.assign(r, { district: district.id, street: street.id, c1: c1.id, c2: c2.id })
      for (const [title, max] of [[`消防-${fx.tag}`, 60], [`治安-${fx.tag}`, 40]] as const) {
        const { rows } = await pg.query<{ id: number }>('insert into safety_items (year, title, max_score) values ($1, $2, $3) returning id', [YEAR, title, max])
        items.push(rows[0].id)
      }
      const assessment = async (community: number, item: number, status: string, score: number | null) =>
        (await pg.query<{ id: number }>('insert into safety_assessments (item_id, community_id, status, score) values ($1, $2, $3, $4) returning id', [item, community, status, score])).rows[0].id
      a.c1i1 = await assessment(r.c1, items[0], 'completed', 55.5)
      a.c1i2 = await assessment(r.c1, items[1], 'in_progress', null)
      a.c2i1 = await assessment(r.c2, items[0], 'in_progress', 30)
      a.c2i2 = await assessment(r.c2, items[1], 'not_started', null)
      watermarkName = fx.watermark('outbox_safety_test')
      await setWatermark(pgQueryFn(pg), watermarkName, await fx.maxOutboxId())
    })
    return async () => {
      await pg.query(`delete from outbox_events where topic = 'safety_assessment' and (payload->>'assessment_id')::int = any($1::int[])`, [ids()])
      await pg.query('delete from safety_items where id = any($1::int[])', [items])
      await env.close()
    }
  })

  test('source SQL: assessment ⨝ item ⨝ the community and its regions; estate_id 0', async ({ assert }) => {
    const rows = await loadSafetyAssessments(pgQueryFn(pg), [a.c2i1, a.c1i1, 2_000_000_000])
    assert.deepEqual(rows.map((row) => row.assessment_id), [a.c1i1, a.c2i1])
    assert.deepEqual(rows[0], {
      estate_id: 0, district_id: r.district, district_name: '平安测试区', street_id: r.street, street_name: '平安街道',
      community_id: r.c1, community_name: HOSTILE_NAME, assessment_id: a.c1i1, item_id: items[0], year: YEAR,
      assessment_status: 'completed', has_score: 1, score: 55.5,
    })
    assert.include(rows[1], { assessment_status: 'in_progress', has_score: 1, score: 30 })
  })

  test('outbox → drain → the cube per community; a change and replays never double count', async ({ assert }) => {
    await fx.writeOutbox((query) => writeSafetyAssessmentOutbox(query, ids()))
    await drain()
    assert.deepEqual(await communities(), [
      { id: r.c1, name: HOSTILE_NAME, communities: 1, items: 2, notStarted: 0, inProgress: 1, completed: 1, completionRate: 0.5, averageScore: 55.5 },
      { id: r.c2, name: '平安二社区', communities: 1, items: 2, notStarted: 1, inProgress: 1, completed: 0, completionRate: 0, averageScore: 30 },
    ].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0)))
    await pg.query(`update safety_assessments set status = 'completed', score = 38 where id = $1`, [a.c1i2])
    await fx.writeOutbox((query) => writeSafetyAssessmentOutbox(query, [a.c1i2]))
    await drain()
    const expected = { communities: 2, items: 4, notStarted: 1, inProgress: 1, completed: 2, completionRate: 0.5, averageScore: (55.5 + 38 + 30) / 2 }
    const total = () => totals(warehouse, { cube: 'safety', metrics: METRICS, filters: { street_id: r.street, year: YEAR } })
    assert.deepEqual(await total(), expected)
    await setWatermark(pgQueryFn(pg), watermarkName, '0')
    await drain()
    assert.deepEqual(await total(), expected)
    assert.deepEqual(await mine(), [])
  })

  test('the bulk rebuild writes the rows the row path writes; reconcile reports a tampered row with its key', async ({ assert }) => {
    const before = await warehouse.query<Record<string, unknown>>(sql`SELECT * FROM safety_assessment_facts FINAL WHERE street_id = ${bind(r.street, 'UInt32')} ORDER BY assessment_id`)
    await rebuildAllFacts({ pg, warehouse, watermarkName })
    const after = await warehouse.query<Record<string, unknown>>(sql`SELECT * FROM safety_assessment_facts FINAL WHERE street_id = ${bind(r.street, 'UInt32')} ORDER BY assessment_id`)
    const comparable = (rows: Record<string, unknown>[]) => rows.map(({ changed_at: _c, version: _v, ...rest }) => rest)
    assert.lengthOf(after, 4)
    assert.deepEqual(comparable(after), comparable(before))
    assert.deepEqual(await mine(), [])

    const version = String(BigInt(await fx.maxOutboxId()) + 1000n)
    await warehouse.insert('safety_assessment_facts', [{ ...after[0], assessment_status: 'not_started', version }])
    assert.deepEqual(await mine(), [
      { estateId: 0, table: 'safety_assessment_facts', key: { assessment_id: a.c1i1 }, kind: 'mismatch', fields: { assessment_status: { postgres: 'completed', warehouse: 'not_started' } } },
    ])
    await rebuildAllFacts({ pg, warehouse, watermarkName })
    assert.deepEqual(await mine(), [])
  })
})
