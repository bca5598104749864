/**
 * Every migration and every cube's compiled query in BOTH binding modes, on the same fixture data:
 *  - literal binding against the local ClickHouse 18.16 server (scratch database of the test slot);
 *  - server-side typed parameters (`{p0:Type}`) against ClickHouse 26.x in-process (npm `chdb`, an
 *    optional dependency that CI installs — when it is missing these tests FAIL, they never skip).
 *
 * Generic on purpose: the migrations are whatever is in migrations/, the tables are the ones the
 * cubes registry reads, fixture rows are generated from each table's `system.columns`, and every
 * cube × every metric × totals and every level × filters × params is compared. A new migration,
 * table or cube is picked up without editing this file; a column type the generator does not know
 * fails loudly, naming the table and column.
 */
import { test } from '@japa/runner'
import { createChdbWarehouse } from '../../src/chdb_warehouse.ts'
import { assertIdentifier, bind, createWarehouse, cubes, drillDown, drillDownWithTotals, dropDatabase, hierarchy, levels, listMigrations, migrate, modeForVersion, raw, sql, totals } from '../../src/index.ts'
import type { CompiledQuery, CubeDefinition, DrillDownQuery, Level, ScalarType, SqlFragment, Warehouse } from '../../src/index.ts'
import { scratchConfig } from '../helpers.ts'

const config = scratchConfig('two_modes')

type Target = { readonly label: string; readonly warehouse: Warehouse; readonly compiled: CompiledQuery[] }
type Targets = { readonly literal: Target; readonly server: Target; readonly migrated: { literal: number[]; server: number[] } }
type Column = { name: string; type: string }

/** Records every compiled query a target runs (to check the SQL each mode really sent). */
function recording(label: string, warehouse: Warehouse): Target {
  const compiled: CompiledQuery[] = []
  const query = async <T,>(query: CompiledQuery | SqlFragment): Promise<T[]> => {
    if (typeof (query as CompiledQuery).sql === 'string') compiled.push(query as CompiledQuery)
    return warehouse.query<T>(query)
  }
  return { label, compiled, warehouse: { ...warehouse, query } }
}

// ---------------------------------------------------------------------------------------------
// Fixtures, generated from the schema
// ---------------------------------------------------------------------------------------------

/** district 1..2 → 2 streets → 2 communities → 3 estates each (24 estates), names sort apart from ids. */
type Place = Record<string, number | string>
const PLACES: Place[] = []
for (let d = 1; d <= 2; d++)
  for (let s = 1; s <= 2; s++)
    for (let c = 1; c <= 2; c++)
      for (let e = 1; e <= 3; e++) {
        const street = d * 10 + s
        const community = street * 10 + c
        const estate = community * 10 + e
        PLACES.push({
          district_id: d, district_name: `${3 - d}区`,
          street_id: street, street_name: `街道${(s * 7) % 3}-${street}`,
          community_id: community, community_name: `社区${community % 7}`,
          estate_id: estate, estate_name: e === 2 ? `O'Brien 苑 ${estate}` : `小区${estate}`,
        })
      }
const HIERARCHY_COLUMNS = new Set<string>(hierarchy.flatMap((level) => [level.idColumn, level.nameColumn]))
const ROWS_PER_PLACE = 4
const AS_OF_VALUES = ['2026-07-01', '2026-02-15']

const LITERAL = /'((?:[^'\\]|\\.)*)'/g
const unquote = (text: string): string[] => [...text.matchAll(LITERAL)].map((match) => match[1].replace(/\\(.)/g, '$1'))

/** The trusted SQL of the cubes reading `table` (metrics and join). */
function cubeSql(table: string): string[] {
  return Object.values(cubes)
    .filter((cube) => tablesOf(cube).includes(table))
    .flatMap((cube) => [cube.join ?? '', ...Object.values(cube.metrics).map((metric) => metric.sql)])
}

/**
 * String values for `table.column`: the literals the cubes compare that column with (`column = 'x'`,
 * `column IN ('x', 'y')`), else every literal in those cubes' SQL — plus '' and a value with a quote,
 * a backslash and Chinese text.
 */
const pools = new Map<string, string[]>()
function stringPool(table: string, column: string): string[] {
  const key = `${table}.${column}`
  if (!pools.has(key)) pools.set(key, computePool(table, column))
  return pools.get(key) as string[]
}

function computePool(table: string, column: string): string[] {
  const texts = cubeSql(table)
  const name = column.replace(/[^A-Za-z0-9_]/g, '')
  const compared = new Set<string>()
  for (const text of texts) {
    for (const match of text.matchAll(new RegExp(`\\b${name}\\s*(?:=|!=|<>)\\s*('(?:[^'\\\\]|\\\\.)*')`, 'g'))) unquote(match[1]).forEach((v) => compared.add(v))
    for (const match of text.matchAll(new RegExp(`\\b${name}\\s+(?:NOT\\s+)?IN\\s*\\(([^)]*)\\)`, 'gi'))) unquote(match[1]).forEach((v) => compared.add(v))
  }
  const pool = compared.size > 0 ? compared : new Set(texts.flatMap(unquote))
  return [...pool, '', "含'引号\\与中文"]
}

function day(offset: number): string {
  return new Date(Date.UTC(2026, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10)
}

/** A well-mixed deterministic hash of (row, column), so the columns of a row vary independently. */
function mix(i: number, c: number): number {
  let h = Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(c + 7, 0x85ebca77)
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d)
  h = Math.imul(h ^ (h >>> 12), 0x297a2d39)
  return (h ^ (h >>> 15)) >>> 0
}

/** A deterministic value of `type` for row `i`, column number `c`; throws for a type it does not know. */
function valueFor(table: string, column: Column, type: string, i: number, c: number): unknown {
  const wrapped = /^(Nullable|LowCardinality)\((.+)\)$/.exec(type)
  if (wrapped) {
    if (wrapped[1] === 'Nullable' && mix(i, c + 100) % 5 === 0) return null
    return valueFor(table, column, wrapped[2], i, c)
  }
  const h = mix(i, c)
  const n = (i * 37 + c * 11) % 101 // numbers step through every residue: scores, areas, counts of every size
  // 物业项目风险预警 reads the latest day only: every row on one day, each level in turn
  if (table === 'estate_risk_daily' && column.name === 'day') return day(200)
  // (the rows of one estate share that day and collapse to one: the level varies by estate)
  if (table === 'estate_risk_daily' && column.name === 'level') return ['red', 'orange', 'yellow', 'green'][Math.floor(i / ROWS_PER_PLACE) % 4]
  if (type === 'UInt8') return h % 3
  if (type === 'Bool') return h % 2 === 0
  if (/^U?Int(16|32|64|128|256)$/.test(type)) return type.startsWith('U') ? n : n - 50
  if (type === 'Int8') return (h % 100) - 50
  // x.5: sums and averages of these are exact in binary floating point, whatever the summation order
  if (/^(Float(32|64)|Decimal.*)$/.test(type)) return n + 0.5
  if (type === 'String' || /^FixedString/.test(type)) {
    const pool = stringPool(table, column.name)
    return pool[h % pool.length]
  }
  if (type === 'Date' || type === 'Date32') return day(h % 365)
  if (/^DateTime(64)?(\(.*\))?$/.test(type)) return `${day(h % 365)} ${String(h % 24).padStart(2, '0')}:30:00`
  const enumeration = /^Enum(8|16)\((.+)\)$/.exec(type)
  if (enumeration) {
    const names = [...enumeration[2].matchAll(/'((?:[^'\\]|\\.)*)'\s*=/g)].map((m) => m[1])
    return names[h % names.length]
  }
  // days (UInt32) around the asOf values, so a count over the array as of either differs; other arrays empty
  if (type === 'Array(UInt32)') return [20_450 + n * 2, 20_600 + (h % 80)]
  // other arrays: two elements too, so the parallel arrays of a rollup row (credit_estate_totals) have equal sizes
  const array = /^Array\((.+)\)$/.exec(type)
  // The first element of a rollup row's record arrays always counts (decided early in the year, valid
  // until late; its code 1–13 steps through credit_category_codes' 13 categories row by row), the
  // second is arbitrary — so every metric of credit_estate_totals is non-zero somewhere.
  if (array?.[1] === 'UInt8') return [(i % 13) + 1, n % 14]
  if (array?.[1] === 'Date') return column.name.includes('valid') ? [day(300 + (h % 60)), day(h % 365)] : [day(h % 40), day(h % 365)]
  if (array) return [valueFor(table, column, array[1], i, c), valueFor(table, column, array[1], i + 1, c)]
  throw new Error(
    `two-mode fixtures: no value generator for ${table}.${column.name} of type ${type} — extend valueFor() in tests/integration/two_modes.spec.ts`,
  )
}

type TableShape = { columns: Column[]; engine: string; sortingKey: string[]; versionColumn: string | null; signColumn: string | null }

async function tableShape(warehouse: Warehouse, table: string): Promise<TableShape> {
  const columns = await warehouse.query<Column>(
    sql`SELECT name, type FROM system.columns WHERE database = currentDatabase() AND table = ${bind(table, 'String')}`,
  )
  const [meta] = await warehouse.query<{ engine: string; engine_full: string; sorting_key: string }>(
    sql`SELECT engine, engine_full, sorting_key FROM system.tables WHERE database = currentDatabase() AND name = ${bind(table, 'String')}`,
  )
  if (!meta) throw new Error(`table ${table} (read by a cube) does not exist after the migrations`)
  const version = /^Replacing\w*MergeTree\((\w+)/.exec(meta.engine_full)
  const sign = /^(?:Versioned)?CollapsingMergeTree\((\w+)/.exec(meta.engine_full)
  return {
    signColumn: sign ? sign[1] : null,
    columns,
    engine: meta.engine,
    sortingKey: meta.sorting_key.split(',').map((part) => part.trim()).filter(Boolean),
    versionColumn: version ? version[1] : null,
  }
}

/**
 * Rows for a table: ROWS_PER_PLACE per estate, plus (ReplacingMergeTree) a first batch of superseded
 * rows with the same sorting key and a lower version, inserted as a separate part: FINAL must drop them.
 */
function fixtureRows(table: string, shape: TableShape): { superseded: Record<string, unknown>[]; current: Record<string, unknown>[] } {
  const row = (i: number, place: Place): Record<string, unknown> => {
    const out: Record<string, unknown> = {}
    shape.columns.forEach((column, c) => {
      if (HIERARCHY_COLUMNS.has(column.name)) {
        if (!(column.name in place)) throw new Error(`two-mode fixtures: no hierarchy value for ${table}.${column.name}`)
        out[column.name] = place[column.name]
      } else if (column.name === shape.versionColumn) {
        out[column.name] = 1_000_000 + i
      } else if (column.name === shape.signColumn) {
        out[column.name] = 1
      } else {
        out[column.name] = valueFor(table, column, column.type, i, c)
      }
    })
    return out
  }
  const current = PLACES.flatMap((place, p) => Array.from({ length: ROWS_PER_PLACE }, (_, k) => row(p * ROWS_PER_PLACE + k, place)))
  if (!shape.engine.startsWith('Replacing')) return { superseded: [], current }
  const superseded = current
    .filter((_, i) => i % 2 === 0)
    .map((keep, j) => {
      const other = row(current.length + j * 7 + 3, PLACES[j % PLACES.length])
      const stale: Record<string, unknown> = { ...other }
      for (const column of shape.columns) if (shape.sortingKey.includes(column.name) || HIERARCHY_COLUMNS.has(column.name)) stale[column.name] = keep[column.name]
      if (shape.versionColumn) stale[shape.versionColumn] = j + 1
      return stale
    })
  return { superseded, current }
}

// ---------------------------------------------------------------------------------------------
// Queries: every cube × metric × totals / level × filters × params
// ---------------------------------------------------------------------------------------------

/** The tables a cube reads: its table and every table its `join` SQL reads. */
function tablesOf(cube: CubeDefinition): string[] {
  const joined = [...(cube.join ?? '').matchAll(/\b(?:FROM|JOIN)\s+([A-Za-z_][A-Za-z0-9_]*)/gi)].map((match) => match[1])
  return [cube.table, ...joined]
}
const FACT_TABLES = [...new Set(Object.values(cubes).flatMap(tablesOf))]

function paramSets(cube: CubeDefinition): Array<Record<string, unknown> | undefined> {
  const declared = Object.entries(cube.params ?? {})
  if (declared.length === 0) return [undefined]
  const values = (name: string, type: ScalarType): unknown[] => {
    if (type === 'Date') return AS_OF_VALUES
    if (type === 'DateTime') return AS_OF_VALUES.map((value) => `${value} 12:00:00`)
    if (type === 'String') return ["含'引号", '']
    if (type === 'Float64') return [50.5, 0]
    if (/^U?Int/.test(type)) return [1, 2]
    throw new Error(`two-mode queries: no test values for param ${cube.name}.${name} of type ${type}`)
  }
  return [0, 1].map((k) => Object.fromEntries(declared.map(([name, definition]) => {
    const list = values(name, definition.type)
    return [name, list[k % list.length]]
  })))
}

function filterSets(cube: CubeDefinition, sample: Record<string, unknown>, other: Record<string, unknown>): Array<Record<string, number | string> | undefined> {
  const sets: Array<Record<string, number | string> | undefined> = [undefined]
  for (const level of hierarchy) sets.push({ [level.idColumn]: other[level.idColumn] as number })
  const extra = Object.entries(cube.filters ?? {})
  for (const [key, filter] of extra) sets.push({ [key]: sample[filter.column] as number | string })
  if (extra.length > 0) {
    sets.push({ district_id: sample.district_id as number, ...Object.fromEntries(extra.map(([key, filter]) => [key, sample[filter.column] as number | string])) })
  }
  sets.push({ district_id: 4_294_967_295 }) // matches nothing: empty groups, zero counts, null averages
  return sets
}

type Case = { readonly kind: 'totals' | Level; readonly query: DrillDownQuery }

function cases(cube: CubeDefinition, sample: Record<string, unknown>, other: Record<string, unknown>): Case[] {
  const metrics = Object.keys(cube.metrics)
  const out: Case[] = []
  // the levels the cube's table carries (a cube may stop above the estate: CubeDefinition.leaf)
  const deepest = cube.leaf ? levels.indexOf(cube.leaf) : levels.length - 1
  const kinds: Array<'totals' | Level> = ['totals', ...levels.filter((_, index) => index <= deepest)]
  for (const params of paramSets(cube)) {
    for (const filters of filterSets(cube, sample, other)) {
      for (const kind of kinds) {
        out.push({ kind, query: { cube: cube.name, metrics, ...(kind === 'totals' ? {} : { dimensions: [kind] }), ...(filters ? { filters } : {}), ...(params ? { params } : {}) } })
      }
    }
  }
  // each metric alone (aliases of the other metrics are not in scope), totals and one level
  const [params] = paramSets(cube)
  for (const metric of metrics) {
    for (const kind of ['totals', 'street'] as const) {
      out.push({ kind, query: { cube: cube.name, metrics: [metric], ...(kind === 'totals' ? {} : { dimensions: [kind] }), filters: { district_id: sample.district_id as number }, ...(params ? { params } : {}) } })
    }
  }
  return out
}

async function run(target: Target, item: Case): Promise<unknown> {
  try {
    return item.kind === 'totals' ? await totals(target.warehouse, item.query) : await drillDown(target.warehouse, item.query)
  } catch (error) {
    throw new Error(`${target.label}: ${item.kind} ${JSON.stringify(item.query)} failed: ${(error as Error).message}`, { cause: error })
  }
}

/** Bindings a query carries: hierarchy / extra filters plus every declared param. */
function bindingCount(query: DrillDownQuery): number {
  return Object.values(query.filters ?? {}).filter((value) => value !== undefined && value !== null).length + Object.keys(query.params ?? {}).length
}

// ---------------------------------------------------------------------------------------------

test.group('two binding modes: literal on ClickHouse 18.16, server-side parameters on 26.x (chdb)', (group) => {
  let ready: Promise<Targets> | undefined
  const opened: Warehouse[] = []
  const samples: Record<string, { sample: Record<string, unknown>; other: Record<string, unknown> }> = {}
  const loaded: Record<string, number> = {}
  const shapes: Record<string, TableShape> = {}

  /** Opens, migrates and loads both targets once; a failure (e.g. chdb not installed) fails every test with its message. */
  const targets = (): Promise<Targets> => {
    ready ??= (async () => {
      await dropDatabase(config)
      const migratedLiteral = await migrate(config)
      const http = createWarehouse(config)
      opened.push(http)
      const embedded = await createChdbWarehouse({ database: 'szpm_two_modes' })
      opened.push(embedded)
      const migratedServer = await migrate(embedded).catch((error: Error) => {
        throw new Error(`a migration does not run on ClickHouse 26.x (chdb): ${error.message}`, { cause: error })
      })
      const literal = recording(`literal (ClickHouse ${await http.serverVersion()})`, http)
      const server = recording(`server (chdb, ClickHouse ${await embedded.serverVersion()})`, embedded)
      for (const table of FACT_TABLES) {
        const shape = await tableShape(embedded, table)
        shapes[table] = shape
        const rows = fixtureRows(table, shape)
        for (const target of [http, embedded]) {
          await target.insert(table, rows.superseded)
          await target.insert(table, rows.current)
        }
        samples[table] = { sample: rows.current[0], other: rows.current[rows.current.length - 1] }
        loaded[table] = rows.superseded.length + rows.current.length
      }
      return {
        literal,
        server,
        migrated: { literal: migratedLiteral.applied.map((m) => m.version), server: migratedServer.applied.map((m) => m.version) },
      }
    })()
    return ready
  }

  group.setup(() => async () => {
    for (const warehouse of opened.reverse()) await warehouse.close()
    await dropDatabase(config)
  })

  test('the targets: 18.16 compiles literals, chdb runs ClickHouse >= 26 with server-side parameters', async ({ assert }) => {
    const { literal, server } = await targets()
    const oldVersion = await literal.warehouse.serverVersion()
    const newVersion = await server.warehouse.serverVersion()
    assert.equal(await literal.warehouse.compileMode(), 'literal', `local server ${oldVersion}`)
    assert.equal(modeForVersion(oldVersion), 'literal')
    assert.isAtLeast(Number(newVersion.split('.')[0]), 26, `chdb engine ${newVersion}`)
    assert.equal(await server.warehouse.compileMode(), 'server')
  })

  test('every migration applies on both, giving the same tables and columns', async ({ assert }) => {
    const { literal, server, migrated } = await targets()
    const all = (await listMigrations()).map((m) => m.version)
    assert.isAbove(all.length, 0)
    assert.deepEqual(migrated.literal, all)
    assert.deepEqual(migrated.server, all)
    const schema = async (warehouse: Warehouse) =>
      warehouse.query<{ table: string; name: string; type: string }>(
        sql`SELECT table, name, type FROM system.columns WHERE database = currentDatabase() ORDER BY table, name`,
      )
    const literalSchema = await schema(literal.warehouse)
    assert.deepEqual(await schema(server.warehouse), literalSchema)
    const tables = new Set(literalSchema.map((column) => column.table))
    for (const table of FACT_TABLES) assert.isTrue(tables.has(table), `cube table ${table} is created by the migrations`)
  })

  test('the fixtures load the same rows into every fact table the cubes read', async ({ assert }) => {
    const { literal, server } = await targets()
    assert.isAbove(FACT_TABLES.length, 0)
    for (const table of FACT_TABLES) {
      // FINAL for the engines that collapse rows (background merges may already have collapsed some)
      const final = /^(Replacing|Collapsing|VersionedCollapsing)/.test(shapes[table].engine) ? ' FINAL' : ''
      const from = raw(`${assertIdentifier(table, 'table')}${final}`)
      const count = (warehouse: Warehouse) => warehouse.query<{ total: unknown }>(sql`SELECT count() AS total FROM ${from}`)
      const [a] = await count(literal.warehouse)
      const [b] = await count(server.warehouse)
      assert.equal(Number(b.total), Number(a.total), table)
      assert.isAbove(Number(a.total), 0, table)
      assert.isAtMost(Number(a.total), loaded[table], table)
    }
  })

  for (const cube of Object.values(cubes)) {
    test(`cube ${cube.name}: every metric, totals and every level, with and without filters and params — same results`, async ({ assert }) => {
      const { literal, server } = await targets()
      const { sample, other } = samples[cube.table]
      const list = cases(cube, sample, other)
      const nonZero = new Set<string>()
      for (const item of list) {
        const before = { literal: literal.compiled.length, server: server.compiled.length }
        const [a, b] = [await run(literal, item), await run(server, item)]
        assert.deepEqual(b, a, `${item.kind} ${JSON.stringify(item.query)}`)

        // the SQL each mode really sent
        const sentLiteral = literal.compiled.slice(before.literal)
        const sentServer = server.compiled.slice(before.server)
        assert.lengthOf(sentLiteral, 1)
        assert.lengthOf(sentServer, 1)
        assert.equal(sentLiteral[0].mode, 'literal')
        assert.notMatch(sentLiteral[0].sql, /\{p\d+:/)
        assert.deepEqual(sentLiteral[0].params, {})
        assert.equal(sentServer[0].mode, 'server')
        const bindings = bindingCount(item.query)
        assert.lengthOf(Object.keys(sentServer[0].params), bindings)
        if (bindings > 0) assert.match(sentServer[0].sql, /\{p0:[A-Za-z0-9()]+\}/)
        for (const value of Object.values(item.query.params ?? {})) {
          if (typeof value === 'string') assert.notInclude(sentServer[0].sql, value, 'a bound param value must not be in the server-mode SQL text')
        }

        for (const row of Array.isArray(a) ? a : [a]) {
          for (const [key, value] of Object.entries(row as Record<string, unknown>)) {
            if (key !== 'id' && key !== 'name' && typeof value === 'number' && value !== 0) nonZero.add(key)
          }
        }
      }
      // the fixtures exercise every metric (a metric that is 0 everywhere would compare nothing)
      assert.sameMembers([...nonZero].sort(), Object.keys(cube.metrics).sort(), `metrics of ${cube.name} with a non-zero value somewhere`)
    }).timeout(120_000)
  }

  for (const cube of Object.values(cubes)) {
    test(`cube ${cube.name}: rows and totals from one round trip (WITH TOTALS) equal the two separate queries, on both engines`, async ({ assert }) => {
      const { literal, server } = await targets()
      const { sample, other } = samples[cube.table]
      const grouped = cases(cube, sample, other).filter((item) => item.kind !== 'totals')
      assert.isAbove(grouped.length, 0)
      for (const target of [literal, server]) {
        for (const item of grouped) {
          const combined = await drillDownWithTotals(target.warehouse, item.query)
          const rows = await drillDown(target.warehouse, item.query)
          const total = await totals(target.warehouse, { ...item.query, dimensions: undefined })
          assert.deepEqual(combined, { rows, totals: total }, `${target.label}: ${item.kind} ${JSON.stringify(item.query)}`)
        }
      }
    }).timeout(120_000)
  }
})
