import db from '@adonisjs/lucid/services/db'
import { E, R } from '#tests/support/world'

/** the 民意征集 of the fixture (ids): two of 园岭, one of 南园, one of 桂园 */
export const OPINION = { yuanlingLift: 1, yuanlingParking: 2, nanyuan: 3, guiyuan: 4 } as const

/**
 * 党建园地 on top of the world:
 *
 *   园岭一社区: e1 翠园小区 — 独立党支部, 红色物业 (2021), 业委会 5 members of whom 3 party members.  e2 nothing.
 *   园岭二社区: e3 碧海花园 — 联合党支部 + 功能型党小组, 业委会 3 members (1 party member).  e6 星河雅居 — 业委会 2
 *               members (none).  The community's own 联合党支部 (community-level, no estate).
 *   南园一社区: e4 南园大厦 — 独立党支部, 红色物业 (2023), 业委会 4 members (2 party members).
 *   桂园一社区: e5 桂园新村 — 独立党支部, 业委会 1 member (a party member).
 *
 * 民意征集 (tests travel the clock to 2026-12-10): 园岭 加装电梯 (2026-10-01 … 10-31, closed; two questions,
 * 6 responses: e1 3, e3 2, e6 1) and 停车管理 (2026-12-01 … 2027-01-31, open; one question, e2 1
 * response); 南园 (2026-09, e4 2 responses); 桂园 (2027-01, upcoming, no response yet).
 */
export async function seedPartyBuilding() {
  const now = new Date('2026-11-01T02:00:00Z')
  const org = (id: number, community: number, estate: number | null, name: string, kind: string) =>
    ({ id, community_id: community, estate_id: estate, level: estate ? 'estate' : 'community', name, kind, founded_on: '2020-07-01', secretary: `书记${id}`, created_at: now })
  await db.table('party_organizations').multiInsert([
    org(1, R.yl1, E.e1, '翠园小区党支部', 'independent'),
    org(2, R.yl2, E.e3, '碧海花园联合党支部', 'joint'),
    org(3, R.yl2, E.e3, '碧海花园功能型党小组', 'functional'),
    org(4, R.yl2, null, '园岭二社区联合党支部', 'joint'),
    org(5, R.ny1, E.e4, '南园大厦党支部', 'independent'),
    org(6, R.gy1, E.e5, '桂园新村党支部', 'independent'),
  ])
  await db.rawQuery(`SELECT setval('party_organizations_id_seq', 100)`)
  let n = 0
  const members = (estate: number, party: boolean[]) =>
    party.map((isParty, i) => ({ id: ++n, estate_id: estate, name: `成员${n}`, role: i === 0 ? 'director' : i === 1 ? 'deputy' : 'member', is_party_member: isParty, created_at: now }))
  await db.table('committee_members').multiInsert([
    ...members(E.e1, [true, true, true, false, false]),
    ...members(E.e3, [true, false, false]),
    ...members(E.e6, [false, false]),
    ...members(E.e4, [true, false, true, false]),
    ...members(E.e5, [true]),
  ])
  await db.rawQuery(`SELECT setval('committee_members_id_seq', 100)`)
  await db.table('red_property_projects').multiInsert([{ estate_id: E.e1, designated_year: 2021 }, { estate_id: E.e4, designated_year: 2023 }])
  const collection = (id: number, street: number, title: string, startsOn: string, endsOn: string, questions: { title: string; options: string[] }[]) =>
    ({ id, street_id: street, title, starts_on: startsOn, ends_on: endsOn, questions: JSON.stringify(questions), created_at: now })
  await db.table('opinion_collections').multiInsert([
    collection(OPINION.yuanlingLift, R.yuanling, '园岭街道加装电梯民意征集', '2026-10-01', '2026-10-31', [
      { title: '是否支持加装电梯', options: ['支持', '不支持', '无所谓'] },
      { title: '愿意分摊的费用', options: ['5000元以下', '5000元以上'] },
    ]),
    collection(OPINION.yuanlingParking, R.yuanling, '园岭街道停车管理民意征集', '2026-12-01', '2027-01-31', [{ title: '是否支持错时停车', options: ['支持', '不支持'] }]),
    collection(OPINION.nanyuan, R.nanyuan, '南园街道环境整治民意征集', '2026-09-01', '2026-09-30', [{ title: '对环境整治的评价', options: ['满意', '不满意'] }]),
    collection(OPINION.guiyuan, R.guiyuan, '桂园街道社区党建民意征集', '2027-01-01', '2027-01-31', [{ title: '是否愿意参加志愿服务', options: ['愿意', '不愿意'] }]),
  ])
  await db.rawQuery(`SELECT setval('opinion_collections_id_seq', 100)`)
  const response = (collection: number, estate: number, answers: number[]) => ({ collection_id: collection, estate_id: estate, answers: `{${answers.join(',')}}`, submitted_at: now })
  await db.table('opinion_responses').multiInsert([
    response(OPINION.yuanlingLift, E.e1, [0, 0]),
    response(OPINION.yuanlingLift, E.e1, [0, 1]),
    response(OPINION.yuanlingLift, E.e1, [1, 0]),
    response(OPINION.yuanlingLift, E.e3, [0, 0]),
    response(OPINION.yuanlingLift, E.e3, [2, 1]),
    response(OPINION.yuanlingLift, E.e6, [0, 0]),
    response(OPINION.yuanlingParking, E.e2, [1]),
    response(OPINION.nanyuan, E.e4, [0]),
    response(OPINION.nanyuan, E.e4, [1]),
  ])
}
