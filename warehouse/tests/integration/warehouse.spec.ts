import { test } from '@japa/runner'
import { bind, createWarehouse, drillDown, dropDatabase, migrate, QueryError, sql, totals } from '../../src/index.ts'
import type { EstatePlace, FilingFactRow, Warehouse } from '../../src/index.ts'
import { scratchConfig } from '../helpers.ts'

const config = scratchConfig('wh_test')

/**
 * 备案情况 fixtures: the estates (estate_profile_facts, the estate dimension the cube starts from) and
 * their filings at record grain (filing_facts), each with the version of the outbox event that wrote it.
 */
type Region = Pick<EstatePlace, 'district_id' | 'district_name' | 'street_id' | 'street_name'>
const D = { district_id: 1, district_name: '南山区' }
const YUEHAI: Region = { ...D, street_id: 10, street_name: '粤海街道' }
const SHAHE: Region = { ...D, street_id: 11, street_name: '沙河街道' }
const HAIZHU: [number, string] = [100, '海珠社区']
const GAOXIN: [number, string] = [101, '高新社区']
const BAISHI: [number, string] = [110, '白石洲社区']
const estate = (street: Region, community: [number, string], [estate_id, estate_name]: [number, string], version: number) => ({
  ...street, community_id: community[0], community_name: community[1], estate_id, estate_name, changed_at: 1_700_000_000 + version, version: String(version),
})
let filingVersion = 0
const filing = (estate_id: number, filing_id: number, kind: FilingFactRow['kind'], status: FilingFactRow['status'], filed_on: string, expires_on: string | null = null, version = ++filingVersion): FilingFactRow => ({
  estate_id, filing_id, kind, status, filed_on, expires_on, changed_at: 1_700_000_000 + version, version: String(version),
})

const estates = [
  estate(YUEHAI, HAIZHU, [1000, '阳光花园'], 1),
  estate(YUEHAI, HAIZHU, [1001, "O'Brien Court"], 1),
  // 1002 was moved from 沙河 to 粤海 (a newer profile version): it counts where it is now
  estate(SHAHE, BAISHI, [1002, '科技园小区'], 1),
  estate(YUEHAI, GAOXIN, [1002, '科技园小区'], 3),
  estate(SHAHE, BAISHI, [1003, '白石洲一期'], 1),
  // 1004 has no filing at all: not filed, both kinds
  estate(SHAHE, BAISHI, [1004, '白石洲二期'], 1),
]
const filings: FilingFactRow[] = [
  // 1000: contract withdrawn (v1), then renewed to filed (v5, the same filing) → filed; a newer
  // withdrawn contract never counts; assembly filed
  filing(1000, 1, 'contract', 'withdrawn', '2020-01-01', null, 1),
  filing(1000, 1, 'contract', 'filed', '2020-01-01', null, 5),
  filing(1000, 12, 'contract', 'withdrawn', '2026-01-01'),
  filing(1000, 2, 'assembly', 'filed', '2020-02-01'),
  // 1001: two contracts filed the same day → the higher id decides (expired); the assembly filing was withdrawn
  filing(1001, 3, 'contract', 'filed', '2023-01-01', '2030-12-31'),
  filing(1001, 11, 'contract', 'expired', '2023-01-01', '2023-12-31'),
  filing(1001, 4, 'assembly', 'withdrawn', '2023-02-01'),
  // 1002: two contracts → the later one decides, open-ended (the older one's last day must not leak into it)
  filing(1002, 5, 'contract', 'filed', '2024-01-01', '2024-12-31'),
  filing(1002, 6, 'contract', 'filed', '2025-01-01', null),
  // 1003: filed (v) then expired (a newer version of the same filing); assembly filed
  filing(1003, 7, 'contract', 'filed', '2022-01-01', null, 20),
  filing(1003, 7, 'contract', 'expired', '2022-01-01', null, 21),
  filing(1003, 8, 'assembly', 'filed', '2022-03-01'),
]

/** the estate_filings cube reads the contract state as of a date */
const AS_OF = { asOf: '2026-12-01' }
const METRICS = ['estates', 'contractFiled', 'contractExpired', 'contractNotFiled', 'contractRate', 'assemblyFiled', 'assemblyNotFiled', 'assemblyRate']

test.group('warehouse against ClickHouse', (group) => {
  let warehouse: Warehouse

  group.setup(async () => {
    await dropDatabase(config)
    const first = await migrate(config)
    if (!first.applied.some((m) => m.name === 'estate_filing_facts')) throw new Error('first migration not applied')
    warehouse = createWarehouse(config)
    // Two inserts each so the versions sit in different parts (FINAL must collapse them).
    for (const part of [0, 1]) {
      await warehouse.insert('estate_profile_facts', estates.filter((_, i) => i % 2 === part))
      await warehouse.insert('filing_facts', filings.filter((_, i) => i % 2 === part))
    }
    return async () => {
      await warehouse.close()
      await dropDatabase(config)
    }
  })

  test('migrate is idempotent and records versions', async ({ assert }) => {
    const again = await migrate(config)
    assert.lengthOf(again.applied, 0)
    assert.include(again.alreadyApplied, 1)
    const rows = await warehouse.query<{ name: string }>(sql`SELECT name FROM schema_migrations WHERE version = ${bind(1, 'UInt32')}`)
    assert.deepEqual(rows, [{ name: 'estate_filing_facts' }])
  })

  test('备案情况 facts are one row per filing (ReplacingMergeTree by estate, filing); the per-estate table is gone', async ({ assert }) => {
    const tables = await warehouse.query<{ name: string; engine_full: string; sorting_key: string }>(
      sql`SELECT name, engine_full, sorting_key FROM system.tables WHERE database = currentDatabase() AND name IN ('filing_facts', 'estate_filing_facts')`,
    )
    assert.lengthOf(tables, 1)
    assert.equal(tables[0].name, 'filing_facts')
    assert.match(tables[0].engine_full, /^ReplacingMergeTree\(version\)/)
    assert.equal(tables[0].sorting_key.replace(/\s/g, ''), 'estate_id,filing_id')
    const [{ n }] = await warehouse.query<{ n: string }>(sql`SELECT count() AS n FROM filing_facts FINAL`)
    assert.equal(Number(n), new Set(filings.map((f) => f.filing_id)).size)
  })

  test('serverVersion is detected', async ({ assert }) => {
    const version = await warehouse.serverVersion()
    assert.match(version, /^\d+\.\d+/)
    assert.equal(await warehouse.compileMode(), Number(version.split('.')[0]) >= 20 ? 'server' : 'literal')
  })

  test('drill district → street', async ({ assert }) => {
    const rows = await drillDown(warehouse, { cube: 'estate_filings', metrics: METRICS, dimensions: ['street'], filters: { district_id: 1 }, params: AS_OF })
    // ordered by name: 沙河街道 < 粤海街道 in ClickHouse's byte order
    const byId = Object.fromEntries(rows.map((row) => [row.id, row]))
    assert.lengthOf(rows, 2)
    assert.deepEqual(byId[10], {
      id: 10, name: '粤海街道', estates: 3, contractFiled: 2, contractExpired: 1, contractNotFiled: 0, contractRate: 2 / 3,
      assemblyFiled: 1, assemblyNotFiled: 2, assemblyRate: 1 / 3,
    })
    assert.deepEqual(byId[11], {
      id: 11, name: '沙河街道', estates: 2, contractFiled: 0, contractExpired: 1, contractNotFiled: 1, contractRate: 0,
      assemblyFiled: 1, assemblyNotFiled: 1, assemblyRate: 0.5,
    })
    assert.deepEqual(rows.map((row) => row.name), [...rows.map((row) => row.name)].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))))
  })

  test('drill street → community → estate', async ({ assert }) => {
    const communities = await drillDown(warehouse, { cube: 'estate_filings', metrics: ['estates', 'contractFiled', 'contractRate'], dimensions: ['community'], filters: { street_id: 10 }, params: AS_OF })
    assert.deepEqual(communities, [
      { id: 100, name: '海珠社区', estates: 2, contractFiled: 1, contractRate: 0.5 },
      { id: 101, name: '高新社区', estates: 1, contractFiled: 1, contractRate: 1 },
    ])
    const estates = await drillDown(warehouse, { cube: 'estate_filings', metrics: ['estates', 'contractFiled', 'assemblyFiled'], dimensions: ['estate'], filters: { street_id: 10, community_id: 100 }, params: AS_OF })
    assert.deepEqual(estates, [
      { id: 1001, name: "O'Brien Court", estates: 1, contractFiled: 0, assemblyFiled: 0 },
      { id: 1000, name: '阳光花园', estates: 1, contractFiled: 1, assemblyFiled: 1 },
    ])
  })

  test('totals use the same filters and count only the latest version', async ({ assert }) => {
    assert.deepEqual(await totals(warehouse, { cube: 'estate_filings', metrics: METRICS, filters: { district_id: 1 }, params: AS_OF }), {
      estates: 5, contractFiled: 2, contractExpired: 2, contractNotFiled: 1, contractRate: 0.4,
      assemblyFiled: 2, assemblyNotFiled: 3, assemblyRate: 0.4,
    })
    assert.deepEqual(await totals(warehouse, { cube: 'estate_filings', metrics: ['estates', 'contractRate'], filters: { street_id: 999 }, params: AS_OF }), { estates: 0, contractRate: 0 })
  })

  test('hostile strings: rejected as filters, harmless as bound strings, table intact', async ({ assert }) => {
    const hostile = "'; DROP TABLE filing_facts; --"
    await assert.rejects(() => drillDown(warehouse, { cube: 'estate_filings', metrics: ['estates'], dimensions: ['estate'], filters: { estate_id: hostile }, params: AS_OF }), QueryError)
    const rows = await warehouse.query(sql`SELECT estate_id FROM estate_profile_facts FINAL WHERE estate_name = ${bind(hostile, 'String')} OR estate_name = ${bind("\\' OR 1=1 --", 'String')}`)
    assert.lengthOf(rows, 0)
    const quoted = await warehouse.query<{ estate_id: number }>(sql`SELECT estate_id FROM estate_profile_facts FINAL WHERE estate_name = ${bind("O'Brien Court", 'String')}`)
    assert.deepEqual(quoted, [{ estate_id: 1001 }])
    const total = await totals(warehouse, { cube: 'estate_filings', metrics: ['estates'], params: AS_OF })
    assert.equal(total.estates, 5)
  })

  test('a contract stored filed is expired from the day after its last day, as of asOf', async ({ assert }) => {
    const FUTIAN = { district_id: 2, district_name: '福田区', street_id: 20, street_name: '园岭街道' }
    const YUANLING1: [number, string] = [200, '园岭一社区']
    await warehouse.insert('estate_profile_facts', [
      estate(FUTIAN, YUANLING1, [2000, '到期花园'], 100),
      estate(FUTIAN, YUANLING1, [2001, '长约大厦'], 100),
      estate(FUTIAN, YUANLING1, [2002, '无期小区'], 100),
      estate(FUTIAN, YUANLING1, [2003, '旧约苑'], 100),
    ])
    await warehouse.insert('filing_facts', [
      filing(2000, 200, 'contract', 'filed', '2025-12-01', '2026-11-30'),
      filing(2000, 201, 'assembly', 'filed', '2025-12-01'),
      filing(2001, 202, 'contract', 'filed', '2026-01-01', '2029-01-01'),
      filing(2002, 203, 'contract', 'filed', '2026-01-01'),
      filing(2003, 204, 'contract', 'expired', '2019-01-01', '2020-01-01'),
    ])
    const on = (asOf: string) =>
      totals(warehouse, { cube: 'estate_filings', metrics: ['estates', 'contractFiled', 'contractExpired', 'contractNotFiled', 'contractRate', 'assemblyFiled'], filters: { district_id: 2 }, params: { asOf } })
    assert.deepEqual(await on('2026-11-30'), { estates: 4, contractFiled: 3, contractExpired: 1, contractNotFiled: 0, contractRate: 0.75, assemblyFiled: 1 })
    assert.deepEqual(await on('2026-12-01'), { estates: 4, contractFiled: 2, contractExpired: 2, contractNotFiled: 0, contractRate: 0.5, assemblyFiled: 1 })
    const estates = await drillDown(warehouse, { cube: 'estate_filings', metrics: ['contractFiled', 'contractExpired'], dimensions: ['estate'], filters: { community_id: 200 }, params: { asOf: '2029-01-02' } })
    const byId = estates.map((row) => [row.id, row.contractFiled, row.contractExpired]).sort((a, b) => Number(a[0]) - Number(b[0]))
    assert.deepEqual(byId, [[2000, 0, 1], [2001, 0, 1], [2002, 1, 0], [2003, 0, 1]])
  })

  test('hostile strings round-trip exactly through the server', async ({ assert }) => {
    const samples = ["'; DROP TABLE x; --", 'a\\b', "\\'", "\\\\'", '中文 社区', 'nul\0byte', 'line\nbreak\r\ttab', '\u0001\u001f\u007f', 'trailing\\', '🏠']
    for (const sample of samples) {
      const rows = await warehouse.query<{ s: string }>(sql`SELECT ${bind(sample, 'String')} AS s`)
      assert.deepEqual(rows, [{ s: sample }], JSON.stringify(sample))
    }
    const arrays = await warehouse.query<{ a: string[]; d: string }>(sql`SELECT ${bind(["x'", '\\'], 'Array(String)')} AS a, ${bind('2024-02-29', 'Date')} AS d`)
    assert.deepEqual(arrays, [{ a: ["x'", '\\'], d: '2024-02-29' }])
  })
})
