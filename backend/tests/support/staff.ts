import db from '@adonisjs/lucid/services/db'
import type Region from '#models/region'
import clock, { ZONE } from '#services/clock'
import { E, R } from '#tests/support/world'

/**
 * 从业人员信息's small world on top of the shared one (post codes as core's STAFF_POSTS):
 *
 *   e1 (园岭一社区): S.lead1 项目经理/项目负责人 (物业管理师, no expiry + 项目经理证, expired 2020-12-31),
 *                    S.guard1 保安 (保安员证 valid to 2099), S.cleaner1 保洁 — confirmed today (current)
 *   e2 (园岭一社区): nobody (missing)         e6 (园岭二社区): nobody (missing)
 *   e3 (园岭二社区): S.lead3 项目经理, no certificate — confirmed 200 days ago (stale)
 *   e4 (南园一社区): S.guard4 保安 (健康证明 expired 2021-06-30) — never confirmed (stale)
 *   e5 (桂园一社区): S.cleaner5 保洁 — confirmed 10 days ago (current)
 *   company of 园岭一社区: S.company1 客服 (物业服务企业从业人员, no estate)
 *
 * The ID numbers and phones are distinct per person, so masking is checked on known values.
 */
export const S = { lead1: 1, guard1: 2, cleaner1: 3, lead3: 4, guard4: 5, cleaner5: 6, company1: 7 } as const

export const ID_NUMBER = (id: number) => `44030419900101${String(1000 + id)}`
export const PHONE = (id: number) => `1371111000${id}`

export async function seedStaff() {
  const now = clock.now().toJSDate()
  const person = (id: number, estateId: number | null, name: string, post: string, isLead = false) => ({
    id, staff_group: estateId ? 'estate' : 'company', estate_id: estateId, community_id: estateId ? null : R.yl1,
    company_name: '测试物业公司', company_credit_code: estateId ? null : '91440300MA5TEST001', name, id_number: ID_NUMBER(id),
    phone: PHONE(id), post, is_lead: isLead, hired_on: '2022-03-01', version: 1, created_at: now, updated_at: now,
  })
  await db.table('practitioners').multiInsert([
    person(S.lead1, E.e1, '张经理', 'manager', true),
    person(S.guard1, E.e1, '李保安', 'security'),
    person(S.cleaner1, E.e1, '王保洁', 'cleaning'),
    person(S.lead3, E.e3, '赵经理', 'manager', true),
    person(S.guard4, E.e4, '钱保安', 'security'),
    person(S.cleaner5, E.e5, '孙保洁', 'cleaning'),
    person(S.company1, null, '周客服', 'service'),
  ])
  await db.rawQuery(`SELECT setval('practitioners_id_seq', 100)`)
  const certificate = (id: number, practitionerId: number, name: string, validUntil: string | null) => ({
    id, practitioner_id: practitionerId, name, number: `NO-${id}`, issued_on: '2018-01-01', valid_until: validUntil, created_at: now,
  })
  await db.table('practitioner_certificates').multiInsert([
    certificate(1, S.lead1, '物业管理师证书', null),
    certificate(2, S.lead1, '物业项目经理岗位证书', '2020-12-31'),
    certificate(3, S.guard1, '保安员证', '2099-12-31'),
    certificate(4, S.guard4, '健康证明', '2021-06-30'),
  ])
  await db.rawQuery(`SELECT setval('practitioner_certificates_id_seq', 100)`)
  const ago = (days: number) => clock.now().minus({ days }).toJSDate()
  await db.table('estate_staff_confirmations').multiInsert([
    { estate_id: E.e1, confirmed_at: ago(0), confirmed_by: null },
    { estate_id: E.e3, confirmed_at: ago(200), confirmed_by: null },
    { estate_id: E.e5, confirmed_at: ago(10), confirmed_by: null },
  ])
}

/** PostgreSQL's own 从业人员信息 figures of a region, computed from the raw tables (the cube's rules) */
export async function postgresStaffFigures(region: Pick<Region, 'level' | 'id'>) {
  const today = clock.today()
  const where = region.level === 'city' ? 'true' : `p.${region.level}_id = ${Number(region.id)}`
  const estateWhere = region.level === 'city' ? 'true' : `e.${region.level}_id = ${Number(region.id)}`
  const { rows: [p] } = await db.rawQuery(
    `SELECT count(*)::int AS practitioners,
            count(*) FILTER (WHERE staff_group = 'estate')::int AS "estateStaff",
            count(*) FILTER (WHERE staff_group = 'company')::int AS "companyStaff",
            count(*) FILTER (WHERE post = 'manager')::int AS managers,
            count(*) FILTER (WHERE post = 'service')::int AS service,
            count(*) FILTER (WHERE post = 'security')::int AS security,
            count(*) FILTER (WHERE post = 'cleaning')::int AS cleaning,
            count(*) FILTER (WHERE EXISTS (SELECT 1 FROM practitioner_certificates c WHERE c.practitioner_id = p.id))::int AS "certificateHolders",
            (SELECT count(*)::int FROM practitioner_certificates c JOIN practitioners p ON p.id = c.practitioner_id
              WHERE ${where} AND c.valid_until < ?::date) AS "expiredCertificates"
       FROM practitioners p WHERE ${where}`,
    [today]
  )
  const { rows: [e] } = await db.rawQuery(
    `SELECT count(*)::int AS estates,
            count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM practitioners p WHERE p.estate_id = e.id))::int AS "estatesMissing",
            count(*) FILTER (WHERE EXISTS (SELECT 1 FROM practitioners p WHERE p.estate_id = e.id)
              AND (sc.confirmed_at IS NULL OR (sc.confirmed_at AT TIME ZONE '${ZONE}')::date < ?::date - 180))::int AS "estatesStale"
       FROM estates e LEFT JOIN estate_staff_confirmations sc ON sc.estate_id = e.id WHERE ${estateWhere}`,
    [today]
  )
  return { ...p, ...e }
}
