import { readFileSync } from 'node:fs'
import hash from '@adonisjs/core/services/hash'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { createRandom } from './random.ts'
import * as names from './names.ts'

/**
 * The demo city: Shenzhen's real districts and street offices, generated (clearly synthetic)
 * communities, estates, filings and demo accounts. Deterministic for a given seed.
 */
export const DEMO_PASSWORD = 'Szpm@2026'

export const DEMO_ACCOUNTS = [
  { phone: '13800000000', name: '陈市管', role: 'city_admin', region: '深圳市' },
  { phone: '13800000001', name: '李区长', role: 'district_admin', region: '福田区' },
  { phone: '13800000002', name: '王主任', role: 'street_head', region: '园岭街道' },
  { phone: '13800000003', name: '张经办', role: 'street_handler', region: '园岭街道' },
  { phone: '13800000004', name: '刘书记', role: 'party_secretary', region: '园岭街道' },
  { phone: '13800000005', name: '赵经办', role: 'street_handler', region: '桂园街道' },
] as const

/** Rough GCJ-02 centres of each district; generated estates scatter around them. */
const DISTRICT_CENTRES: Record<string, [number, number]> = {
  福田区: [114.055, 22.542], 罗湖区: [114.131, 22.566], 南山区: [113.93, 22.533], 盐田区: [114.236, 22.585],
  宝安区: [113.883, 22.655], 龙岗区: [114.247, 22.72], 龙华区: [114.045, 22.696], 坪山区: [114.35, 22.708],
  光明区: [113.936, 22.748], 大鹏新区: [114.48, 22.59],
}

export interface DemoScale {
  communitiesPerStreet: [number, number]
  estatesPerCommunity: [number, number]
}

export const SCALES: Record<string, DemoScale> = {
  demo: { communitiesPerStreet: [3, 5], estatesPerCommunity: [3, 7] },
  city: { communitiesPerStreet: [8, 11], estatesPerCommunity: [6, 10] },
}

interface RegionsFile {
  districts: { name: string; code: string | null; streets: string[] }[]
}

async function insertBatched(client: QueryClientContract, table: string, rows: Record<string, unknown>[], returning?: string) {
  const out: any[] = []
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000)
    const query = client.table(table).multiInsert(chunk)
    if (returning) out.push(...(await query.returning(returning)))
    else await query
  }
  return out
}

export async function generateDemoCity(
  client: QueryClientContract,
  options: { scale: DemoScale; seed?: number; onProgress?: (step: string, done: number, total: number) => void }
) {
  const r = createRandom(options.seed ?? 20261128)
  const file = JSON.parse(readFileSync(new URL('../data/shenzhen-regions.json', import.meta.url), 'utf8')) as RegionsFile
  const progress = options.onProgress ?? (() => {})

  const [city] = await client.table('regions').insert({ level: 'city', code: '440300', name: '深圳市', sort: 0 }).returning('id')
  const regionIds = new Map<string, number>([['深圳市', city.id]])
  const communities: { id: number; streetId: number; districtId: number; districtName: string }[] = []

  for (const [dIndex, district] of file.districts.entries()) {
    const [d] = await client.table('regions').insert({ parent_id: city.id, level: 'district', code: district.code, name: district.name, sort: dIndex }).returning('id')
    regionIds.set(district.name, d.id)
    for (const [sIndex, street] of district.streets.entries()) {
      const [s] = await client.table('regions').insert({ parent_id: d.id, level: 'street', name: street, district_id: d.id, sort: sIndex }).returning('id')
      regionIds.set(street, s.id)
      const count = r.int(...options.scale.communitiesPerStreet)
      const rows = Array.from({ length: count }, (_, i) => ({
        parent_id: s.id, level: 'community', name: names.communityName(street, i), district_id: d.id, street_id: s.id, sort: i,
      }))
      const ids = await insertBatched(client, 'regions', rows, 'id')
      for (const row of ids) communities.push({ id: row.id, streetId: s.id, districtId: d.id, districtName: district.name })
    }
    progress('regions', dIndex + 1, file.districts.length)
  }

  const now = new Date()
  const estates: Record<string, unknown>[] = []
  for (const community of communities) {
    const [lng, lat] = DISTRICT_CENTRES[community.districtName] ?? [114.06, 22.55]
    const count = r.int(...options.scale.estatesPerCommunity)
    for (let i = 0; i < count; i++) {
      const houses = r.int(80, 2400)
      estates.push({
        community_id: community.id, street_id: community.streetId, district_id: community.districtId,
        name: names.estateName(r), address: names.address(r, community.districtName),
        estate_type: r.pick(['住宅', '住宅', '住宅', '商业', '办公', '混合']),
        lng: +(lng + (r.next() - 0.5) * 0.06).toFixed(6), lat: +(lat + (r.next() - 0.5) * 0.05).toFixed(6),
        building_area: +(houses * r.int(60, 140)).toFixed(2), house_count: houses, household_count: Math.round(houses * (0.8 + r.next() * 0.2)),
        company_name: names.companyName(r), manager_name: names.personName(r), manager_phone: names.phone(r),
        has_committee: r.chance(0.55), committee_director: null, has_party_org: r.chance(0.4),
        created_at: now, updated_at: now,
      })
    }
  }
  const estateIds = await insertBatched(client, 'estates', estates, 'id')
  progress('estates', estates.length, estates.length)

  const filings: Record<string, unknown>[] = []
  for (const { id } of estateIds) {
    const contract = r.next()
    if (contract < 0.72) {
      const filedYear = r.int(2019, 2026)
      const expired = contract > 0.62
      filings.push({
        estate_id: id, kind: 'contract', status: expired ? 'expired' : 'filed',
        document_no: `HT${filedYear}${String(id).padStart(6, '0')}`,
        filed_on: `${filedYear}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`,
        expires_on: `${expired ? Math.min(filedYear + 2, 2026) : 2027 + r.int(0, 3)}-${String(r.int(1, 12)).padStart(2, '0')}-28`,
        version: 1, created_at: now, updated_at: now,
      })
    }
    if (r.chance(0.5)) {
      const filedYear = r.int(2016, 2026)
      filings.push({
        estate_id: id, kind: 'assembly', status: 'filed', document_no: `YZ${filedYear}${String(id).padStart(6, '0')}`,
        filed_on: `${filedYear}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`,
        expires_on: null, version: 1, created_at: now, updated_at: now,
      })
    }
  }
  const filingIds = await insertBatched(client, 'filings', filings, 'id')
  const events: Record<string, unknown>[] = filingIds.map(({ id }) => ({
    filing_id: id, action: 'create', from_status: null, to_status: 'filed', remark: '演示数据导入', created_at: now,
  }))
  filings.forEach((filing, i) => {
    if (filing.status === 'expired') {
      events.push({ filing_id: filingIds[i].id, action: 'expire', from_status: 'filed', to_status: 'expired', remark: '合同到期', created_at: now })
    }
  })
  await insertBatched(client, 'filing_events', events)
  progress('filings', filings.length, filings.length)

  const password = await hash.make(DEMO_PASSWORD)
  await client.table('users').multiInsert(DEMO_ACCOUNTS.map((account) => ({
    name: account.name, phone: account.phone, password, role: account.role, region_id: regionIds.get(account.region),
    status: 'active', created_at: now, updated_at: now,
  })))

  return { communities: communities.length, estates: estates.length, filings: filings.length, users: DEMO_ACCOUNTS.length }
}
