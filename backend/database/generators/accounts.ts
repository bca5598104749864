import hash from '@adonisjs/core/services/hash'
import type { DataGenerator } from './types.ts'

/** The demo accounts `npm start` prints; all share DEMO_PASSWORD. */
export const DEMO_PASSWORD = 'Szpm@2026'

export const DEMO_ACCOUNTS = [
  { phone: '13800000000', name: '陈市管', role: 'city_admin', region: '深圳市' },
  { phone: '13800000001', name: '李区长', role: 'district_admin', region: '福田区' },
  { phone: '13800000002', name: '王主任', role: 'street_head', region: '园岭街道' },
  { phone: '13800000003', name: '张经办', role: 'street_handler', region: '园岭街道' },
  { phone: '13800000004', name: '刘书记', role: 'party_secretary', region: '园岭街道' },
  { phone: '13800000005', name: '赵经办', role: 'street_handler', region: '桂园街道' },
] as const

export const accounts: DataGenerator = {
  name: 'accounts',
  description: 'the demo accounts (one per role) with DEMO_PASSWORD',
  tables: ['users'],
  async run(ctx) {
    const password = await hash.make(DEMO_PASSWORD)
    const rows = DEMO_ACCOUNTS.map((account) => {
      const regionId = ctx.state.regionIds.get(account.region)
      if (regionId === undefined) throw new Error(`demo account ${account.phone}: region ${account.region} was not generated`)
      return [account.name, account.phone, password, account.role, regionId, 'active', ctx.now, ctx.now]
    })
    const written = await ctx.copy('users', ['name', 'phone', 'password', 'role', 'region_id', 'status', 'created_at', 'updated_at'], rows)
    return { users: written }
  },
}
