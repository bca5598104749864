import { test } from '@japa/runner'
import type { Pool } from 'pg'
import { drillDown, raw } from '@szpm/warehouse'
import type { Warehouse } from '@szpm/warehouse'
import { drainOutbox, FACT_SOURCES_BY_MODULE, pgQueryFn, rebuildAllFacts, reconcile, setWatermark, STAFF_RECORD_KINDS, writeEstateStaffOutbox, writeStaffOutbox } from '../../src/index.ts'
import { Fixtures, openSeededTestEnvironment } from '../helpers.ts'

const CH_SUFFIX = 'etl_staff'
const METRICS = ['practitioners', 'companyStaff', 'security', 'cleaning', 'certificateHolders', 'expiredCertificates', 'estates', 'estatesMissing', 'estatesStale']
const STAFF = FACT_SOURCES_BY_MODULE.staff
const AS_OF = '2026-12-07'

/**
 * 从业人员信息 at the grain of the record: staff_facts holds one row per estate, practitioner and
 * certificate (CollapsingMergeTree), fed by `staff_record` events — edits (a cancel and a new row),
 * tombstones of deleted records, an estate moved to another community, a replayed batch — and equal
 * after the rebuild; the reconciliation compares every record.
 */
test.group('staff facts (record grain, collapsing)', (group) => {
  let pg: Pool
  let warehouse: Warehouse
  let fx: Fixtures
  let watermarkName: string
  let firstOutboxId = '0'
  const r = { street: 0, c1: 0, c2: 0 }
  const e = { e1: 0, e2: 0 }
  const p = { lead: 0, guard: 0, company: 0 }
  let certificate = 0

  const drain = () => drainOutbox({ pg, warehouse, batchSize: 2, watermarkName })
  const check = async () => (await reconcile({ pg, warehouse, batchSize: 3, watermarkName, sources: STAFF })).differences
  /** the street's figures per community (a place whose rows all cancelled groups to zeros: left out) */
  const byCommunity = async () =>
    Object.fromEntries(
      (await drillDown(warehouse, { cube: 'staff', metrics: METRICS, dimensions: ['community'], filters: { street_id: r.street }, params: { asOf: AS_OF } }))
        .filter((row) => METRICS.some((key) => row[key] !== 0))
        .map((row) => [row.name, METRICS.map((key) => row[key])])
    )
  const write = (ids: Parameters<typeof writeStaffOutbox>[1], deleted: { kind: 0 | 1 | 2; id: number; estateId: number }[] = []) =>
    fx.writeOutbox((query) => writeStaffOutbox(query, ids, { deleted }))

  async function practitioner(estateId: number | null, communityId: number, name: string, post: string, isLead = false): Promise<number> {
    const { rows } = await pg.query<{ id: number }>(
      `insert into practitioners (staff_group, estate_id, community_id, company_name, name, id_number, phone, post, is_lead)
       values ($1, $2, $3, '测试物业', $4, '440304199001011234', '13700000000', $5, $6) returning id`,
      [estateId ? 'estate' : 'company', estateId, estateId ? null : communityId, name, post, isLead]
    )
    return rows[0].id
  }

  group.setup(async () => {
    const env = await openSeededTestEnvironment(CH_SUFFIX, async (opened) => {
      ;({ pg, warehouse, fx } = opened)
      const district = await fx.region('district', '人员区', null)
      const street = await fx.region('street', '人员街道', district)
      const c1 = await fx.region('community', '甲社区', street)
      const c2 = await fx.region('community', '乙社区', street)
      Object.assign(r, { street: street.id, c1: c1.id, c2: c2.id })
      e.e1 = await fx.estate(c1, '甲花园')
      e.e2 = await fx.estate(c2, '乙公寓')
      p.lead = await practitioner(e.e1, c1.id, '张经理', 'manager', true)
      p.guard = await practitioner(e.e1, c1.id, '李保安', 'security')
      p.company = await practitioner(null, c2.id, '周客服', 'service')
      const { rows } = await pg.query<{ id: number }>(
        `insert into practitioner_certificates (practitioner_id, name, number, issued_on, valid_until) values ($1, '保安员证', 'BA-1', '2018-01-01', '2020-12-31') returning id`,
        [p.guard]
      )
      certificate = rows[0].id
      await pg.query(`insert into estate_staff_confirmations (estate_id, confirmed_at) values ($1, '2026-11-30T10:00:00+08:00')`, [e.e1])
      watermarkName = fx.watermark('staff_test')
      firstOutboxId = await fx.maxOutboxId()
      await setWatermark(pgQueryFn(pg), watermarkName, firstOutboxId)
    })
    return async () => {
      // the company practitioner's events are keyed by estate 0: not among the fixtures' estates
      await pg.query(`delete from outbox_events where topic = 'staff_record' and id > $1`, [firstOutboxId])
      await pg.query('delete from estate_staff_confirmations where estate_id = any($1::int[])', [[e.e1, e.e2]])
      await pg.query('delete from practitioners where id = any($1::int[])', [Object.values(p)])
      await env.close()
    }
  })

  test('a first publish: one row per estate, practitioner and certificate; the figures equal the records', async ({ assert }) => {
    await write({ estates: [e.e1, e.e2], practitioners: [p.lead, p.guard, p.company], certificates: [certificate] })
    assert.equal((await drain()).events, 6)
    const rows = await warehouse.query<Record<string, unknown>>(raw(`SELECT record_kind, record_key, estate_id, estate_name, community_id, staff_group, post, certificate_count, valid_until_day, confirmed_day, sign FROM staff_facts WHERE street_id = ${r.street} ORDER BY record_key`))
    assert.lengthOf(rows, 6, 'nothing pre-summed')
    assert.deepInclude(rows[0], { record_kind: 0, record_key: String(e.e1), estate_id: e.e1, confirmed_day: Date.UTC(2026, 10, 30) / 86_400_000, sign: 1 })
    assert.deepInclude(rows.find((row) => Number(row.record_key) === STAFF_RECORD_KINDS.practitioner * 1e10 + p.company)!, { estate_id: 0, estate_name: '物业服务企业从业人员', community_id: r.c2, staff_group: 'company' })
    assert.deepInclude(rows.find((row) => Number(row.record_kind) === 2)!, { valid_until_day: Date.UTC(2020, 11, 31) / 86_400_000, post: 'security' })
    //                            all com sec cln cert exp est miss stale
    assert.deepEqual(await byCommunity(), { 甲社区: [2, 0, 1, 0, 1, 1, 1, 0, 0], 乙社区: [1, 1, 0, 0, 0, 0, 1, 1, 0] })
    assert.deepEqual(await check(), [])
  })

  test('an edit is a cancel and a new row, a deleted certificate a tombstone; a replayed batch changes nothing', async ({ assert }) => {
    const start = await fx.maxOutboxId()
    await fx.writeOutbox(async (query) => {
      await query(`update practitioners set post = 'cleaning', version = version + 1 where id = $1`, [p.guard])
      await query('delete from practitioner_certificates where id = $1', [certificate])
      return writeStaffOutbox(query, { practitioners: [p.guard] }, { deleted: [{ kind: STAFF_RECORD_KINDS.certificate, id: certificate, estateId: e.e1 }] })
    })
    await drain()
    const expected = { 甲社区: [2, 0, 0, 1, 0, 0, 1, 0, 0], 乙社区: [1, 1, 0, 0, 0, 0, 1, 1, 0] }
    assert.deepEqual(await byCommunity(), expected)
    assert.deepEqual(await check(), [])
    await setWatermark(pgQueryFn(pg), watermarkName, start)
    await drain()
    assert.deepEqual(await byCommunity(), expected)
    assert.deepEqual(await check(), [])
  })

  test('an estate moved to another community takes its staff along; a confirmation older than 180 days is stale', async ({ assert }) => {
    await fx.writeOutbox(async (query) => {
      await query('update estates set community_id = $1 where id = $2', [r.c2, e.e1])
      await query(`update estate_staff_confirmations set confirmed_at = '2026-05-01T10:00:00+08:00' where estate_id = $1`, [e.e1])
      return writeEstateStaffOutbox(query, [e.e1])
    })
    await drain()
    const { rows } = await pg.query('select community_id from practitioners where estate_id = $1', [e.e1])
    assert.deepEqual(rows.map((row) => row.community_id), [r.c2, r.c2], 'the trigger moved the practitioners in PostgreSQL')
    assert.deepEqual(await byCommunity(), { 乙社区: [3, 1, 0, 1, 0, 0, 2, 1, 1] })
    assert.deepEqual(await check(), [])
    // the cube reads the rollup: the estate's unit took the new place; the company staff is its community's unit
    const units = await warehouse.query<Record<string, unknown>>(
      raw(`SELECT estate_id, unit_key, community_id, estate_rows, staff, company_group_staff FROM staff_estate_totals FINAL WHERE street_id = ${r.street} AND live_rows != 0 ORDER BY estate_id, unit_key`)
    )
    assert.deepEqual(
      units.map((unit) => [unit.estate_id, String(unit.unit_key), unit.community_id, Number(unit.estate_rows), Number(unit.staff), Number(unit.company_group_staff)]),
      [
        [0, String(1e10 + r.c2), r.c2, 0, 1, 1],
        [e.e1, String(e.e1), r.c2, 1, 2, 0],
        [e.e2, String(e.e2), r.c2, 1, 0, 0],
      ]
    )
  })

  test('a practitioner moved to another estate: the drain recomputes the estate it left too', async ({ assert }) => {
    const moveGuard = async (estateId: number) => {
      await fx.writeOutbox(async (query) => {
        await query('update practitioners set estate_id = $1, version = version + 1 where id = $2', [estateId, p.guard])
        return writeStaffOutbox(query, { practitioners: [p.guard] })
      })
      await drain()
    }
    await moveGuard(e.e2)
    // 乙公寓 has staff now, never confirmed (stale); 甲花园 keeps its manager
    //                                all com sec cln cert exp est miss stale
    assert.deepEqual(await byCommunity(), { 乙社区: [3, 1, 0, 1, 0, 0, 2, 0, 2] })
    assert.deepEqual(await check(), [])
    await moveGuard(e.e1)
    assert.deepEqual(await byCommunity(), { 乙社区: [3, 1, 0, 1, 0, 0, 2, 1, 1] })
    assert.deepEqual(await check(), [])
  })

  test('a deleted practitioner is a tombstone; the rebuild gives the same numbers; reconcile finds a tampered row', async ({ assert }) => {
    await fx.writeOutbox(async (query) => {
      await query('delete from practitioners where id = $1', [p.lead])
      return writeStaffOutbox(query, {}, { deleted: [{ kind: STAFF_RECORD_KINDS.practitioner, id: p.lead, estateId: e.e1 }] })
    })
    await drain()
    const expected = { 乙社区: [2, 1, 0, 1, 0, 0, 2, 1, 1] }
    assert.deepEqual(await byCommunity(), expected)
    assert.deepEqual(await check(), [])

    const rebuilt = await rebuildAllFacts({ pg, warehouse, watermarkName, sources: STAFF })
    assert.isAtLeast(rebuilt.tables.staff_facts, 4)
    assert.deepEqual(await byCommunity(), expected)
    assert.deepEqual(await check(), [])

    const [live] = await warehouse.query<Record<string, unknown>>(raw(`SELECT * FROM staff_facts WHERE record_key = ${1e10 + p.guard} AND sign = 1 LIMIT 1`))
    await warehouse.insert('staff_facts', [{ ...live, sign: -1 }, { ...live, post: 'security', sign: 1 }])
    const differences = await check()
    // the record, and the rollup the drain kept (the tampering bypassed it) against a fresh computation from the facts
    assert.deepEqual(differences.map((difference) => [difference.kind, difference.table, difference.key, difference.fields]), [
      ['mismatch', 'staff_estate_totals', { unit_key: String(e.e1) }, { cleaning_posts: { postgres: 0, warehouse: 1 }, security_posts: { postgres: 1, warehouse: 0 } }],
      ['mismatch', 'staff_facts', { record_key: 1e10 + p.guard }, { post: { postgres: 'cleaning', warehouse: 'security' } }],
    ])
  })
})
