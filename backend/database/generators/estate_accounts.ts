import hash from '@adonisjs/core/services/hash'
import type { CopyValue } from './copy.ts'
import type { DataGenerator } from './types.ts'
import { DEMO_PASSWORD } from './accounts.ts'
import { assertPasswordPolicy } from '#modules/users/password_validator'

/**
 * The two estate-side demo accounts `npm start` prints (DEMO_PASSWORD), both in 园岭街道: a 项目经理 of
 * the street's first two estates and the 业委会主任 of its first estate with an owners' committee.
 * The generator writes their name and phone into those estates too, so the estate page agrees.
 */
export const ESTATE_DEMO_ACCOUNTS = [
  { phone: '13800000007', name: '周经理', role: 'project_manager', region: '园岭街道', estates: 2 },
  { phone: '13800000008', name: '吴主任', role: 'committee_director', region: '园岭街道', estates: 1 },
] as const

interface EstateRow {
  id: number
  community_id: number
  street_id: number
  manager_name: string | null
  manager_phone: string | null
  has_committee: boolean
}

interface Account {
  id: number
  name: string
  phone: string
  role: 'project_manager' | 'committee_director'
  estateIds: number[]
  regionId: number
}

/**
 * Estate-side accounts (issue 14): one 项目经理 account per managed estate, keyed by
 * `estates.manager_phone` (a phone managing several estates is one account with several
 * `user_estates` rows), and one 业委会主任 per estate with an owners' committee (a generated name,
 * written to `estates.committee_director`, and a generated phone unique among all accounts and
 * managers). A manager phone already held by a government account gets no account (its estates
 * stay 未开设 in 用户统计), so no two accounts ever share a number. `users.region_id` is the
 * community of the account's first estate. Written with COPY (≈ 5,600 + 3,000 at city scale).
 * Passwords: every account shares DEMO_PASSWORD (hashed once); they bind through WeChat on the H5.
 */
export const estateAccounts: DataGenerator = {
  name: 'estate_accounts',
  description: 'project managers and owners\' committee directors, bound to their estates (user_estates)',
  tables: ['user_estates'],
  async run(ctx) {
    assertPasswordPolicy(DEMO_PASSWORD)
    const password = await hash.make(DEMO_PASSWORD)
    const people = ctx.people()
    const { rows: estates } = await ctx.client.query<EstateRow>(
      `SELECT id, community_id, street_id, manager_name, manager_phone, has_committee FROM estates ORDER BY id`
    )
    const { rows: taken } = await ctx.client.query<{ phone: string }>(`SELECT phone FROM users`)
    const governmentPhones = new Set(taken.map((row) => row.phone))

    // the demo accounts take over their estates' 项目经理 / 业委会主任 (园岭街道's first estates)
    const street = ctx.state.regionIds.get('园岭街道')
    const demoManager = ESTATE_DEMO_ACCOUNTS[0]
    const demoDirector = ESTATE_DEMO_ACCOUNTS[1]
    const inStreet = estates.filter((estate) => estate.street_id === street)
    for (const estate of inStreet.slice(0, demoManager.estates)) {
      estate.manager_name = demoManager.name
      estate.manager_phone = demoManager.phone
    }
    const directed = inStreet.find((estate) => estate.has_committee)
    if (inStreet.length < demoManager.estates) ctx.log(`estate_accounts: 园岭街道 has ${inStreet.length} estate(s); the demo 项目经理 manages them all`)
    if (!directed) ctx.log('estate_accounts: no estate of 园岭街道 has an owners\' committee; no demo 业委会主任')

    let nextId = await ctx.firstId('users')
    const accounts: Account[] = []
    // 项目经理: one account per manager phone, in estate order
    const byPhone = new Map<string, Account>()
    let skipped = 0
    for (const estate of estates) {
      if (!estate.manager_name || !estate.manager_phone) continue
      if (governmentPhones.has(estate.manager_phone)) {
        skipped++
        continue
      }
      let account = byPhone.get(estate.manager_phone)
      if (!account) {
        account = { id: nextId++, name: estate.manager_name, phone: estate.manager_phone, role: 'project_manager', estateIds: [], regionId: estate.community_id }
        byPhone.set(estate.manager_phone, account)
        accounts.push(account)
      }
      account.estateIds.push(estate.id)
    }
    if (skipped) ctx.log(`estate_accounts: ${skipped} estate(s) whose manager phone is a government account's get no 项目经理 account`)

    // 业委会主任: one per estate with a committee, a phone no account or manager uses
    const used = new Set([...governmentPhones, ...estates.map((estate) => estate.manager_phone).filter((phone): phone is string => Boolean(phone))])
    used.add(demoDirector.phone)
    const uniquePhone = () => {
      let phone = people.phone()
      while (used.has(phone)) phone = people.phone()
      used.add(phone)
      return phone
    }
    const directorNames: [number, string][] = []
    for (const estate of estates) {
      if (!estate.has_committee) continue
      const demo = estate === directed
      const name = demo ? demoDirector.name : people.name()
      accounts.push({ id: nextId++, name, phone: demo ? demoDirector.phone : uniquePhone(), role: 'committee_director', estateIds: [estate.id], regionId: estate.community_id })
      directorNames.push([estate.id, name])
    }

    // the estates' own record of who manages / directs them
    const managed = inStreet.slice(0, demoManager.estates).map((estate) => estate.id)
    if (managed.length) {
      await ctx.client.query(`UPDATE estates SET manager_name = $2, manager_phone = $3 WHERE id = ANY($1::int[])`, [managed, demoManager.name, demoManager.phone])
    }
    if (directorNames.length) {
      await ctx.client.query(
        `UPDATE estates e SET committee_director = d.name FROM unnest($1::int[], $2::text[]) AS d(id, name) WHERE e.id = d.id`,
        [directorNames.map(([id]) => id), directorNames.map(([, name]) => name)]
      )
    }

    const bar = ctx.progress.start('estate accounts', accounts.length, 'accounts')
    const { now } = ctx
    function* userRows(): Generator<CopyValue[]> {
      for (const account of accounts) {
        yield [account.id, account.name, account.phone, password, account.role, account.regionId, 'active', 0, now, now]
        bar.increment()
      }
    }
    const users = await ctx.copy('users', ['id', 'name', 'phone', 'password', 'role', 'region_id', 'status', 'failed_logins', 'created_at', 'updated_at'], userRows())
    bar.stop()
    await ctx.syncSequence('users')
    function* bindings(): Generator<CopyValue[]> {
      for (const account of accounts) for (const estateId of account.estateIds) yield [account.id, estateId, account.role, now]
    }
    const userEstates = await ctx.copy('user_estates', ['user_id', 'estate_id', 'relation', 'created_at'], bindings())
    const managers = accounts.filter((account) => account.role === 'project_manager').length
    ctx.log(`estate_accounts: ${managers} 项目经理, ${accounts.length - managers} 业委会主任, ${userEstates} bindings`)
    return { 'users (project managers)': managers, 'users (committee directors)': users - managers, user_estates: userEstates }
  },
}
