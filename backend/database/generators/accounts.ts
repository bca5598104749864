import hash from '@adonisjs/core/services/hash'
import type { DataGenerator } from './types.ts'
import { featuresOf, isGrantedRole } from '#services/roles'
import { assertPasswordPolicy } from '#modules/users/password_validator'

/** The demo accounts `npm start` prints; all share DEMO_PASSWORD. */
export const DEMO_PASSWORD = 'Szpm@2026'

export const DEMO_ACCOUNTS = [
  { phone: '13800000000', name: '陈市管', role: 'city_admin', region: '深圳市' },
  { phone: '13800000001', name: '李区长', role: 'district_admin', region: '福田区' },
  { phone: '13800000002', name: '王主任', role: 'street_head', region: '园岭街道' },
  { phone: '13800000003', name: '张经办', role: 'street_handler', region: '园岭街道' },
  { phone: '13800000004', name: '刘书记', role: 'party_secretary', region: '园岭街道' },
  { phone: '13800000005', name: '赵经办', role: 'street_handler', region: '桂园街道' },
  // community staff of the street's first community (街道社区评价: they score, the street handler reviews)
  { phone: '13800000006', name: '孙社区', role: 'community_handler', region: '园岭街道', firstCommunity: true },
] as const

export const accounts: DataGenerator = {
  name: 'accounts',
  description: 'the demo accounts (one per role) with DEMO_PASSWORD',
  tables: ['users', 'user_features'],
  async run(ctx) {
    assertPasswordPolicy(DEMO_PASSWORD)
    const password = await hash.make(DEMO_PASSWORD)
    const rows = DEMO_ACCOUNTS.map((account) => {
      const streetOrOther = ctx.state.regionIds.get(account.region)
      const regionId = 'firstCommunity' in account
        ? ctx.state.communities.find((community) => community.streetId === streetOrOther)?.id
        : streetOrOther
      if (regionId === undefined) throw new Error(`demo account ${account.phone}: region ${account.region} was not generated`)
      return [account.name, account.phone, password, account.role, regionId, 'active', ctx.now, ctx.now]
    })
    const written = await ctx.copy('users', ['name', 'phone', 'password', 'role', 'region_id', 'status', 'created_at', 'updated_at'], rows)
    // 功能权限 of the accounts a street head presets: their role's defaults (权限管理)
    let grants = 0
    for (const account of DEMO_ACCOUNTS) {
      if (!isGrantedRole(account.role)) continue
      const { rowCount } = await ctx.client.query(
        `INSERT INTO user_features (user_id, feature, granted_at)
         SELECT u.id, f.feature, $2 FROM users u CROSS JOIN unnest($3::text[]) AS f(feature) WHERE u.phone = $1`,
        [account.phone, ctx.now, featuresOf(account.role)]
      )
      grants += rowCount ?? 0
    }
    return { users: written, user_features: grants }
  },
}
