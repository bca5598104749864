/**
 * 通知发布 (module 19): (a) the fan-out of one notice to every estate of a district — its receipts,
 * messages and outbox events committed, then its read statistics served by the warehouse; (b) the read
 * statistics (通知阅读统计, cube `notices` over notice_receipt_facts, one row per recipient per estate per
 * notice) at every level, for all notices of a region and for one notice (查看全部统计), through the API,
 * the warehouse alone and the benchmark-only PostgreSQL GROUP BY — asserted equal, as ratios.
 */
import { drillDown, totals } from '@szpm/warehouse'
import { pgQueryFn, writeNoticeReceiptOutbox } from '@szpm/etl'
import { pgStatsSql, sameValue, shapeValue } from '../lib/pg_stats.mjs'
import { assertSameStep } from '../lib/cube_compare.mjs'
import { timeIt } from '../lib/stats.mjs'
import { int, ms, ratio, table, verdict, progress } from '../lib/report.mjs'

const CUBE = 'notices'
const METRICS = ['recipients', 'read', 'unread', 'readRate']
const KINDS = { recipients: 'count', read: 'count', unread: 'count', readRate: 'rate' }
const CHILD = { city: 'district', district: 'street', street: 'community', community: 'estate' }
const FAN_OUT_RUNS = 3

/**
 * One notice from 园岭's street office to every estate of the district, both audiences, written as
 * NoticeService.publish writes a publish (backend/app/modules/notices/notice_service.ts), set-based:
 * the notice, its estates, one receipt per recipient per estate, one in-app message per recipient
 * (the notifier's row), the receipts' message ids and one `notice_receipt` outbox event per receipt
 * (writeNoticeReceiptOutbox, what publishNoticeReceipts calls) — in one transaction.
 */
async function publishToDistrict(pool, { districtId, streetId, publisherId, title }) {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const { rows: [notice] } = await client.query(
      `INSERT INTO notices (street_id, title, body_html, audience, estate_scope, published_by, published_at, recipient_count, estate_count)
       VALUES ($1, $2, '<p>请各物业服务企业、业主委员会按要求落实。</p>', 'both', 'chosen', $3, now(), 0, 0) RETURNING id`,
      [streetId, title, publisherId]
    )
    const estates = await client.query('INSERT INTO notice_estates (notice_id, estate_id) SELECT $1, id FROM estates WHERE district_id = $2', [notice.id, districtId])
    const receipts = await client.query(
      `INSERT INTO notice_receipts (notice_id, estate_id, user_id, relation)
       SELECT $1, ue.estate_id, ue.user_id, ue.relation FROM user_estates ue JOIN notice_estates ne ON ne.estate_id = ue.estate_id AND ne.notice_id = $1
        WHERE ue.relation IN ('project_manager', 'committee_director') RETURNING id`,
      [notice.id]
    )
    const messages = await client.query(
      `INSERT INTO messages (recipient_id, sender_id, kind, module, reason, title, summary, subject_type, subject_id, subject_page, sent_on)
       SELECT DISTINCT r.user_id, $2::int, 'notice', 'notices', 'notices.publish:' || $1::int, $3, '园岭街道：请各物业服务企业、业主委员会按要求落实。', 'notice', $1::int, 'notice-received', (now() AT TIME ZONE 'Asia/Shanghai')::date
         FROM notice_receipts r WHERE r.notice_id = $1::int`,
      [notice.id, publisherId, title]
    )
    await client.query(
      `UPDATE notice_receipts r SET message_id = m.id FROM messages m
        WHERE r.notice_id = $1::int AND m.recipient_id = r.user_id AND m.reason = 'notices.publish:' || $1::int`,
      [notice.id]
    )
    await client.query('UPDATE notices SET recipient_count = $2, estate_count = $3 WHERE id = $1', [notice.id, messages.rowCount, estates.rowCount])
    await writeNoticeReceiptOutbox(pgQueryFn(client), receipts.rows.map((row) => Number(row.id)))
    await client.query('COMMIT')
    return { noticeId: notice.id, estates: estates.rowCount, receipts: receipts.rowCount, messages: messages.rowCount }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}

/** waits until the warehouse serves all of the notice's receipts (the running ETL worker drains them) */
async function untilInWarehouse(warehouse, noticeId, receipts, timeoutMs = 120_000) {
  const started = performance.now()
  for (;;) {
    const total = await totals(warehouse, { cube: CUBE, metrics: ['recipients'], filters: { notice_id: noticeId } })
    if (total.recipients === receipts) return performance.now() - started
    if (performance.now() - started > timeoutMs) throw new Error(`notice ${noticeId}: the warehouse has ${total.recipients} of ${receipts} receipts after ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

function warehouseQuery(region, noticeId) {
  return {
    cube: CUBE,
    metrics: METRICS,
    dimensions: [CHILD[region.level]],
    filters: { ...(region.level === 'city' ? {} : { [`${region.level}_id`]: region.id }), ...(noticeId ? { notice_id: noticeId } : {}) },
  }
}

async function warehousePath(warehouse, region, noticeId) {
  const query = warehouseQuery(region, noticeId)
  const [rows, total] = await Promise.all([drillDown(warehouse, query), totals(warehouse, query)])
  return { rows, totals: total }
}

async function pgPath(pool, region, noticeId) {
  const options = { childLevel: CHILD[region.level], filterLevel: region.level === 'city' ? null : region.level, filterId: region.id, noticeId }
  const grouped = pgStatsSql(CUBE, options)
  const total = pgStatsSql(CUBE, { ...options, childLevel: null })
  const [rows, totalRows] = await Promise.all([pool.query(grouped.sql, grouped.params), pool.query(total.sql, total.params)])
  const shape = (row) => Object.fromEntries(METRICS.map((name) => [name, shapeValue(KINDS[name], row[name])]))
  return { rows: rows.rows.map((row) => ({ id: Number(row.id), name: row.name, ...shape(row) })), totals: shape(totalRows.rows[0]) }
}

/** Throws (aborting the bench) unless both paths give the same rows and numbers. */
const assertSame = (label, warehouse, postgres) => assertSameStep(label, warehouse, postgres, METRICS)

export async function runNotices(ctx) {
  const { pool, warehouse, regions, admin } = ctx
  const options = { warmup: ctx.warmup, runs: ctx.runs }
  const { rows: [counts] } = await pool.query('SELECT (SELECT count(*)::int FROM notice_receipts) AS receipts, (SELECT count(*)::int FROM notices) AS notices')
  if (counts.receipts === 0) throw new Error('no notice receipts in szpm_bench (data generated before the notices generator? rerun with --regenerate)')
  const { rows: [publisher] } = await pool.query(`SELECT id FROM users WHERE phone = '13800000003'`)

  // (a) fan-out to every estate of the district
  const fanOuts = []
  for (let i = 0; i < FAN_OUT_RUNS; i++) {
    progress(`notices: fan-out ${i + 1}/${FAN_OUT_RUNS} to every estate of ${regions.district.name}`)
    const started = performance.now()
    const published = await publishToDistrict(pool, { districtId: regions.district.id, streetId: regions.street.id, publisherId: publisher.id, title: `基准测试通知 ${new Date().toISOString()}` })
    const committedMs = performance.now() - started
    const warehouseMs = await untilInWarehouse(warehouse, published.noticeId, published.receipts)
    fanOuts.push({ ...published, committedMs, totalMs: committedMs + warehouseMs })
  }
  const { rows: [after] } = await pool.query('SELECT count(*)::int AS receipts FROM notice_receipts')

  // (b) read statistics at every level: all notices of a region, then one notice (the district-wide one)
  const noticeId = fanOuts.at(-1).noticeId
  const steps = [
    ...[regions.city, regions.district, regions.street, regions.community].map((region) => ({
      label: `all notices · ${region.name} → ${CHILD[region.level]}`, region, noticeId: undefined, api: `/api/v1/stats/notices?region_id=${region.id}`,
    })),
    { label: `notice ${noticeId} · ${regions.street.name} → community`, region: regions.street, noticeId, api: `/api/v1/notices/${noticeId}/stats` },
    { label: `notice ${noticeId} · ${regions.community.name} → estate`, region: regions.community, noticeId, api: `/api/v1/notices/${noticeId}/stats?region_id=${regions.community.id}` },
  ]
  const results = []
  for (const step of steps) {
    progress(`notices: read statistics ${step.label}`)
    const api = await timeIt(() => admin.get(step.api), options)
    const wh = await timeIt(() => warehousePath(warehouse, step.region, step.noticeId), options)
    const pg = await timeIt(() => pgPath(pool, step.region, step.noticeId), options)
    assertSame(step.label, wh.result, pg.result)
    for (const key of METRICS) {
      if (!sameValue(api.result.meta.totals[key], wh.result.totals[key])) throw new Error(`API totals ≠ warehouse for ${step.label}: ${key} ${api.result.meta.totals[key]} vs ${wh.result.totals[key]}`)
    }
    results.push({ ...step, api, wh, pg, rows: wh.result.rows.length, receipts: wh.result.totals.recipients })
  }
  // the last step of 查看全部统计: an estate's recipients and their read time (PostgreSQL only)
  const { rows: [estate] } = await pool.query('SELECT estate_id FROM notice_receipts WHERE notice_id = $1 AND estate_id IN (SELECT id FROM estates WHERE community_id = $2) ORDER BY estate_id LIMIT 1', [noticeId, regions.community.id])
  const recipients = estate
    ? await timeIt(() => admin.get(`/api/v1/notices/${noticeId}/stats/recipients?estate_id=${estate.estate_id}`), options)
    : null

  const worst = results.reduce((a, b) => (b.api.p95 > a.api.p95 ? b : a))
  const worstFanOut = fanOuts.reduce((a, b) => (b.totalMs > a.totalMs ? b : a))
  const markdown = [
    `notice_receipts: ${int(counts.receipts)} in ${int(counts.notices)} notices before this section, ${int(after.receipts)} after its fan-outs. ` +
      `Fan-out = one notice from ${regions.street.name} to every estate of ${regions.district.name}, both audiences, written as NoticeService.publish does ` +
      '(notice, its estates, one receipt per recipient per estate, one in-app message per recipient, one `notice_receipt` outbox event per receipt) in one transaction; ' +
      '"served" = until `totals` of the notices cube with the notice\'s id equals its receipts (the running ETL worker drains the outbox). ' +
      'The WeChat / SMS sends (queued by the notifier after commit) are not part of it.',
    '',
    table(['run', 'estates', 'receipts', 'messages', 'committed (ms)', 'served by the warehouse (ms)'],
      fanOuts.map((f, i) => [i + 1, int(f.estates), int(f.receipts), int(f.messages), ms(f.committedMs), ms(f.totalMs)])),
    '',
    `Read statistics: median / p95 in ms over ${ctx.runs} runs after ${ctx.warmup} warm-ups. API = the statistics route as 13800000000 (city_admin); ` +
      'warehouse = `drillDown` + `totals` of the notices cube (in parallel); PostgreSQL = the benchmark-only GROUP BY over `notice_receipts` ⋈ `estates` ' +
      '(bench/lib/pg_stats.mjs). Every PostgreSQL result asserted equal to the warehouse\'s (rows, names, every metric, totals), the API totals to both.',
    '',
    table(['step', 'rows', 'receipts', 'API', 'warehouse', 'PostgreSQL', 'PG / warehouse (median)'],
      results.map((r) => [r.label, r.rows, int(r.receipts), `${ms(r.api.median)} / ${ms(r.api.p95)}`, `${ms(r.wh.median)} / ${ms(r.wh.p95)}`,
        `${ms(r.pg.median)} / ${ms(r.pg.p95)}`, ratio(r.pg.median / r.wh.median)])),
    '',
    recipients ? `An estate's recipients with their read time (PostgreSQL, \`GET /api/v1/notices/${noticeId}/stats/recipients\`): ${ms(recipients.median)} / ${ms(recipients.p95)} ms.` : '',
  ].join('\n')

  const targets = [
    verdict('a notice to every estate of a district fans out to its recipients in ≤ 10 s',
      `worst ${ms(worstFanOut.totalMs)} ms to the warehouse (${int(worstFanOut.receipts)} receipts, ${int(worstFanOut.messages)} messages; committed in ${ms(worstFanOut.committedMs)} ms)`,
      fanOuts.every((f) => f.totalMs <= 10_000),
      'The publish transaction writes every receipt, message and outbox event; the drain then inserts the fact rows (collapsing: one live-row lookup per batch).'),
    verdict('read statistics p95 ≤ 50 ms at every level (district, street, community, estate, per notice)',
      `worst API p95 ${ms(worst.api.p95)} ms (${worst.label})`,
      results.every((r) => r.api.p95 <= 50) && (!recipients || recipients.p95 <= 50),
      'The API adds the session, scope and child-region lookups around the warehouse query (see the warehouse column).'),
    verdict('≥ 1,000,000 receipt rows behind the read statistics', `${int(counts.receipts)} before the fan-outs`, counts.receipts >= 1_000_000,
      'Only the city scale generates them (generators/notices.ts, ~190 notices per street); the demo scale has a few per street.'),
  ]
  return { title: '通知发布: fan-out and read statistics', markdown, targets, results }
}
