import { CREDIT_BAD_CATEGORIES, CREDIT_GOOD_CATEGORIES, type CreditPolarity, type CreditSeverity, type CreditSubjectKind } from '@szpm/core'
import { creditValidUntil } from '#modules/credit/credit_rules'
import type { CopyValue } from './copy.ts'
import { idNumber } from './names.ts'
import { createRandom, deriveSeed, type Random } from './random.ts'
import type { DataGenerator } from './types.ts'

const DAY = 86_400_000
const GOOD = Object.keys(CREDIT_GOOD_CATEGORIES) as (keyof typeof CREDIT_GOOD_CATEGORIES)[]
const BAD = Object.keys(CREDIT_BAD_CATEGORIES) as (keyof typeof CREDIT_BAD_CATEGORIES)[]
const SEVERITIES: readonly CreditSeverity[] = ['minor', 'minor', 'minor', 'serious', 'serious', 'grave']
const HEADS = ['安', '佳', '宏', '晟', '骏', '联', '盛', '天', '同', '万', '祥', '新', '兴', '鑫', '益', '永', '远', '正', '致', '卓']
const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
/** companies per estate at city scale (≈ 6k companies for ≈ 5.5k estates): most manage no estate of the register */
const COMPANIES_PER_ESTATE = 1.07

/** a synthetic unified social credit code; for an estate's company the same one 从业人员信息 gives it (seeded by name) */
function creditCode(r: Random): string {
  let code = '914403'
  for (let i = 0; i < 12; i++) code += CODE_CHARS[r.int(0, CODE_CHARS.length - 1)]
  return code
}

const iso = (date: Date) => date.toISOString().slice(0, 10)

interface EstateRow { id: number; street_id: number; district_id: number; company_name: string | null; manager_name: string | null; has_committee: boolean; committee_director: string | null }

/**
 * 信用信息 (module 7): the property companies (each company name of the estates, with the code
 * 从业人员信息 gives it, plus companies managing no estate of the register, ≈ 6k at city scale), the
 * credit subjects — every company, and per estate its 项目负责人 (the estate's manager), the committee's
 * 主任 / 执行秘书 / 业主监事 where it has one and 1–5 owners (≈ 30k people at city scale) — and their
 * 良好 / 不良 records over the last four years (≈ 200k at city scale, streamed with COPY; about a third
 * already 已过期). Seeded per estate and per company.
 */
export const credit: DataGenerator = {
  name: 'credit',
  description: '信用信息: property companies, credit subjects (companies and five kinds of people) and their 良好 / 不良 records',
  tables: ['credit_records', 'credit_subjects', 'property_companies'],
  async run(ctx) {
    const { client, now, seed } = ctx
    const { rows: estates } = await client.query<EstateRow>('SELECT id, street_id, district_id, company_name, manager_name, has_committee, committee_director FROM estates ORDER BY id')
    const { rows: districts } = await client.query<{ id: number; name: string }>("SELECT id, name FROM regions WHERE level = 'district'")
    const districtName = new Map(districts.map((d) => [d.id, d.name]))
    const { rows: streets } = await client.query<{ id: number; name: string }>("SELECT id, name FROM regions WHERE level = 'street' ORDER BY id")
    const streetName = new Map(streets.map((s) => [s.id, s.name]))

    let nextCompany = await ctx.firstId('property_companies')
    let nextSubject = await ctx.firstId('credit_subjects')
    const companies: CopyValue[][] = []
    const subjects: CopyValue[][] = []
    const codes = new Set<string>()
    /** company name → its subject id and its estates */
    const estateCompanies = new Map<string, { subjectId: number; estates: EstateRow[] }>()
    const addCompany = (name: string, code: string, seatRegionId: number) => {
      while (codes.has(code)) code = code.slice(0, 17) + CODE_CHARS[(CODE_CHARS.indexOf(code[17]) + 1) % CODE_CHARS.length]
      codes.add(code)
      const id = nextCompany++
      companies.push([id, code, name, seatRegionId, now, now])
      const subjectId = nextSubject++
      subjects.push([subjectId, 'company', name, id, null, null, now, now])
      return subjectId
    }
    for (const estate of estates) {
      const name = estate.company_name
      if (!name) continue
      const known = estateCompanies.get(name)
      if (known) known.estates.push(estate)
      else estateCompanies.set(name, { subjectId: addCompany(name, creditCode(createRandom(deriveSeed(seed, 'staff-company', name))), estate.street_id), estates: [estate] })
    }
    const r = createRandom(deriveSeed(seed, 'credit-companies'))
    const extra = Math.max(0, Math.round(estates.length * COMPANIES_PER_ESTATE) - estateCompanies.size)
    for (let i = 0; i < extra && streets.length > 0; i++) {
      const street = r.pick(streets)
      addCompany(`深圳市${r.pick(HEADS)}${r.pick(HEADS)}${r.pick(HEADS)}物业服务有限公司（演示${i + 1}）`, creditCode(r), street.id)
    }

    const bar = ctx.progress.start('credit records', estates.length, 'estates')
    let records = 0
    const recordRow = (rr: Random, subjectId: number, estate: EstateRow, kind: CreditSubjectKind): CopyValue[] => {
      const polarity: CreditPolarity = rr.chance(kind === 'owner' ? 0.35 : 0.55) ? 'good' : 'bad'
      const category = polarity === 'good' ? rr.pick(GOOD) : rr.pick(BAD)
      const severity = polarity === 'bad' ? rr.pick(SEVERITIES) : null
      const decided = iso(new Date(now.getTime() - rr.int(1, 4 * 365) * DAY))
      const year = decided.slice(0, 4)
      const district = districtName.get(estate.district_id) ?? '深圳市'
      const source = polarity === 'good' ? (rr.chance(0.5) ? '深圳市住房和建设局' : `${district}住房和建设局`)
        : category === 'court_judgment' ? `${district}人民法院`
        : category === 'rectification' ? (streetName.get(estate.street_id) ?? `${district}住房和建设局`) + '办事处'
        : `${district}住房和建设局`
      records++
      return [subjectId, estate.id, polarity, category, severity, decided, creditValidUntil(decided, polarity, severity), source, `深建信〔${year}〕${rr.int(1, 999)}号`, '[]', 1, now, now]
    }

    function* recordRows(): Generator<CopyValue[]> {
      for (const estate of estates) {
        const er = createRandom(deriveSeed(seed, 'credit', estate.id))
        const people = ctx.people(`credit-${estate.id}`)
        const persons: [CreditSubjectKind, string][] = [['project_leader', estate.manager_name || people.name()]]
        if (estate.has_committee) {
          persons.push(['committee_director', estate.committee_director || people.name()], ['committee_secretary', people.name()], ['owner_supervisor', people.name()])
        }
        for (let n = er.int(1, 5); n > 0; n--) persons.push(['owner', people.name()])
        for (const [kind, name] of persons) {
          const subjectId = nextSubject++
          subjects.push([subjectId, kind, name.slice(0, 50), null, idNumber(er), estate.id, now, now])
          for (let n = er.int(2, 10); n > 0; n--) yield recordRow(er, subjectId, estate, kind)
        }
        // the estate's company: a record about this project now and then
        const company = estate.company_name ? estateCompanies.get(estate.company_name) : undefined
        if (company && er.chance(0.8)) for (let n = er.int(1, 2); n > 0; n--) yield recordRow(er, company.subjectId, estate, 'company')
        bar.increment()
      }
    }
    // subjects are referenced by the records: write companies, then buffer the records while the people are planned
    const recordBuffer = [...recordRows()]
    bar.stop()
    const companyCount = await ctx.copy('property_companies', ['id', 'credit_code', 'name', 'seat_region_id', 'created_at', 'updated_at'], companies)
    const subjectCount = await ctx.copy('credit_subjects', ['id', 'kind', 'name', 'company_id', 'id_number', 'estate_id', 'created_at', 'updated_at'], subjects)
    const recordCount = await ctx.copy(
      'credit_records',
      ['subject_id', 'estate_id', 'polarity', 'category', 'severity', 'decided_on', 'valid_until', 'source', 'document_no', 'attachments', 'version', 'created_at', 'updated_at'],
      recordBuffer
    )
    await ctx.syncSequence('property_companies')
    await ctx.syncSequence('credit_subjects')
    await client.query('ANALYZE property_companies; ANALYZE credit_subjects; ANALYZE credit_records')
    ctx.log(`credit: ${companyCount} companies, ${subjectCount} subjects, ${records} records`)
    return { property_companies: companyCount, credit_subjects: subjectCount, credit_records: recordCount }
  },
}
