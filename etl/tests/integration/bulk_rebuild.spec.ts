/**
 * The rebuild's bulk path (FactSource.bulk): PostgreSQL `COPY (select) TO STDOUT` streamed into one
 * ClickHouse `INSERT … FORMAT TabSeparated`, several tables at once from one exported snapshot,
 * swapped in with one RENAME. Awkward text survives the trip exactly as the row path writes it; a
 * failure anywhere leaves the live tables as they were and no staging table behind.
 */
import { pipeline, Transform } from 'node:stream'
import type { Readable } from 'node:stream'
import { test } from '@japa/runner'
import type { Pool } from 'pg'
import { to as copyTo } from 'pg-copy-streams'
import { bind, raw, sql } from '@szpm/warehouse'
import type { Warehouse } from '@szpm/warehouse'
import { FACT_SOURCES_BY_MODULE, getWatermark, pgQueryFn, rebuildAllFacts, reconcile, setWatermark } from '../../src/index.ts'
import type { FactSource, RebuildOptions } from '../../src/index.ts'
import { Fixtures, openSeededTestEnvironment } from '../helpers.ts'

const CH_SUFFIX = 'etl_bulk_test'
/** estate names PostgreSQL's text COPY must escape and ClickHouse must unescape */
const AWKWARD_NAMES = ['制表\t符小区', '换行\n花园', '反斜杠\\苑 \\N', `引号 ' " 公寓`, '回车\r家园', '']
const MARKER = 4_294_967_000

const EVALUATION_SOURCE: FactSource<any> = FACT_SOURCES_BY_MODULE.evaluations[0]
/** the same source into other tables of the scratch database (one streamed, one paged) and with a rollup */
const STREAMED_COPY: FactSource<any> = {
  ...EVALUATION_SOURCE,
  table: 'evaluation_copy_facts',
  rollups: [{ table: 'evaluation_copy_rollup', select: (facts, version) => `SELECT estate_id, count() AS halves, sum(final_score) AS score, toUInt64(${version}) AS version FROM ${facts} GROUP BY estate_id` }],
}
const PAGED_COPY: FactSource<any> = { ...EVALUATION_SOURCE, table: 'evaluation_paged_facts', bulk: undefined }
const LIVE_TABLES = ['estate_evaluation_facts', 'evaluation_copy_facts', 'evaluation_copy_rollup', 'evaluation_paged_facts']

/** a source whose COPY fails after tens of thousands of rows have reached ClickHouse */
function failingInPostgres(source: FactSource<any>): FactSource<any> {
  return {
    ...source,
    bulk: { columns: source.bulk!.columns, select: (version, changedAt) => `select q.* from (${source.bulk!.select(version, changedAt)}) q, generate_series(1, 30000) g where 1 / (30000 - g + q.half - q.half) >= 0` },
  }
}
/** a source whose rows ClickHouse refuses (text in a UInt32 column) */
function failingInClickHouse(source: FactSource<any>): FactSource<any> {
  return {
    ...source,
    bulk: { columns: source.bulk!.columns, select: (version, changedAt) => `select 'not a number' as district_id, q.district_name, q.street_id, q.street_name, q.community_id, q.community_name, q.estate_id, q.estate_name, q.year, q.half, q.state, q.was_submitted, q.final_score, q.closes_on, q.changed_at, q.version from (${source.bulk!.select(version, changedAt)}) q` },
  }
}

test.group('etl rebuild bulk path (COPY → TabSeparated, one snapshot, one RENAME)', (group) => {
  let pg: Pool
  let warehouse: Warehouse
  let fx: Fixtures
  let watermarkName: string
  const estates: number[] = []

  const rowsOf = async (table: string) =>
    warehouse.query<Record<string, unknown>>(sql`SELECT * FROM ${raw(table)} FINAL WHERE has(${bind(estates, 'Array(UInt32)')}, estate_id) ORDER BY estate_id, year, half`)
  const markers = async () =>
    Object.fromEntries(await Promise.all(LIVE_TABLES.map(async (table) => [table, Number((await warehouse.query<{ n: string }>(sql`SELECT count() AS n FROM ${raw(table)} WHERE estate_id = ${bind(MARKER, 'UInt32')}`))[0].n)])))
  const leftovers = async () =>
    (await warehouse.query<{ name: string }>(sql`SELECT name FROM system.tables WHERE database = currentDatabase() AND (endsWith(name, '_rebuild') OR endsWith(name, '_replaced'))`)).map((row) => row.name)
  /** a marker row in every live table: present until the swap, gone after it */
  const plantMarkers = async () => {
    const [row] = await warehouse.query<Record<string, unknown>>(sql`SELECT * FROM estate_evaluation_facts FINAL WHERE estate_id = ${bind(estates[0], 'UInt32')} LIMIT 1`)
    for (const table of ['estate_evaluation_facts', 'evaluation_copy_facts', 'evaluation_paged_facts']) await warehouse.insert(table, [{ ...row, estate_id: MARKER }])
    await warehouse.insert('evaluation_copy_rollup', [{ estate_id: MARKER, halves: 99, score: 0, version: 1 }])
  }

  group.setup(async () => {
    const env = await openSeededTestEnvironment(CH_SUFFIX, async (opened) => {
      ;({ pg, warehouse, fx } = opened)
      const district = await fx.region('district', '批量\t测试区', null)
      const street = await fx.region('street', '批量\\街道', district)
      const community = await fx.region('community', '批量\n社区', street)
      for (const name of AWKWARD_NAMES) estates.push(await fx.estate(community, name))
      const templateId = await fx.evaluationTemplate()
      await fx.evaluationPeriod(2026, 1, templateId)
      await fx.evaluationPeriod(2025, 2, templateId)
      await fx.evaluation(estates[0], { year: 2026, half: 1 }, templateId, 'pending')
      await fx.evaluation(estates[1], { year: 2026, half: 1 }, templateId, 'submitted', { submitted: 82.33 })
      await fx.evaluation(estates[2], { year: 2026, half: 1 }, templateId, 'reviewed', { submitted: 80, final: 75.5 })
      await fx.evaluation(estates[3], { year: 2025, half: 2 }, templateId, 'auto_scored', { final: 100 })
      await fx.evaluation(estates[4], { year: 2026, half: 1 }, templateId, 'reviewed', { submitted: 0.1, final: 0.1 })
      await fx.evaluation(estates[5], { year: 2025, half: 2 }, templateId, 'reviewed', { final: 59.99 })
      await fx.evaluation(estates[0], { year: 2025, half: 2 }, templateId, 'reviewed', { final: 82.33 })
      for (const table of ['evaluation_copy_facts', 'evaluation_paged_facts']) await warehouse.command(`CREATE TABLE ${table} AS estate_evaluation_facts`)
      await warehouse.command('CREATE TABLE evaluation_copy_rollup (estate_id UInt32, halves UInt64, score Float64, version UInt64) ENGINE = ReplacingMergeTree(version) ORDER BY estate_id')
      watermarkName = fx.watermark('outbox_bulk_test')
      await setWatermark(pgQueryFn(pg), watermarkName, await fx.maxOutboxId())
    })
    return async () => {
      await env.close()
    }
  })

  test('COPY text → TabSeparated reads back exactly what a JSON insert writes', async ({ assert }) => {
    const columns = ['n', 's', 'd', 'd2', 'b', 't', 'f']
    await warehouse.command('CREATE TABLE awkward_json (n UInt64, s String, d Nullable(Date), d2 Date, b UInt8, t DateTime, f Float64) ENGINE = Memory')
    await warehouse.command('CREATE TABLE awkward_tsv AS awkward_json')
    const rows = [
      { n: 1, s: 'tab\there', d: null, d2: '2026-06-30', b: 1, t: 1_780_000_000, f: 75.5 },
      { n: 2, s: 'line\nbreak\r\nand CRLF', d: '2027-04-30', d2: '1970-01-02', b: 0, t: 0, f: 0.1 },
      { n: 3, s: 'back\\slash \\N \\t', d: null, d2: '2105-12-31', b: 1, t: 4_000_000_000, f: 82.33 },
      { n: 4, s: `quote ' " 中文 街道社区评价 😀`, d: '2026-01-01', d2: '2026-01-01', b: 0, t: 1_700_000_000, f: 100 },
      { n: 5, s: '', d: null, d2: '2000-02-29', b: 0, t: 1, f: 59.99 },
      { n: 6, s: 'bell \u0007 backspace \b formfeed \f vtab \v nul-free', d: null, d2: '2000-02-29', b: 1, t: 2, f: 1e-7 },
    ]
    await warehouse.insert('awkward_json', rows)
    // the same values, typed and formatted in SQL as a BulkSource select does it
    const values = rows.map((row) => `(${row.n}, ${literal(row.s)}, ${row.d === null ? 'null::date' : `${literal(row.d)}::date`}, ${literal(row.d2)}::date, ${row.b === 1}::bool, ${row.t}::bigint, ${row.f}::float8)`).join(',\n')
    // DateTime as unix seconds padded to 10 digits (what bulkVersionSelect writes): 18.16 reads nothing shorter
    const select = `select n, s, to_char(d, 'YYYY-MM-DD'), to_char(d2, 'YYYY-MM-DD'), b::int, lpad(t::text, 10, '0'), f from (values ${values}) v(n, s, d, d2, b, t, f)`
    const client = await pg.connect()
    try {
      await warehouse.insertStream!('awkward_tsv', columns, client.query(copyTo(`COPY (${select}) TO STDOUT`)), 'TabSeparated')
    } finally {
      client.release()
    }
    const json = await warehouse.query(sql`SELECT * FROM awkward_json ORDER BY n`)
    const tsv = await warehouse.query(sql`SELECT * FROM awkward_tsv ORDER BY n`)
    assert.lengthOf(tsv, rows.length)
    assert.deepEqual(tsv, json)
    assert.deepEqual(tsv.map((row) => row.s), rows.map((row) => row.s))
    assert.deepEqual(tsv.map((row) => row.d), [null, '2027-04-30', null, '2026-01-01', null, null])
    await warehouse.command('DROP TABLE awkward_json')
    await warehouse.command('DROP TABLE awkward_tsv')
  })

  test('the bulk path writes the rows the row path writes, and reconcile finds nothing', async ({ assert }) => {
    const paged = await rebuildAllFacts({ pg, warehouse, sources: [EVALUATION_SOURCE], bulk: false, watermarkName })
    const byRows = await rowsOf('estate_evaluation_facts')
    const streamed: string[] = []
    const bulk = await rebuildAllFacts({ pg, warehouse: spy(warehouse, { streamed }), sources: [EVALUATION_SOURCE], watermarkName })
    assert.deepEqual(streamed, ['estate_evaluation_facts_rebuild'])
    const byCopy = await rowsOf('estate_evaluation_facts')
    assert.lengthOf(byCopy, 7)
    assert.deepEqual(bulk.tables, paged.tables)
    const withoutRebuild = (row: Record<string, unknown>) => ({ ...row, changed_at: undefined, version: undefined })
    assert.deepEqual(byCopy.map(withoutRebuild), byRows.map(withoutRebuild))
    assert.sameMembers(byCopy.map((row) => row.estate_name as string), [...AWKWARD_NAMES, AWKWARD_NAMES[0]])
    assert.deepEqual(byCopy.map((row) => row.final_score), [82.33, 0, 0, 75.5, 100, 0.1, 59.99])
    assert.deepEqual([...new Set(byCopy.map((row) => row.district_name))], ['批量\t测试区'])
    // the rebuild's version and time: the outbox id and the snapshot's second
    assert.deepEqual([...new Set(byCopy.map((row) => row.version))], [bulk.version])
    const [{ at }] = await warehouse.query<{ at: string }>(sql`SELECT toString(toUnixTimestamp(changed_at)) AS at FROM estate_evaluation_facts FINAL WHERE estate_id = ${bind(estates[0], 'UInt32')} LIMIT 1`)
    assert.equal(Number(at), Math.floor(bulk.snapshotAt.getTime() / 1000))
    const result = await reconcile({ pg, warehouse, sources: [EVALUATION_SOURCE], watermarkName })
    assert.deepEqual(result.differences, [])
    assert.isAtLeast(result.checked, estates.length)
  })

  test('tables stream in parallel from one snapshot and are swapped in by ONE RENAME', async ({ assert }) => {
    await rebuildAllFacts({ pg, warehouse, sources: [EVALUATION_SOURCE, STREAMED_COPY, PAGED_COPY], watermarkName })
    await plantMarkers()
    assert.deepEqual(await markers(), Object.fromEntries(LIVE_TABLES.map((table) => [table, 1])))
    const commands: string[] = []
    const streamed: string[] = []
    const seenBeforeSwap: Array<Record<string, number>> = []
    // while the staging copies fill, readers of the live tables still see the old rows (the marker)
    const watched = spy(warehouse, { commands, streamed, beforeWrite: async () => void seenBeforeSwap.push(await markers()) })
    const result = await rebuildAllFacts({ pg, warehouse: watched, sources: [EVALUATION_SOURCE, STREAMED_COPY, PAGED_COPY], concurrency: 3, batchSize: 2, watermarkName })

    assert.isAtLeast(seenBeforeSwap.length, 3)
    for (const seen of seenBeforeSwap) assert.deepEqual(seen, Object.fromEntries(LIVE_TABLES.map((table) => [table, 1])))
    assert.sameMembers(streamed, ['estate_evaluation_facts_rebuild', 'evaluation_copy_facts_rebuild'])
    const renames = commands.filter((command) => command.startsWith('RENAME'))
    assert.deepEqual(renames, [
      'RENAME TABLE estate_evaluation_facts TO estate_evaluation_facts_replaced, estate_evaluation_facts_rebuild TO estate_evaluation_facts, ' +
        'evaluation_copy_facts TO evaluation_copy_facts_replaced, evaluation_copy_facts_rebuild TO evaluation_copy_facts, ' +
        'evaluation_copy_rollup TO evaluation_copy_rollup_replaced, evaluation_copy_rollup_rebuild TO evaluation_copy_rollup, ' +
        'evaluation_paged_facts TO evaluation_paged_facts_replaced, evaluation_paged_facts_rebuild TO evaluation_paged_facts',
    ])
    // after it: the old tables are gone, the new ones complete
    assert.deepEqual(await markers(), Object.fromEntries(LIVE_TABLES.map((table) => [table, 0])))
    assert.deepEqual(await leftovers(), [])
    assert.deepEqual(Object.keys(result.tables), ['estate_evaluation_facts', 'evaluation_copy_facts', 'evaluation_paged_facts'])
    for (const table of ['estate_evaluation_facts', 'evaluation_copy_facts', 'evaluation_paged_facts']) {
      const [{ n }] = await warehouse.query<{ n: string }>(sql`SELECT count() AS n FROM ${raw(table)}`)
      assert.equal(Number(n), result.tables[table], table)
    }
    assert.deepEqual(await rowsOf('evaluation_copy_facts'), await rowsOf('estate_evaluation_facts'))
    assert.deepEqual(await rowsOf('evaluation_paged_facts'), await rowsOf('estate_evaluation_facts'))
    // the rollup was computed from the new facts
    const rollup = await warehouse.query<{ estate_id: number; halves: string; score: number; version: string }>(
      sql`SELECT estate_id, halves, score, version FROM evaluation_copy_rollup FINAL WHERE has(${bind(estates, 'Array(UInt32)')}, estate_id) ORDER BY estate_id`,
    )
    assert.deepEqual(rollup.map((row) => [row.estate_id, Number(row.halves), row.score, row.version]), [
      [estates[0], 2, 82.33, result.version], [estates[1], 1, 0, result.version], [estates[2], 1, 75.5, result.version],
      [estates[3], 1, 100, result.version], [estates[4], 1, 0.1, result.version], [estates[5], 1, 59.99, result.version],
    ])
    assert.equal(await getWatermark(pgQueryFn(pg), watermarkName), result.version)
  })

  for (const [where, broken] of [['PostgreSQL (mid-stream)', failingInPostgres], ['ClickHouse (a refused row)', failingInClickHouse]] as const) {
    test(`a failure in ${where} leaves the live tables untouched and no staging table behind`, async ({ assert }) => {
      await plantMarkers()
      const before = Object.fromEntries(await Promise.all(LIVE_TABLES.map(async (table) => [table, await countOf(warehouse, table)])))
      const watermark = await getWatermark(pgQueryFn(pg), watermarkName)
      const streamedBytes: number[] = []
      const failing = spy(warehouse, { streamedBytes })
      const error = await rebuildAllFacts({ pg, warehouse: failing, sources: [STREAMED_COPY, broken(EVALUATION_SOURCE), PAGED_COPY], concurrency: 2, watermarkName }).then(
        () => undefined,
        (caught: unknown) => caught as Error,
      )
      assert.instanceOf(error, Error)
      assert.match(error!.message, where.startsWith('PostgreSQL') ? /division by zero/ : /Cannot parse|parse/i)
      if (where.startsWith('PostgreSQL')) assert.isAbove(Math.max(...streamedBytes), 1_000_000) // the failure came mid-stream
      assert.deepEqual(await leftovers(), [])
      assert.deepEqual(Object.fromEntries(await Promise.all(LIVE_TABLES.map(async (table) => [table, await countOf(warehouse, table)]))), before)
      assert.deepEqual(await markers(), Object.fromEntries(LIVE_TABLES.map((table) => [table, 1])))
      assert.equal(await getWatermark(pgQueryFn(pg), watermarkName), watermark)
      // nothing is left locked or half-open: the next rebuild runs and repairs everything
      await rebuildAllFacts({ pg, warehouse, sources: [EVALUATION_SOURCE, STREAMED_COPY, PAGED_COPY], watermarkName })
      assert.deepEqual(await markers(), Object.fromEntries(LIVE_TABLES.map((table) => [table, 0])))
      assert.deepEqual((await reconcile({ pg, warehouse, sources: [EVALUATION_SOURCE], watermarkName })).differences, [])
    })
  }
})

function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`
}

async function countOf(warehouse: Warehouse, table: string): Promise<number> {
  return Number((await warehouse.query<{ n: string }>(sql`SELECT count() AS n FROM ${raw(table)}`))[0].n)
}

/** The warehouse, recording what the rebuild asks of it (and running `beforeWrite` before each insert). */
function spy(
  warehouse: Warehouse,
  record: { commands?: string[]; streamed?: string[]; streamedBytes?: number[]; beforeWrite?: () => Promise<void> },
): RebuildOptions['warehouse'] {
  return {
    async command(statement: string) {
      record.commands?.push(statement)
      await warehouse.command(statement)
    },
    async insert(table, rows) {
      await record.beforeWrite?.()
      await warehouse.insert(table, rows)
    },
    async insertStream(table, columns, stream: Readable, format) {
      await record.beforeWrite?.()
      record.streamed?.push(table)
      const index = record.streamedBytes?.push(0) ?? 0
      // pipeline, not pipe: a failure on either side destroys both, as the ClickHouse client does with its body
      const counted = pipeline(stream, new Transform({
        transform(chunk: Buffer, _encoding, done) {
          if (record.streamedBytes) record.streamedBytes[index - 1] += chunk.length
          done(null, chunk)
        },
      }), () => {})
      await warehouse.insertStream!(table, columns, counted, format)
    },
  }
}
