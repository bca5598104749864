import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import { syncWarehouse } from '#tests/support/warehouse'
import { featuresOf, isGrantedRole, type RoleCode } from '#services/roles'
import EvaluationPeriodService from '#modules/evaluations/evaluation_period_service'
import { resetLoginGuard } from '#modules/sessions/login_guard'

/**
 * A small, fixed world every suite can reason about exactly:
 *
 *   深圳市(1) ─ 福田区(2) ─ 园岭街道(4) ─ 园岭一社区(7): e1 合同已备案+大会已备案, e2 合同已过期
 *            │                        └ 园岭二社区(8): e3 大会已备案, e6 无备案
 *            │           └ 南园街道(5) ─ 南园一社区(9): e4 合同已备案
 *            └ 罗湖区(3) ─ 桂园街道(6) ─ 桂园一社区(10): e5 合同+大会已备案
 *
 * Estate N has 100·N houses of 100 m² in the house register, 90·N of them with an owner.
 * Estate-side accounts (their scope is USER_ESTATES, not a region): 项目经理 `manager` of e1 and e3
 * (both 园岭), 业委会主任 `director` of e1, and 项目经理 `nanyuanManager` of e4 (南园).
 */
export const R = { city: 1, futian: 2, luohu: 3, yuanling: 4, nanyuan: 5, guiyuan: 6, yl1: 7, yl2: 8, ny1: 9, gy1: 10 } as const
export const E = { e1: 1, e2: 2, e3: 3, e4: 4, e5: 5, e6: 6 } as const
export const PASSWORD = 'Test@2026pw'

export const USERS = {
  city: { id: 1, phone: '13900000001', role: 'city_admin', region: R.city, name: '市管理员' },
  futian: { id: 2, phone: '13900000002', role: 'district_admin', region: R.futian, name: '福田区局' },
  luohu: { id: 3, phone: '13900000003', role: 'district_admin', region: R.luohu, name: '罗湖区局' },
  head: { id: 4, phone: '13900000004', role: 'street_head', region: R.yuanling, name: '园岭负责人' },
  handler: { id: 5, phone: '13900000005', role: 'street_handler', region: R.yuanling, name: '园岭经办人' },
  party: { id: 6, phone: '13900000006', role: 'party_secretary', region: R.yuanling, name: '园岭书记' },
  nanyuan: { id: 7, phone: '13900000007', role: 'street_handler', region: R.nanyuan, name: '南园经办人' },
  guiyuan: { id: 8, phone: '13900000008', role: 'street_handler', region: R.guiyuan, name: '桂园经办人' },
  community: { id: 9, phone: '13900000009', role: 'community_handler', region: R.yl1, name: '园岭一社区经办' },
  // estate-side accounts: region = the community of their first estate (display only)
  manager: { id: 10, phone: '13900000010', role: 'project_manager', region: R.yl1, name: '园岭项目经理' },
  director: { id: 11, phone: '13900000011', role: 'committee_director', region: R.yl1, name: '翠园业委会主任' },
  nanyuanManager: { id: 12, phone: '13900000012', role: 'project_manager', region: R.ny1, name: '南园项目经理' },
} as const

/** The estates each estate-side account answers for (`user_estates`): its whole data scope. */
export const USER_ESTATES = {
  manager: { relation: 'project_manager', estates: [E.e1, E.e3] },
  director: { relation: 'committee_director', estates: [E.e1] },
  nanyuanManager: { relation: 'project_manager', estates: [E.e4] },
} as const satisfies Partial<Record<string, { relation: string; estates: readonly number[] }>>

export type WorldUser = keyof typeof USERS

/** the active 评分模板 (id 1): six items whose weights equal their max scores (sum 100) */
export const TEMPLATE = {
  id: 1,
  items: [
    { key: 'service', name: '物业服务质量', description: '日常服务达标情况', maxScore: 25, weight: 25 },
    { key: 'facilities', name: '设施设备维护', description: '共用设施设备维护', maxScore: 20, weight: 20 },
    { key: 'safety', name: '安全管理', description: '消防与安全隐患整改', maxScore: 20, weight: 20 },
    { key: 'complaints', name: '投诉处理', description: '投诉响应与办结', maxScore: 15, weight: 15 },
    { key: 'community', name: '配合社区工作', description: '配合社区各项工作', maxScore: 10, weight: 10 },
    { key: 'disclosure', name: '信息公开', description: '按规定公示信息', maxScore: 10, weight: 10 },
  ],
} as const

let passwordHash: string | null = null

export async function resetWorld() {
  passwordHash ??= await hash.make(PASSWORD)
  // wrong passwords of earlier tests (all from loopback) must not make later logins ask for a CAPTCHA
  await resetLoginGuard()
  const now = new Date()
  // as the schema owner: the application's role may not TRUNCATE (nor RESTART IDENTITY)
  await db.connection('owner').transaction(async (trx) => {
    await trx.rawQuery(`TRUNCATE todos, workflow_events, evaluations, evaluation_periods, evaluation_templates,
      filing_events, filings, outbox_events, etl_watermarks, users, houses, owners, estates, regions RESTART IDENTITY CASCADE`)
    await trx.table('regions').multiInsert([
      { id: R.city, parent_id: null, level: 'city', name: '深圳市', district_id: null, street_id: null },
      { id: R.futian, parent_id: R.city, level: 'district', name: '福田区', district_id: null, street_id: null },
      { id: R.luohu, parent_id: R.city, level: 'district', name: '罗湖区', district_id: null, street_id: null },
      { id: R.yuanling, parent_id: R.futian, level: 'street', name: '园岭街道', district_id: R.futian, street_id: null },
      { id: R.nanyuan, parent_id: R.futian, level: 'street', name: '南园街道', district_id: R.futian, street_id: null },
      { id: R.guiyuan, parent_id: R.luohu, level: 'street', name: '桂园街道', district_id: R.luohu, street_id: null },
      { id: R.yl1, parent_id: R.yuanling, level: 'community', name: '园岭一社区', district_id: R.futian, street_id: R.yuanling },
      { id: R.yl2, parent_id: R.yuanling, level: 'community', name: '园岭二社区', district_id: R.futian, street_id: R.yuanling },
      { id: R.ny1, parent_id: R.nanyuan, level: 'community', name: '南园一社区', district_id: R.futian, street_id: R.nanyuan },
      { id: R.gy1, parent_id: R.guiyuan, level: 'community', name: '桂园一社区', district_id: R.luohu, street_id: R.guiyuan },
    ])
    await trx.rawQuery(`SELECT setval('regions_id_seq', 100)`)
    const estate = (id: number, community: number, street: number, district: number, name: string) => ({
      id, community_id: community, street_id: street, district_id: district, name, address: `深圳市测试路${id}号`,
      estate_type: '住宅', lng: 114.05, lat: 22.54, building_area: 10000 * id, house_count: 100 * id, household_count: 90 * id,
      company_name: '测试物业公司', manager_name: `经理${id}`, manager_phone: `1370000000${id}`, has_committee: id % 2 === 1,
      committee_director: null, has_party_org: false, created_at: now, updated_at: now,
    })
    await trx.table('estates').multiInsert([
      estate(E.e1, R.yl1, R.yuanling, R.futian, '翠园小区'),
      estate(E.e2, R.yl1, R.yuanling, R.futian, '锦华苑'),
      estate(E.e3, R.yl2, R.yuanling, R.futian, '碧海花园'),
      estate(E.e6, R.yl2, R.yuanling, R.futian, '星河雅居'),
      estate(E.e4, R.ny1, R.nanyuan, R.futian, '南园大厦'),
      estate(E.e5, R.gy1, R.guiyuan, R.luohu, '桂园新村'),
    ])
    await trx.rawQuery(`SELECT setval('estates_id_seq', 100)`)
    // the house register behind those totals (项目管理 counts houses from it): estate N has 100·N houses
    // of 100 m², the first 90·N of them with an owner (owner N)
    await trx.rawQuery(`INSERT INTO owners (id, name, phone, id_number)
      SELECT e.id, '业主' || e.id, '1391000000' || e.id, '44030419800101000' || e.id FROM estates e`)
    await trx.rawQuery(`INSERT INTO houses (estate_id, building, unit, number, building_area, house_use, owner_id)
      SELECT e.id, '1', '1', n::text, 100, '住宅', CASE WHEN n <= e.household_count THEN e.id END
        FROM estates e CROSS JOIN LATERAL generate_series(1, e.house_count) AS n`)
    await trx.rawQuery(`SELECT setval('owners_id_seq', 100)`)
    await trx.table('users').multiInsert(Object.values(USERS).map((u) => ({
      id: u.id, name: u.name, phone: u.phone, password: passwordHash, role: u.role, region_id: u.region,
      status: 'active', failed_logins: 0, created_at: now, updated_at: now,
    })))
    await trx.rawQuery(`SELECT setval('users_id_seq', 100)`)
    await trx.table('user_estates').multiInsert(Object.entries(USER_ESTATES).flatMap(([who, binding]) =>
      binding.estates.map((estateId) => ({ user_id: USERS[who as WorldUser].id, estate_id: estateId, relation: binding.relation, created_at: now }))))
    // 功能权限 of the accounts a head presets (handlers, party secretary, community staff): their role's defaults
    const grants = Object.values(USERS).filter((u) => isGrantedRole(u.role as RoleCode))
      .flatMap((u) => featuresOf(u.role as RoleCode).map((feature) => ({ user_id: u.id, feature, granted_by: null, granted_at: now })))
    await trx.table('user_features').multiInsert(grants)
    const filing = (id: number, estateId: number, kind: string, status: string, filedOn: string, expiresOn: string | null = null) => ({
      id, estate_id: estateId, kind, status, document_no: `DOC-${id}`, filed_on: filedOn, expires_on: expiresOn,
      version: 1, created_by: USERS.handler.id, created_at: now, updated_at: now,
    })
    await trx.table('filings').multiInsert([
      filing(1, E.e1, 'contract', 'filed', '2025-03-01', '2028-02-28'),
      filing(2, E.e1, 'assembly', 'filed', '2024-06-01'),
      filing(3, E.e2, 'contract', 'expired', '2020-01-01', '2023-01-01'),
      filing(4, E.e3, 'assembly', 'filed', '2025-09-09'),
      filing(5, E.e4, 'contract', 'filed', '2025-05-05', '2027-05-04'),
      filing(6, E.e5, 'contract', 'filed', '2025-01-01', '2027-12-31'),
      filing(7, E.e5, 'assembly', 'filed', '2025-01-02'),
      filing(8, E.e6, 'contract', 'withdrawn', '2025-02-02', '2027-02-01'),
    ])
    await trx.rawQuery(`SELECT setval('filings_id_seq', 100)`)
    await trx.table('evaluation_templates').insert({
      id: TEMPLATE.id, name: '测试评分模板', status: 'active', items: JSON.stringify(TEMPLATE.items), version: 1,
      created_by: null, created_at: now, updated_at: now, activated_at: now,
    })
    await trx.rawQuery(`SELECT setval('evaluation_templates_id_seq', 100)`)
    await trx.table('filing_events').multiInsert(
      [1, 2, 3, 4, 5, 6, 7, 8].map((id) => ({ filing_id: id, action: 'create', from_status: null, to_status: 'filed', actor_id: USERS.handler.id, remark: null, created_at: now }))
    )
  })
  EvaluationPeriodService.forgetOpened()
  await syncWarehouse()
}
