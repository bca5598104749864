import { readFileSync } from 'node:fs'
import { communityName } from './names.ts'
import type { CopyValue } from './copy.ts'
import type { DataGenerator } from './types.ts'

interface RegionsFile {
  districts: { name: string; code: string | null; streets: string[] }[]
}

/** Shenzhen's real 10 districts and 74 street offices; generated (演示) communities under each street. */
export const regions: DataGenerator = {
  name: 'regions',
  description: 'city, the real districts and street offices, generated communities',
  tables: ['regions'],
  async run(ctx) {
    const r = ctx.random()
    const file = JSON.parse(readFileSync(new URL('../data/shenzhen-regions.json', import.meta.url), 'utf8')) as RegionsFile
    const { state, scale } = ctx
    let nextId = await ctx.firstId('regions')
    const rows: CopyValue[][] = []
    const cityId = nextId++
    rows.push([cityId, null, 'city', '440300', '深圳市', null, null, 0])
    state.regionIds.set('深圳市', cityId)
    for (const [dIndex, district] of file.districts.entries()) {
      const districtId = nextId++
      rows.push([districtId, cityId, 'district', district.code, district.name, null, null, dIndex])
      state.regionIds.set(district.name, districtId)
      state.districts.push({ id: districtId, name: district.name, code: district.code })
      for (const [sIndex, street] of district.streets.entries()) {
        const streetId = nextId++
        rows.push([streetId, districtId, 'street', null, street, districtId, null, sIndex])
        state.regionIds.set(street, streetId)
        state.streets.push({ id: streetId, name: street, districtId, districtName: district.name })
        if (scale.streets && !scale.streets.includes(street)) continue
        const count = r.int(...scale.communitiesPerStreet)
        for (let i = 0; i < count; i++) {
          const id = nextId++
          const name = communityName(street, i)
          rows.push([id, streetId, 'community', null, name, districtId, streetId, i])
          state.communities.push({ id, name, streetId, districtId, districtName: district.name })
        }
      }
    }
    const bar = ctx.progress.start('regions', rows.length, 'regions')
    const written = await ctx.copy('regions', ['id', 'parent_id', 'level', 'code', 'name', 'district_id', 'street_id', 'sort'], rows)
    bar.increment(written)
    bar.stop()
    await ctx.syncSequence('regions')
    return { regions: written }
  },
}
