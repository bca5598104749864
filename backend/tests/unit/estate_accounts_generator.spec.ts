import { test } from '@japa/runner'
import pg from 'pg'
import hash from '@adonisjs/core/services/hash'
import { withClient as withOwnerClient } from '#tests/support/owner_client'
import { resetWorld } from '#tests/support/world'
import { GENERATORS, DEMO_ACCOUNTS, DEMO_PASSWORD, ESTATE_DEMO_ACCOUNTS, runGenerators } from '#database/generators/index'
import type { DataGenerator, Scale } from '#database/generators/index'

/** Two to three estates per community, so 园岭街道 always has the demo manager's two estates. */
const SMALL: Scale = {
  communitiesPerStreet: [1, 3],
  estatesPerCommunity: [2, 3],
  housesPerEstate: [5, 20],
  streets: ['园岭街道', '南园街道', '桂园街道'],
}

const withClient = <T>(fn: (client: pg.Client) => Promise<T>) => withOwnerClient(fn, 'szpm-estate-accounts-tests')

const query = <T = Record<string, any>>(sql: string) => withClient(async (client) => (await client.query(sql)).rows as T[])

/** Before the estate accounts: estate 2 takes estate 3's manager phone, estate 4 a government account's phone. */
const sharedAndTakenPhones: DataGenerator = {
  name: 'phones',
  description: 'a manager of two estates and a manager phone held by a government account',
  tables: [],
  async run(ctx) {
    const { rows } = await ctx.client.query<{ id: number }>(`SELECT id FROM estates WHERE street_id <> $1 ORDER BY id LIMIT 3`, [ctx.state.regionIds.get('园岭街道')])
    const [a, b, c] = rows.map((row) => row.id)
    await ctx.client.query(`UPDATE estates SET manager_phone = (SELECT manager_phone FROM estates WHERE id = $2), manager_name = (SELECT manager_name FROM estates WHERE id = $2) WHERE id = $1`, [a, b])
    await ctx.client.query(`UPDATE estates SET manager_phone = $2 WHERE id = $1`, [c, DEMO_ACCOUNTS[3].phone])
    return {}
  },
}

function withProbe(): DataGenerator[] {
  const at = GENERATORS.findIndex((generator) => generator.name === 'estate_accounts')
  return [...GENERATORS.slice(0, at), sharedAndTakenPhones, ...GENERATORS.slice(at)]
}

test.group('Demo generator · estate-side accounts', (group) => {
  group.each.timeout(60_000)
  group.teardown(async () => {
    await withClient((client) => client.query('TRUNCATE houses, owners RESTART IDENTITY CASCADE'))
    await resetWorld()
  })

  test('one 项目经理 per manager phone, one 业委会主任 per estate with a committee, every binding in user_estates', async ({ assert }) => {
    const result = await withClient((client) => runGenerators(withProbe(), { client, scale: SMALL, seed: 11, fresh: true }))
    assert.isFalse(result.skipped)

    const [expected] = await query(`
      SELECT count(DISTINCT manager_phone) FILTER (WHERE manager_phone NOT IN (SELECT phone FROM users WHERE role NOT IN ('project_manager', 'committee_director')))::int AS managers,
             count(*) FILTER (WHERE manager_phone NOT IN (SELECT phone FROM users WHERE role NOT IN ('project_manager', 'committee_director')))::int AS managed,
             count(*) FILTER (WHERE has_committee)::int AS committees
        FROM estates WHERE manager_name IS NOT NULL`)
    const [actual] = await query(`
      SELECT (SELECT count(*)::int FROM users WHERE role = 'project_manager') AS managers,
             (SELECT count(*)::int FROM user_estates WHERE relation = 'project_manager') AS managed,
             (SELECT count(*)::int FROM users WHERE role = 'committee_director') AS committees,
             (SELECT count(*)::int FROM user_estates WHERE relation = 'committee_director') AS directed`)
    assert.isAbove(expected.managers, 0)
    assert.isAbove(expected.committees, 0)
    assert.deepEqual(actual, { ...expected, directed: expected.committees })

    // each binding agrees with the estate's record: the manager's phone and name, the director's name
    const [mismatch] = await query(`
      SELECT count(*) FILTER (WHERE ue.relation = 'project_manager' AND (e.manager_phone <> u.phone OR u.role <> 'project_manager'))::int AS managers,
             count(*) FILTER (WHERE ue.relation = 'committee_director' AND (NOT e.has_committee OR e.committee_director IS DISTINCT FROM u.name OR u.role <> 'committee_director'))::int AS directors,
             (SELECT count(*)::int FROM estates WHERE has_committee AND committee_director IS NULL) AS unnamed_directors,
             (SELECT count(*)::int FROM users u2 WHERE u2.role IN ('project_manager', 'committee_director')
                AND u2.region_id <> (SELECT e2.community_id FROM user_estates ue2 JOIN estates e2 ON e2.id = ue2.estate_id WHERE ue2.user_id = u2.id ORDER BY e2.id LIMIT 1)) AS wrong_region
        FROM user_estates ue JOIN users u ON u.id = ue.user_id JOIN estates e ON e.id = ue.estate_id`)
    assert.deepEqual(mismatch, { managers: 0, directors: 0, unnamed_directors: 0, wrong_region: 0 })

    // the shared phone is one account with two estates; the government phone got no estate account
    const shared = await query(`SELECT u.phone, count(*)::int AS estates FROM users u JOIN user_estates ue ON ue.user_id = u.id
      WHERE u.role = 'project_manager' GROUP BY u.phone HAVING count(*) > 1 ORDER BY u.phone`)
    assert.includeDeepMembers(shared.map((row) => row.estates), [2])
    const government = await query(`SELECT role FROM users WHERE phone = '${DEMO_ACCOUNTS[3].phone}'`)
    assert.deepEqual(government, [{ role: 'street_handler' }])
    const [unopened] = await query(`SELECT count(*)::int AS n FROM estates e WHERE manager_phone = '${DEMO_ACCOUNTS[3].phone}'
      AND NOT EXISTS (SELECT 1 FROM user_estates ue WHERE ue.estate_id = e.id AND ue.relation = 'project_manager')`)
    assert.equal(unopened.n, 1)
    const [phones] = await query(`SELECT count(*)::int AS accounts, count(DISTINCT phone)::int AS phones FROM users`)
    assert.equal(phones.phones, phones.accounts)
    const [sequence] = await query(`SELECT (SELECT last_value FROM users_id_seq) = (SELECT max(id) FROM users) AS synced`)
    assert.isTrue(sequence.synced)
  })

  test('the two estate-side demo accounts sit in 园岭街道 with DEMO_PASSWORD: the manager of two estates, the director of one', async ({ assert }) => {
    await withClient((client) => runGenerators(GENERATORS, { client, scale: SMALL, seed: 11, fresh: true }))
    assert.deepEqual(ESTATE_DEMO_ACCOUNTS.map((account) => account.phone), ['13800000007', '13800000008'])
    const rows = await query(`
      SELECT u.phone, u.name, u.role, u.password, array_agg(e.id ORDER BY e.id) AS estates, bool_and(s.name = '园岭街道') AS in_street,
             bool_and(e.manager_phone = u.phone) AS manages, bool_and(e.has_committee AND e.committee_director = u.name) AS directs
        FROM users u JOIN user_estates ue ON ue.user_id = u.id JOIN estates e ON e.id = ue.estate_id JOIN regions s ON s.id = e.street_id
       WHERE u.phone IN ('13800000007', '13800000008') GROUP BY u.id ORDER BY u.phone`)
    assert.lengthOf(rows, 2)
    const [manager, director] = rows
    assert.deepInclude(manager, { phone: '13800000007', name: '周经理', role: 'project_manager', in_street: true, manages: true })
    assert.lengthOf(manager.estates, 2)
    assert.deepInclude(director, { phone: '13800000008', name: '吴主任', role: 'committee_director', in_street: true, directs: true })
    assert.lengthOf(director.estates, 1)
    for (const row of rows) assert.isTrue(await hash.verify(row.password, DEMO_PASSWORD))
    // no estate-side phone is a government account's
    const [clash] = await query(`SELECT count(*)::int AS n FROM users g JOIN estates e ON e.manager_phone = g.phone
      WHERE g.role NOT IN ('project_manager', 'committee_director', 'owner') AND EXISTS (SELECT 1 FROM user_estates ue WHERE ue.estate_id = e.id AND ue.relation = 'project_manager')`)
    assert.equal(clash.n, 0)
  })
})
