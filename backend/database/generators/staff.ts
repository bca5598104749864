import type { CopyValue } from './copy.ts'
import { idNumber } from './names.ts'
import { createRandom, deriveSeed, type Random } from './random.ts'
import type { DataGenerator } from './types.ts'

const DAY = 24 * 3600 * 1000

/** practitioners per estate with staff, when the scale does not say (demo) */
const DEFAULT_STAFF_PER_ESTATE: [number, number] = [3, 10]

/** estates that never filled in their staff (未填报) */
const MISSING_SHARE = 0.08

/** the posts of an estate's staff besides its one 项目经理, with their weights */
const ESTATE_POSTS: readonly [string, number][] = [
  ['security', 30], ['cleaning', 24], ['service', 12], ['engineering', 12], ['greening', 8], ['order', 9], ['other', 5],
]
/** a property company's own staff (物业服务企业从业人员) */
const COMPANY_POSTS: readonly [string, number][] = [['manager', 20], ['service', 25], ['engineering', 25], ['other', 30]]

/** certificates by post: [name, share holding it, validity in years (null = no expiry)] */
const CERTIFICATES: Record<string, readonly [string, number, number | null][]> = {
  manager: [['物业管理师证书', 0.8, null], ['物业项目经理岗位证书', 0.6, 4]],
  engineering: [['特种作业操作证（电工）', 0.7, 6], ['建筑物消防员证书', 0.3, 5]],
  security: [['保安员证', 0.55, null], ['消防设施操作员证书', 0.15, 5]],
  order: [['保安员证', 0.4, null]],
  service: [['物业服务从业人员岗位证书', 0.3, 3]],
  cleaning: [['健康证明', 0.35, 1]],
  greening: [['园林绿化工职业资格证书', 0.25, null]],
  other: [],
}

function weighted(r: Random, table: readonly [string, number][]): string {
  const total = table.reduce((sum, [, weight]) => sum + weight, 0)
  let roll = r.next() * total
  for (const [value, weight] of table) {
    roll -= weight
    if (roll < 0) return value
  }
  return table[table.length - 1][0]
}

const iso = (date: Date) => date.toISOString().slice(0, 10)

/** a synthetic unified social credit code (18 characters, 9144030 + 11 more), stable per company name */
function creditCode(r: Random): string {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY'
  let code = '914403'
  for (let i = 0; i < 12; i++) code += chars[r.int(0, chars.length - 1)]
  return code
}

/**
 * 从业人员信息 (module 9): every estate's practitioners (one 项目经理 — the estate's manager, its 项目负责人 —
 * and its security, cleaning, service … staff), each property company's own staff (placed in the
 * community of its first estate), their certificates (some expired as of today) and the estates' last
 * confirmations (most within the 180 days, some older, some never). ≈ 8% of the estates have no staff
 * (未填报). Seeded per estate and per company. City scale ≈ 150,000 practitioners. The ids go to
 * `ctx.state.practitionerIds` (宣传培训's learning records reference them).
 */
export const staff: DataGenerator = {
  name: 'staff',
  description: '从业人员信息: estate and company practitioners, their certificates and the estates\' confirmations',
  tables: ['practitioners', 'practitioner_certificates', 'estate_staff_confirmations'],
  async run(ctx) {
    const { client, now } = ctx
    const perEstate = ctx.scale.staffPerEstate ?? DEFAULT_STAFF_PER_ESTATE
    const { rows: estates } = await client.query<{ id: number; community_id: number; street_id: number; district_id: number; company_name: string | null; manager_name: string | null; manager_phone: string | null }>(
      'SELECT id, community_id, street_id, district_id, company_name, manager_name, manager_phone FROM estates ORDER BY id'
    )
    let nextPractitioner = await ctx.firstId('practitioners')
    let nextCertificate = await ctx.firstId('practitioner_certificates')
    const practitioners: CopyValue[][] = []
    const certificates: CopyValue[][] = []
    const confirmations: CopyValue[][] = []
    const companies = new Map<string, { code: string; estate: (typeof estates)[number] }>()
    const bar = ctx.progress.start('practitioners', estates.length, 'estates')

    const addCertificates = (r: Random, practitionerId: number, post: string, hiredOn: Date) => {
      for (const [name, share, years] of CERTIFICATES[post] ?? []) {
        if (!r.chance(share)) continue
        // issued up to 8 years ago (not before 3 years ahead of hiring); some validity has run out
        const issued = new Date(Math.min(now.getTime() - DAY, hiredOn.getTime() + r.int(-1000, 600) * DAY))
        const validUntil = years === null ? null : new Date(issued.getTime() + years * 365 * DAY)
        certificates.push([nextCertificate++, practitionerId, name, `${name.slice(0, 2)}${String(practitionerId).padStart(8, '0')}${certificates.length % 10}`, iso(issued), validUntil ? iso(validUntil) : null, now])
      }
    }
    const addPractitioner = (r: Random, people: ReturnType<typeof ctx.people>, row: { group: 'estate' | 'company'; estate: (typeof estates)[number]; company: string; code: string | null; post: string; lead: boolean; name?: string | null; phone?: string | null }) => {
      const id = nextPractitioner++
      const hiredOn = new Date(now.getTime() - r.int(10, 12 * 365) * DAY)
      const phone = row.phone && /^1[3-9]\d{9}$/.test(row.phone) ? row.phone : people.phone()
      practitioners.push([
        id, row.group, row.group === 'estate' ? row.estate.id : null, row.company, row.code,
        row.estate.community_id, row.estate.street_id, row.estate.district_id,
        (row.name || people.name()).slice(0, 50), idNumber(r), phone, row.post, row.lead, iso(hiredOn), 1, now, now,
      ])
      addCertificates(r, id, row.post, hiredOn)
    }

    for (const estate of estates) {
      const r = createRandom(deriveSeed(ctx.seed, 'staff', estate.id))
      const people = ctx.people(`staff-${estate.id}`)
      const company = estate.company_name ?? '深圳市自管物业（演示）'
      if (!companies.has(company)) companies.set(company, { code: creditCode(createRandom(deriveSeed(ctx.seed, 'staff-company', company))), estate })
      const code = companies.get(company)!.code
      if (r.chance(MISSING_SHARE)) {
        bar.increment()
        continue
      }
      const count = r.int(perEstate[0], perEstate[1])
      addPractitioner(r, people, { group: 'estate', estate, company, code, post: 'manager', lead: true, name: estate.manager_name, phone: estate.manager_phone })
      for (let i = 1; i < count; i++) addPractitioner(r, people, { group: 'estate', estate, company, code, post: weighted(r, ESTATE_POSTS), lead: false })
      // last confirmed: 70% within the 180 days, 20% before, 10% never
      const roll = r.next()
      if (roll < 0.9) confirmations.push([estate.id, new Date(now.getTime() - (roll < 0.7 ? r.int(0, 179) : r.int(181, 720)) * DAY - r.int(0, 23) * 3600 * 1000), null])
      bar.increment()
    }
    bar.stop()

    // each company's own staff, in the community of its first estate
    for (const [company, { code, estate }] of companies) {
      const r = createRandom(deriveSeed(ctx.seed, 'staff-company-people', company))
      const people = ctx.people(`staff-company-${company}`)
      const count = r.int(Math.max(1, Math.floor(perEstate[0] / 2)), Math.max(2, Math.floor(perEstate[1] / 2)))
      for (let i = 0; i < count; i++) addPractitioner(r, people, { group: 'company', estate, company, code, post: weighted(r, COMPANY_POSTS), lead: false })
    }

    const written = await ctx.copy(
      'practitioners',
      ['id', 'staff_group', 'estate_id', 'company_name', 'company_credit_code', 'community_id', 'street_id', 'district_id', 'name', 'id_number', 'phone', 'post', 'is_lead', 'hired_on', 'version', 'created_at', 'updated_at'],
      practitioners
    )
    await ctx.syncSequence('practitioners')
    const certificateCount = await ctx.copy('practitioner_certificates', ['id', 'practitioner_id', 'name', 'number', 'issued_on', 'valid_until', 'created_at'], certificates)
    await ctx.syncSequence('practitioner_certificates')
    const confirmationCount = await ctx.copy('estate_staff_confirmations', ['estate_id', 'confirmed_at', 'confirmed_by'], confirmations)
    ctx.state.practitionerIds = practitioners.map((row) => row[0] as number)
    ctx.log(`staff: ${written} practitioners (${companies.size} companies), ${certificateCount} certificates, ${confirmationCount} confirmed estates`)
    return { practitioners: written, practitioner_certificates: certificateCount, estate_staff_confirmations: confirmationCount }
  },
}
