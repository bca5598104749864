import db from '@adonisjs/lucid/services/db'
import clock from '#services/clock'
import { E, R, resetWorld } from '#tests/support/world'
import { syncWarehouse } from '#tests/support/warehouse'

/** the credit subjects of the fixture (ids) */
export const S = { company: 1, otherCompany: 2, leader: 3, owner: 4, director: 5, supervisor: 6 } as const
/** the credit records of the fixture (ids) */
export const CR = { commendation: 1, rectification: 2, penalty: 3, happyEstate: 4, courtJudgment: 5, topTen: 6, bottomTen: 7 } as const
export const LEADER_ID = '440304199001011234'

/**
 * 信用信息 on top of the world, as of 2026-12-07 (tests travel the clock there):
 *
 * - 测试物业公司 (91440300MA5DTEST0X, seat 园岭; manages every estate of the world):
 *   1 表彰信息 at e1 2025-12-08 → 2027-12-07 有效; 2 责令整改 一般 at e1 2025-12-07 → 2026-12-06 已过期 (yesterday
 *   was its last day); 3 行政处罚 较重 at e3 2025-01-10 → 2027-01-09 有效; 4 幸福小区 at e4 (南园)
 *   2024-12-08 → 2026-12-07 有效 (today is its last day)
 * - 桂园物业有限公司 (seat 桂园, no estate of the world, no record)
 * - 张三 项目负责人 of e1: 5 法院判决 严重 2024-03-01 → 2027-02-28 有效
 * - 李四 业主 of e3: 6 连续六个月排名前十 2023-05-01 → 2025-04-30 已过期
 * - 王五 业委会主任 of e5 (罗湖): 7 连续六个月排名倒十 一般 2026-06-01 → 2027-05-31 有效
 * - 赵六 业主监事 of e4 (南园): no record
 *
 * Score of the company today: 100 + 2 + 2 − 5 = 99 (A).
 */
export async function seedCredit() {
  const now = new Date()
  await db.table('property_companies').multiInsert([
    { id: 1, credit_code: '91440300MA5DTEST0X', name: '测试物业公司', seat_region_id: R.yuanling, created_at: now, updated_at: now },
    { id: 2, credit_code: '91440303MA5GUIYU1K', name: '桂园物业有限公司', seat_region_id: R.guiyuan, created_at: now, updated_at: now },
  ])
  const subject = (id: number, kind: string, name: string, extra: Record<string, unknown>) => ({ id, kind, name, company_id: null, id_number: null, estate_id: null, created_at: now, updated_at: now, ...extra })
  await db.table('credit_subjects').multiInsert([
    subject(S.company, 'company', '测试物业公司', { company_id: 1 }),
    subject(S.otherCompany, 'company', '桂园物业有限公司', { company_id: 2 }),
    subject(S.leader, 'project_leader', '张三', { id_number: LEADER_ID, estate_id: E.e1 }),
    subject(S.owner, 'owner', '李四', { id_number: '440303198505052345', estate_id: E.e3 }),
    subject(S.director, 'committee_director', '王五', { id_number: '44010619700101345X', estate_id: E.e5 }),
    subject(S.supervisor, 'owner_supervisor', '赵六', { id_number: '440304198808084567', estate_id: E.e4 }),
  ])
  const record = (id: number, subjectId: number, estateId: number, polarity: string, category: string, severity: string | null, decidedOn: string, validUntil: string, source: string) => ({
    id, subject_id: subjectId, estate_id: estateId, polarity, category, severity, decided_on: decidedOn, valid_until: validUntil, source,
    document_no: `深建信〔${decidedOn.slice(0, 4)}〕${id}号`, attachments: '[]', version: 1, created_by: null, created_at: now, updated_at: now,
  })
  await db.table('credit_records').multiInsert([
    record(CR.commendation, S.company, E.e1, 'good', 'commendation', null, '2025-12-08', '2027-12-07', '深圳市住房和建设局'),
    record(CR.rectification, S.company, E.e1, 'bad', 'rectification', 'minor', '2025-12-07', '2026-12-06', '园岭街道办事处'),
    record(CR.penalty, S.company, E.e3, 'bad', 'penalty', 'serious', '2025-01-10', '2027-01-09', '福田区住房和建设局'),
    record(CR.happyEstate, S.company, E.e4, 'good', 'happy_estate', null, '2024-12-08', '2026-12-07', '福田区住房和建设局'),
    record(CR.courtJudgment, S.leader, E.e1, 'bad', 'court_judgment', 'grave', '2024-03-01', '2027-02-28', '福田区人民法院'),
    record(CR.topTen, S.owner, E.e3, 'good', 'top_ten', null, '2023-05-01', '2025-04-30', '深圳市住房和建设局'),
    record(CR.bottomTen, S.director, E.e5, 'bad', 'bottom_ten', 'minor', '2026-06-01', '2027-05-31', '罗湖区住房和建设局'),
  ])
  for (const table of ['property_companies', 'credit_subjects', 'credit_records']) {
    await db.connection('owner').rawQuery(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`)
  }
}

/** the world with the 信用信息 fixture, the warehouse rebuilt from it (a group's setup) */
export async function resetCreditWorld() {
  await resetWorld()
  await seedCredit()
  await syncWarehouse()
}

/** the fixture's day, 2026-12-07 in Shenzhen, for each test (a group's each.setup; its cleanup resets the clock) */
export function onCreditDay() {
  clock.travelTo('2026-12-07T10:00:00+08:00')
  return () => clock.reset()
}
