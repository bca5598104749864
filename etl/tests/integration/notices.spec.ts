import { test } from '@japa/runner'
import type { Pool } from 'pg'
import { drillDown, raw, totals } from '@szpm/warehouse'
import type { Warehouse } from '@szpm/warehouse'
import {
  drainOutbox,
  FACT_SOURCES_BY_MODULE,
  pgQueryFn,
  rebuildAllFacts,
  reconcile,
  setWatermark,
  writeEstateNoticeReceiptsOutbox,
  writeNoticeReceiptOutbox,
} from '../../src/index.ts'
import { Fixtures, openSeededTestEnvironment } from '../helpers.ts'

const CH_SUFFIX = 'etl_notices'
const METRICS = ['recipients', 'read', 'unread', 'readRate']
const NOTICES = FACT_SOURCES_BY_MODULE.notices

/**
 * 通知发布's read statistics at the grain of the record: one notice_receipt_facts row per receipt
 * (notice × estate × recipient, CollapsingMergeTree), fed by the `notice_receipt` outbox events of a
 * publish and of a read, with an estate moved to another street, a replayed batch, the rebuild and
 * the reconciliation.
 */
test.group('notice receipt facts (record grain, collapsing)', (group) => {
  let pg: Pool
  let warehouse: Warehouse
  let fx: Fixtures
  let watermarkName: string
  const r = { district: 0, s1: 0, s2: 0, c1: 0, c2: 0, c3: 0 }
  const e = { e1: 0, e2: 0, e3: 0 }
  const u = { publisher: 0, manager: 0, director: 0, other: 0 }
  const n = { n1: 0, n2: 0 }
  const receipts: Record<string, number> = {}
  const userIds: number[] = []
  const noticeIds: number[] = []

  const drain = () => drainOutbox({ pg, warehouse, batchSize: 3, watermarkName })
  /**
   * The notice's figures per community of a street. A place whose rows were all cancelled (an estate
   * moved away) groups to zeros until ClickHouse merges the pair away: such rows are left out here
   * (the statistics API lists the street's communities from PostgreSQL anyway).
   */
  const byCommunity = async (noticeId: number, streetId: number) =>
    Object.fromEntries(
      (await drillDown(warehouse, { cube: 'notices', metrics: METRICS, dimensions: ['community'], filters: { street_id: streetId, notice_id: noticeId } }))
        .filter((row) => row.recipients !== 0)
        .map((row) => [row.name, [row.recipients, row.read, row.unread, row.readRate]])
    )
  const noticeTotals = (noticeId: number) => totals(warehouse, { cube: 'notices', metrics: METRICS, filters: { notice_id: noticeId } })
  const check = async () => (await reconcile({ pg, warehouse, batchSize: 2, watermarkName, sources: NOTICES })).differences

  /** PostgreSQL's own count of a notice's receipts: the number the warehouse must equal */
  const postgresTotals = async (noticeId: number) => {
    const { rows } = await pg.query<{ recipients: number; read: number }>(
      'select count(*)::int as recipients, count(read_at)::int as read from notice_receipts where notice_id = $1',
      [noticeId]
    )
    return { recipients: rows[0].recipients, read: rows[0].read, unread: rows[0].recipients - rows[0].read }
  }

  async function user(name: string, role: string, regionId: number): Promise<number> {
    const { rows } = await pg.query<{ id: number }>(
      `insert into users (name, phone, password, role, region_id, created_at, updated_at) values ($1, $2, 'x', $3, $4, now(), now()) returning id`,
      [name, `19${String(process.pid).padStart(6, '0').slice(-6)}${String(userIds.length).padStart(3, '0')}`, role, regionId]
    )
    userIds.push(rows[0].id)
    return rows[0].id
  }

  async function notice(streetId: number, title: string, estateIds: number[], recipients: Array<[key: string, estateId: number, userId: number, relation: string]>) {
    const { rows } = await pg.query<{ id: number }>(
      `insert into notices (street_id, title, body_html, audience, estate_scope, published_by, published_at, recipient_count, estate_count)
       values ($1, $2, '<p>正文</p>', 'both', 'chosen', $3, '2026-12-06T23:30:00+08:00', $4, $5) returning id`,
      [streetId, title, u.publisher, recipients.length, estateIds.length]
    )
    const id = rows[0].id
    noticeIds.push(id)
    for (const estateId of estateIds) await pg.query('insert into notice_estates (notice_id, estate_id) values ($1, $2)', [id, estateId])
    for (const [key, estateId, userId, relation] of recipients) {
      const inserted = await pg.query<{ id: string }>('insert into notice_receipts (notice_id, estate_id, user_id, relation) values ($1, $2, $3, $4) returning id::text as id', [id, estateId, userId, relation])
      receipts[key] = Number(inserted.rows[0].id)
    }
    return id
  }

  group.setup(async () => {
    const env = await openSeededTestEnvironment(CH_SUFFIX, async (opened) => {
      ;({ pg, warehouse, fx } = opened)
      const district = await fx.region('district', '通知区', null)
      const s1 = await fx.region('street', '通知一街道', district)
      const s2 = await fx.region('street', '通知二街道', district)
      const c1 = await fx.region('community', '甲社区', s1)
      const c2 = await fx.region('community', '乙社区', s1)
      const c3 = await fx.region('community', '丙社区', s2)
      Object.assign(r, { district: district.id, s1: s1.id, s2: s2.id, c1: c1.id, c2: c2.id, c3: c3.id })
      e.e1 = await fx.estate(c1, '甲花园')
      e.e2 = await fx.estate(c2, '乙公寓')
      e.e3 = await fx.estate(c3, '丙家园')
      u.publisher = await user('发布人', 'street_handler', s1.id)
      u.manager = await user('王经理', 'project_manager', c1.id)
      u.director = await user('李主任', 'committee_director', c1.id)
      u.other = await user('赵经理', 'project_manager', c3.id)
      // 王经理 manages 甲花园 and 乙公寓: one message, two receipts
      n.n1 = await notice(s1.id, '消防检查通知', [e.e1, e.e2], [
        ['m1e1', e.e1, u.manager, 'project_manager'],
        ['d1e1', e.e1, u.director, 'committee_director'],
        ['m1e2', e.e2, u.manager, 'project_manager'],
      ])
      n.n2 = await notice(s2.id, '另一街道的通知', [e.e3], [['o3', e.e3, u.other, 'project_manager']])
      watermarkName = fx.watermark('notices_test')
      await setWatermark(pgQueryFn(pg), watermarkName, await fx.maxOutboxId())
    })
    return async () => {
      await pg.query('delete from notices where id = any($1::int[])', [noticeIds])
      await pg.query('delete from users where id = any($1::int[])', [userIds])
      await env.close()
    }
  })

  test('a publish drains into one fact row per recipient per estate; the per-notice drill-down equals PostgreSQL', async ({ assert }) => {
    await fx.writeOutbox((query) => writeNoticeReceiptOutbox(query, [receipts.m1e1, receipts.d1e1, receipts.m1e2]))
    await fx.writeOutbox((query) => writeNoticeReceiptOutbox(query, [receipts.o3]))
    const drained = await drain()
    assert.equal(drained.events, 4)

    const rows = await warehouse.query<Record<string, unknown>>(raw(`SELECT * FROM notice_receipt_facts WHERE notice_id = ${n.n1} ORDER BY receipt_id`))
    assert.lengthOf(rows, 3, 'one row per receipt, nothing pre-summed')
    assert.deepInclude(rows[0], { street_id: r.s1, community_id: r.c1, estate_id: e.e1, estate_name: '甲花园', user_id: u.manager, relation: 'project_manager', published_on: '2026-12-06', is_read: 0, read_at: 0, sign: 1 })

    assert.deepEqual(await byCommunity(n.n1, r.s1), { 甲社区: [2, 0, 2, 0], 乙社区: [1, 0, 1, 0] })
    assert.deepEqual(await noticeTotals(n.n1), { ...(await postgresTotals(n.n1)), readRate: 0 })
    assert.deepEqual(await check(), [])
  })

  test('a read (one message, receipts at two estates) is a cancel and a new row; a replayed batch changes nothing', async ({ assert }) => {
    const start = await fx.maxOutboxId()
    await fx.writeOutbox(async (query) => {
      await query(`update notice_receipts set read_at = '2026-12-07T09:15:00+08:00' where notice_id = $1 and user_id = $2`, [n.n1, u.manager])
      return writeNoticeReceiptOutbox(query, [receipts.m1e1, receipts.m1e2])
    })
    await drain()
    assert.deepEqual(await byCommunity(n.n1, r.s1), { 甲社区: [2, 1, 1, 0.5], 乙社区: [1, 1, 0, 1] })
    assert.deepEqual(await noticeTotals(n.n1), { ...(await postgresTotals(n.n1)), readRate: 2 / 3 })
    const live = await warehouse.query<{ read_at: number }>(raw(`SELECT read_at FROM notice_receipt_facts WHERE receipt_id = ${receipts.m1e1} AND sign = 1 AND is_read = 1`))
    assert.equal(Number(live[0].read_at), Date.parse('2026-12-07T09:15:00+08:00') / 1000)
    assert.deepEqual(await check(), [])

    // the same events again (a retried batch)
    await setWatermark(pgQueryFn(pg), watermarkName, start)
    await drain()
    assert.deepEqual(await byCommunity(n.n1, r.s1), { 甲社区: [2, 1, 1, 0.5], 乙社区: [1, 1, 0, 1] })
    assert.deepEqual(await check(), [])
    // the other street's notice was never touched
    assert.deepEqual(await noticeTotals(n.n2), { recipients: 1, read: 0, unread: 1, readRate: 0 })
  })

  test('an estate moved to another street takes its receipts along; nothing is left at the old place', async ({ assert }) => {
    await fx.writeOutbox(async (query) => {
      await query('update estates set community_id = $1, street_id = $2 where id = $3', [r.c3, r.s2, e.e2])
      return writeEstateNoticeReceiptsOutbox(query, [e.e2])
    })
    await drain()
    assert.deepEqual(await byCommunity(n.n1, r.s1), { 甲社区: [2, 1, 1, 0.5] })
    assert.deepEqual(await byCommunity(n.n1, r.s2), { 丙社区: [1, 1, 0, 1] })
    const old = await warehouse.query<{ live: string; rows: string }>(raw(`SELECT sum(sign) AS live, count() AS rows FROM notice_receipt_facts WHERE community_id = ${r.c2}`))
    assert.equal(Number(old[0].live), 0, 'the cancel rows left nothing live under 乙社区')
    assert.isAbove(Number(old[0].rows), 0)
    assert.deepEqual(await noticeTotals(n.n1), { ...(await postgresTotals(n.n1)), readRate: 2 / 3 })
    assert.deepEqual(await check(), [])
  })

  test('the rebuild gives the same numbers; reconcile finds 0 differences, then every tampered row', async ({ assert }) => {
    const before = await byCommunity(n.n1, r.s1)
    const rebuilt = await rebuildAllFacts({ pg, warehouse, watermarkName, sources: NOTICES })
    assert.isAtLeast(rebuilt.tables.notice_receipt_facts, 4)
    assert.deepEqual(await byCommunity(n.n1, r.s1), before)
    assert.deepEqual(await noticeTotals(n.n1), { ...(await postgresTotals(n.n1)), readRate: 2 / 3 })
    assert.deepEqual(await check(), [])

    const liveRow = async (receiptId: number) =>
      (await warehouse.query<Record<string, unknown>>(raw(`SELECT * FROM notice_receipt_facts WHERE receipt_id = ${receiptId} AND sign = 1 ORDER BY version DESC LIMIT 1`)))[0]
    const director = await liveRow(receipts.d1e1)
    const other = await liveRow(receipts.o3)
    // behind the pipeline's back: 李主任 "read" it in the warehouse only; 赵经理's receipt cancelled
    await warehouse.insert('notice_receipt_facts', [
      { ...director, sign: -1 },
      { ...director, is_read: 1, read_at: 1_765_000_000, sign: 1 },
      { ...other, sign: -1 },
    ])
    const differences = await check()
    assert.sameDeepMembers(
      differences.map((difference) => [difference.kind, difference.key?.receipt_id, difference.fields]),
      [
        ['mismatch', receipts.d1e1, { read_at: { postgres: 0, warehouse: 1_765_000_000 } }],
        ['missing_in_warehouse', receipts.o3, undefined],
      ]
    )
    await rebuildAllFacts({ pg, warehouse, watermarkName, sources: NOTICES })
    assert.deepEqual(await check(), [])
  })
})
