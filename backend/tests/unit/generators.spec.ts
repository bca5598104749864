import { test } from '@japa/runner'
import { withClient } from '#tests/support/owner_client'
import clock from '#services/clock'
import { resetWorld } from '#tests/support/world'
import { GENERATORS, DEMO_ACCOUNTS, DEMO_PASSWORD, SCALES, runGenerators } from '#database/generators/index'
import type { DataGenerator, Scale } from '#database/generators/index'
import { copyLine, copyText } from '#database/generators/copy'
import { idNumber, idNumberCheckDigit, isValidIdNumber, SYNTHETIC_MARKER } from '#database/generators/names'
import { createRandom } from '#database/generators/random'
import { DISTRICT_CENTRES, SCATTER } from '#database/generators/estates'
import { planHouses } from '#database/generators/houses_and_owners'

/** A few streets, a handful of estates with a few dozen houses each: the whole pipeline in ~1 s. */
const TINY: Scale = {
  communitiesPerStreet: [1, 3],
  estatesPerCommunity: [1, 3],
  housesPerEstate: [5, 60],
  streets: ['园岭街道', '南园街道', '桂园街道', '粤海街道'],
}
const TABLES = ['regions', 'estates', 'houses', 'owners', 'filings', 'filing_events', 'users', 'evaluation_periods', 'evaluations', 'workflow_events', 'todos']

const generate = (seed: number, generators: readonly DataGenerator[] = GENERATORS, fresh = true) =>
  withClient((client) => runGenerators(generators, { client, scale: TINY, seed, fresh }))

async function one<T = Record<string, any>>(sql: string): Promise<T> {
  return withClient(async (client) => (await client.query(sql)).rows[0] as T)
}

async function counts(): Promise<Record<string, number>> {
  return withClient(async (client) => {
    const out: Record<string, number> = {}
    for (const table of TABLES) out[table] = Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n)
    return out
  })
}

/** md5 over a few columns of every generated table. */
async function checksums() {
  return one<Record<string, string>>(`
    SELECT
      (SELECT md5(string_agg(concat_ws('|', name, level, parent_id), ',' ORDER BY id)) FROM regions) AS regions,
      (SELECT md5(string_agg(concat_ws('|', name, address, estate_type, lng, lat, building_area, house_count, household_count, manager_name, manager_phone), ',' ORDER BY id)) FROM estates) AS estates,
      (SELECT md5(string_agg(concat_ws('|', estate_id, building, unit, number, building_area, house_use, owner_id), ',' ORDER BY id)) FROM houses) AS houses,
      (SELECT md5(string_agg(concat_ws('|', name, phone, id_number), ',' ORDER BY id)) FROM owners) AS owners,
      (SELECT md5(string_agg(concat_ws('|', estate_id, kind, status, document_no, filed_on, expires_on), ',' ORDER BY id)) FROM filings) AS filings,
      (SELECT md5(string_agg(concat_ws('|', estate_id, year, half, state, submitted_score, final_score), ',' ORDER BY id)) FROM evaluations) AS evaluations`)
}

const failing = (after: number): DataGenerator[] => [
  ...GENERATORS.slice(0, after),
  { name: 'boom', description: 'fails midway', tables: [], run: async () => { throw new Error('boom') } },
  ...GENERATORS.slice(after),
]

test.group('City generator · pure parts', () => {
  test('COPY text escaping of backslash, tab, newline, carriage return and null', ({ assert }) => {
    assert.equal(copyText('a\tb\\c\nd\re'), 'a\\tb\\\\c\\nd\\re')
    assert.equal(copyText(null), '\\N')
    assert.equal(copyText(undefined), '\\N')
    assert.equal(copyText('\\N'), '\\\\N')
    assert.equal(copyText(true), 't')
    assert.equal(copyText(12.5), '12.5')
    assert.equal(copyText('园岭演示一社区'), '园岭演示一社区')
    assert.equal(copyLine(['x', null, 3]), 'x\t\\N\t3\n')
    assert.throws(() => copyText(Number.NaN))
  })

  test('ID numbers: 18 digits with the GB 11643 check character', ({ assert }) => {
    assert.equal(idNumberCheckDigit('11010519491231002'), 'X')
    assert.isTrue(isValidIdNumber('11010519491231002X'))
    assert.isFalse(isValidIdNumber('110105194912310021'))
    assert.isFalse(isValidIdNumber('1101051949123100'))
    const r = createRandom(7)
    for (let i = 0; i < 10_000; i++) {
      const value = idNumber(r)
      assert.isTrue(isValidIdNumber(value), value)
    }
  })

  test('a house plan is deterministic, unique per 栋/单元/房号 and within the scale', ({ assert }) => {
    for (let index = 0; index < 200; index++) {
      const estate = { index, estateType: ['住宅', '商业', '办公', '混合'][index % 4] }
      const first = [...planHouses(42, estate, SCALES.city)]
      const again = [...planHouses(42, estate, SCALES.city)]
      assert.deepEqual(first, again)
      assert.isAtLeast(first.length, SCALES.city.housesPerEstate[0])
      assert.isAtMost(first.length, SCALES.city.housesPerEstate[1])
      const keys = new Set(first.map((house) => `${house.building}/${house.unit}/${house.number}`))
      assert.equal(keys.size, first.length)
      for (const house of first) assert.isAbove(house.areaCents, 0)
    }
  })

  test('demo accounts and password keep their published values', ({ assert }) => {
    assert.equal(DEMO_PASSWORD, 'Szpm@2026')
    assert.deepEqual(DEMO_ACCOUNTS.map((account) => account.phone), ['13800000000', '13800000001', '13800000002', '13800000003', '13800000004', '13800000005', '13800000006'])
  })
})

test.group('City generator · pipeline on the test database', (group) => {
  group.each.timeout(60_000)
  group.teardown(async () => {
    // resetWorld empties the tables it owns (houses via CASCADE); owners are ours to clear
    await withClient((client) => client.query('TRUNCATE houses, owners RESTART IDENTITY CASCADE'))
    await resetWorld()
  })

  test('the same seed builds the same city; another seed a different one', async ({ assert }) => {
    await generate(11)
    const first = await checksums()
    await generate(11)
    assert.deepEqual(await checksums(), first)
    await generate(12)
    const other = await checksums()
    for (const key of ['estates', 'houses', 'owners', 'filings']) assert.notEqual(other[key], first[key], key)
    // the real region tree is the same whatever the seed; only the community counts may differ
    assert.isNotNull(first.regions)
  })

  test('the real 10 districts and 74 streets; every generated place is marked synthetic', async ({ assert }) => {
    const result = await generate(11)
    assert.isFalse(result.skipped)
    const levels = await withClient(async (client) => (await client.query(`SELECT level, count(*)::int AS n FROM regions GROUP BY level`)).rows)
    const byLevel = Object.fromEntries(levels.map((row) => [row.level, row.n]))
    assert.equal(byLevel.city, 1)
    assert.equal(byLevel.district, 10)
    assert.equal(byLevel.street, 74)
    assert.isAtLeast(byLevel.community, TINY.streets!.length)
    const unmarked = await one(`
      SELECT (SELECT count(*)::int FROM regions WHERE level = 'community' AND name NOT LIKE '%${SYNTHETIC_MARKER}%') AS communities,
             (SELECT count(*)::int FROM estates WHERE name NOT LIKE '%${SYNTHETIC_MARKER}%' OR company_name NOT LIKE '%${SYNTHETIC_MARKER}%') AS estates`)
    assert.deepEqual(unmarked, { communities: 0, estates: 0 })
    const bad = await one(`
      SELECT (SELECT count(*)::int FROM owners WHERE phone !~ '^1[3-9][0-9]{9}$' OR name !~ '^[\u4e00-\u9fff]{2,4}$') AS owners,
             (SELECT count(*)::int FROM estates WHERE manager_phone !~ '^1[3-9][0-9]{9}$') AS managers`)
    assert.deepEqual(bad, { owners: 0, managers: 0 })
  })

  test('estate house_count / household_count / building_area equal the sums over their houses', async ({ assert }) => {
    await generate(11)
    const row = await one(`
      SELECT count(*)::int AS estates,
             count(*) FILTER (WHERE e.house_count <> COALESCE(a.houses, 0) OR e.household_count <> COALESCE(a.households, 0)
                                OR e.building_area <> COALESCE(a.area, 0))::int AS mismatched,
             count(*) FILTER (WHERE e.house_count = 0)::int AS empty,
             sum(e.house_count)::int AS houses, (SELECT count(*)::int FROM houses) AS house_rows
        FROM estates e
        LEFT JOIN (SELECT estate_id, count(*) AS houses, count(owner_id) AS households, sum(building_area) AS area
                     FROM houses GROUP BY estate_id) a ON a.estate_id = e.id`)
    assert.isAbove(row.estates, 0)
    assert.equal(row.mismatched, 0)
    assert.equal(row.empty, 0)
    assert.equal(row.houses, row.house_rows)
    const owners = await one(`
      SELECT (SELECT count(*)::int FROM owners) AS owners,
             (SELECT count(DISTINCT owner_id)::int FROM houses) AS referenced,
             (SELECT count(*)::int FROM houses WHERE owner_id IS NULL) AS unowned,
             (SELECT count(*)::int FROM (SELECT owner_id FROM houses WHERE owner_id IS NOT NULL GROUP BY owner_id HAVING count(*) > 1) m) AS multi`)
    assert.equal(owners.referenced, owners.owners, 'every owner owns at least one house')
    assert.isAbove(owners.unowned, 0)
    assert.isAbove(owners.multi, 0)
  })

  test('owner ID numbers carry a valid check digit; estates lie in their district', async ({ assert }) => {
    await generate(11)
    const { ids, estates } = await withClient(async (client) => ({
      ids: (await client.query<{ id_number: string }>('SELECT id_number FROM owners')).rows.map((row) => row.id_number),
      estates: (await client.query(`SELECT e.lng, e.lat, d.name AS district FROM estates e JOIN regions d ON d.id = e.district_id`)).rows,
    }))
    assert.isAbove(ids.length, 0)
    for (const id of ids) assert.isTrue(isValidIdNumber(id), id)
    for (const estate of estates) {
      const [lng, lat] = DISTRICT_CENTRES[estate.district]
      assert.isAtMost(Math.abs(estate.lng - lng), SCATTER[0] + 1e-9)
      assert.isAtMost(Math.abs(estate.lat - lat), SCATTER[1] + 1e-9)
    }
  })

  test('the sequences continue after the generated ids', async ({ assert }) => {
    await generate(11)
    const row = await one(`
      SELECT (SELECT last_value FROM houses_id_seq) = (SELECT max(id) FROM houses) AS houses,
             (SELECT last_value FROM owners_id_seq) = (SELECT max(id) FROM owners) AS owners,
             (SELECT last_value FROM estates_id_seq) = (SELECT max(id) FROM estates) AS estates,
             (SELECT last_value FROM regions_id_seq) = (SELECT max(id) FROM regions) AS regions,
             (SELECT last_value FROM filings_id_seq) = (SELECT max(id) FROM filings) AS filings`)
    assert.deepEqual(row, { houses: true, owners: true, estates: true, regions: true, filings: true })
  })

  test('without --fresh an existing city is left alone', async ({ assert }) => {
    await generate(11)
    const before = await checksums()
    const result = await generate(12, GENERATORS, false)
    assert.isTrue(result.skipped)
    assert.deepEqual(await checksums(), before)
  })

  test('a generator failing midway rolls everything back (including --fresh truncation)', async ({ assert }) => {
    await generate(11)
    const before = { sums: await checksums(), counts: await counts() }
    await assert.rejects(() => generate(12, failing(3)), 'boom')
    assert.deepEqual({ sums: await checksums(), counts: await counts() }, before)

    await withClient((client) => client.query(`TRUNCATE ${TABLES.join(', ')}, outbox_events, etl_watermarks RESTART IDENTITY CASCADE`))
    for (const after of [1, 3, GENERATORS.length]) {
      await assert.rejects(() => generate(11, failing(after), false), 'boom')
      assert.deepEqual(Object.values(await counts()), TABLES.map(() => 0), `failure after ${after} generator(s)`)
    }
  })

  test('filings agree with the date rule as of the generator\'s clock; assemblies never expire', async ({ assert }) => {
    try {
      // a demo started at any date: the statuses agree with the dates as the platform reads them that day
      for (const moment of ['2026-11-30T10:00:00+08:00', '2024-06-15T10:00:00+08:00', '2030-03-01T00:00:05+08:00']) {
        clock.travelTo(moment)
        const today = clock.today()
        await generate(11)
        const row = await one(`
          SELECT count(*) FILTER (WHERE kind = 'contract' AND status = 'filed')::int AS filed,
                 count(*) FILTER (WHERE kind = 'contract' AND status = 'expired')::int AS expired,
                 count(*) FILTER (WHERE kind = 'contract' AND status = 'filed' AND (expires_on IS NULL OR expires_on < '${today}'))::int AS filed_but_over,
                 count(*) FILTER (WHERE kind = 'contract' AND status = 'expired' AND (expires_on IS NULL OR expires_on >= '${today}'))::int AS expired_but_running,
                 count(*) FILTER (WHERE kind = 'assembly' AND (status = 'expired' OR expires_on IS NOT NULL))::int AS assembly_expiring,
                 count(*) FILTER (WHERE filed_on > '${today}' OR expires_on <= filed_on)::int AS bad_dates,
                 count(*) FILTER (WHERE effective_filing_status(kind, status, expires_on, '${today}') <> status)::int AS read_differently
            FROM filings`)
        assert.isAbove(row.filed, 0, moment)
        assert.isAbove(row.expired, 0, moment)
        assert.deepInclude(row, { filed_but_over: 0, expired_but_running: 0, assembly_expiring: 0, bad_dates: 0, read_differently: 0 }, moment)
      }
    } finally {
      clock.reset()
    }
  })

  test('nothing is generated in the future of the generator\'s clock: records, events, to-dos', async ({ assert }) => {
    // early in an open window's day, on its first minutes, and seconds after a window closed
    try {
      for (const moment of ['2026-12-10T08:00:00+08:00', '2026-12-01T00:05:00+08:00', '2026-07-01T00:00:10+08:00', '2026-06-20T12:30:00+08:00']) {
        clock.travelTo(moment)
        await generate(11)
        // the clock runs on: nothing may be later than the moment generation finished
        const now = clock.now().toISO()!
        const future = await one(`
          SELECT (SELECT count(*)::int FROM todos WHERE created_at > '${now}' OR closed_at > '${now}') AS todos,
                 (SELECT count(*)::int FROM workflow_events WHERE created_at > '${now}') AS workflow_events,
                 (SELECT count(*)::int FROM evaluations WHERE created_at > '${now}' OR updated_at > '${now}' OR submitted_at > '${now}' OR reviewed_at > '${now}') AS evaluations,
                 (SELECT count(*)::int FROM evaluation_periods WHERE opened_at > '${now}' OR closed_at > '${now}') AS periods,
                 (SELECT count(*)::int FROM filings WHERE created_at > '${now}' OR updated_at > '${now}' OR filed_on > ('${now}'::timestamptz AT TIME ZONE 'Asia/Shanghai')::date) AS filings,
                 (SELECT count(*)::int FROM filing_events WHERE created_at > '${now}') AS filing_events,
                 (SELECT count(*)::int FROM estates WHERE created_at > '${now}') AS estates,
                 (SELECT count(*)::int FROM users WHERE created_at > '${now}') AS users`)
        assert.deepEqual(future, { todos: 0, workflow_events: 0, evaluations: 0, periods: 0, filings: 0, filing_events: 0, estates: 0, users: 0 }, `${moment}: ${JSON.stringify(future)}`)
        const open = await one(`SELECT count(*)::int AS n FROM todos WHERE closed_at IS NULL`)
        if (moment.startsWith('2026-12') || moment.startsWith('2026-06')) assert.isAbove(open.n, 0, `${moment}: an open window has work waiting`)
      }
    } finally {
      clock.reset()
    }
  })

  test('COPY round-trips tabs, backslashes and newlines', async ({ assert }) => {
    const tricky = 'tab\there\\back\nnew\rline \\N'
    let readBack: string | undefined
    const probe: DataGenerator = {
      name: 'probe',
      description: 'writes and reads a tricky owner, then aborts',
      tables: [],
      async run(ctx) {
        const id = await ctx.firstId('owners')
        await ctx.copy('owners', ['id', 'name', 'phone', 'id_number'], [[id, tricky, '13800000000', '11010519491231002X']])
        readBack = (await ctx.client.query('SELECT name FROM owners WHERE id = $1', [id])).rows[0].name
        throw new Error('rollback')
      },
    }
    await assert.rejects(() => generate(11, [probe]), 'rollback')
    assert.equal(readBack, tricky)
  })
})
