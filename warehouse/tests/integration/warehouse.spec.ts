import { test } from '@japa/runner'
import { bind, createWarehouse, drillDown, dropDatabase, migrate, QueryError, sql, totals } from '../../src/index.ts'
import type { EstateFilingFactRow, Warehouse } from '../../src/index.ts'
import { scratchConfig } from '../helpers.ts'

const config = scratchConfig('wh_test')

type Fact = Omit<EstateFilingFactRow, 'changed_at' | 'version'>
const D = { district_id: 1, district_name: '南山区' }
const YUEHAI = { ...D, street_id: 10, street_name: '粤海街道' }
const SHAHE = { ...D, street_id: 11, street_name: '沙河街道' }
const fact = (street: typeof YUEHAI, community: [number, string], estate: [number, string], contract: Fact['contract_status'], assembly: Fact['assembly_status'], contractExpiresOn: string | null = null): Fact => ({
  ...street,
  community_id: community[0],
  community_name: community[1],
  estate_id: estate[0],
  estate_name: estate[1],
  contract_status: contract,
  contract_expires_on: contractExpiresOn,
  assembly_status: assembly,
})
const HAIZHU: [number, string] = [100, '海珠社区']
const GAOXIN: [number, string] = [101, '高新社区']
const BAISHI: [number, string] = [110, '白石洲社区']

const facts: Array<Fact & { version: number }> = [
  // estate 1000: version 1 not filed, version 5 filed → only version 5 counts
  { ...fact(YUEHAI, HAIZHU, [1000, '阳光花园'], 'not_filed', 'not_filed'), version: 1 },
  { ...fact(YUEHAI, HAIZHU, [1000, '阳光花园'], 'filed', 'filed'), version: 5 },
  { ...fact(YUEHAI, HAIZHU, [1001, "O'Brien Court"], 'expired', 'not_filed'), version: 2 },
  { ...fact(YUEHAI, GAOXIN, [1002, '科技园小区'], 'filed', 'not_filed'), version: 3 },
  // estate 1003: newer version moves filed → expired
  { ...fact(SHAHE, BAISHI, [1003, '白石洲一期'], 'filed', 'filed'), version: 4 },
  { ...fact(SHAHE, BAISHI, [1003, '白石洲一期'], 'expired', 'filed'), version: 9 },
  { ...fact(SHAHE, BAISHI, [1004, '白石洲二期'], 'not_filed', 'not_filed'), version: 6 },
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
    // Two inserts so the versions sit in different parts (FINAL must collapse them).
    await warehouse.insert('estate_filing_facts', facts.filter((_, i) => i % 2 === 0).map((f) => ({ ...f, changed_at: 1_700_000_000 + f.version, version: String(f.version) })))
    await warehouse.insert('estate_filing_facts', facts.filter((_, i) => i % 2 === 1).map((f) => ({ ...f, changed_at: 1_700_000_000 + f.version, version: String(f.version) })))
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
    const hostile = "'; DROP TABLE estate_filing_facts; --"
    await assert.rejects(() => drillDown(warehouse, { cube: 'estate_filings', metrics: ['estates'], dimensions: ['estate'], filters: { estate_id: hostile }, params: AS_OF }), QueryError)
    const rows = await warehouse.query(sql`SELECT estate_id FROM estate_filing_facts FINAL WHERE estate_name = ${bind(hostile, 'String')} OR estate_name = ${bind("\\' OR 1=1 --", 'String')}`)
    assert.lengthOf(rows, 0)
    const quoted = await warehouse.query<{ estate_id: number }>(sql`SELECT estate_id FROM estate_filing_facts FINAL WHERE estate_name = ${bind("O'Brien Court", 'String')}`)
    assert.deepEqual(quoted, [{ estate_id: 1001 }])
    const total = await totals(warehouse, { cube: 'estate_filings', metrics: ['estates'], params: AS_OF })
    assert.equal(total.estates, 5)
  })

  test('a contract stored filed is expired from the day after its last day, as of asOf', async ({ assert }) => {
    const FUTIAN = { district_id: 2, district_name: '福田区', street_id: 20, street_name: '园岭街道' }
    await warehouse.insert('estate_filing_facts', [
      { ...fact(FUTIAN, [200, '园岭一社区'], [2000, '到期花园'], 'filed', 'filed', '2026-11-30'), changed_at: 1_700_000_100, version: '100' },
      { ...fact(FUTIAN, [200, '园岭一社区'], [2001, '长约大厦'], 'filed', 'not_filed', '2029-01-01'), changed_at: 1_700_000_101, version: '101' },
      { ...fact(FUTIAN, [200, '园岭一社区'], [2002, '无期小区'], 'filed', 'not_filed'), changed_at: 1_700_000_102, version: '102' },
      { ...fact(FUTIAN, [200, '园岭一社区'], [2003, '旧约苑'], 'expired', 'not_filed', '2020-01-01'), changed_at: 1_700_000_103, version: '103' },
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
