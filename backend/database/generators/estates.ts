import { address, companyName, estateName } from './names.ts'
import type { CopyValue } from './copy.ts'
import type { DataGenerator } from './types.ts'
import { layoutRegions, pointInCell } from './boundaries.ts'

/** Rough centres of each district (stored as WGS-84, like every generated coordinate); generated estates scatter around them. */
export const DISTRICT_CENTRES: Record<string, [number, number]> = {
  福田区: [114.055, 22.542], 罗湖区: [114.131, 22.566], 南山区: [113.93, 22.533], 盐田区: [114.236, 22.585],
  宝安区: [113.883, 22.655], 龙岗区: [114.247, 22.72], 龙华区: [114.045, 22.696], 坪山区: [114.35, 22.708],
  光明区: [113.936, 22.748], 大鹏新区: [114.48, 22.59],
}
/** Half-widths (degrees) of the box around a centre that estates scatter in. */
export const SCATTER: [number, number] = [0.03, 0.025]

export const ESTATE_TYPES = ['住宅', '住宅', '住宅', '商业', '办公', '混合'] as const

/**
 * Generated (演示) estates under every community. building_area, house_count and household_count
 * start at 0 and are set from the generated houses by the houses_and_owners generator.
 */
export const estates: DataGenerator = {
  name: 'estates',
  description: 'generated estates (物业项目) under every community',
  tables: ['estates'],
  async run(ctx) {
    const r = ctx.random()
    const people = ctx.people()
    const { state, scale, now } = ctx
    let nextId = await ctx.firstId('estates')
    // each estate inside its community's generated cell (the map layer's boundaries, generators/boundaries.ts)
    const cells = layoutRegions(state)
    const bar = ctx.progress.start('estates', state.communities.length, 'communities')
    function* rows(): Generator<CopyValue[]> {
      for (const community of state.communities) {
        const [lng, lat] = DISTRICT_CENTRES[community.districtName] ?? [114.06, 22.55]
        const cell = cells.get(community.id)
        const place = (u: number, v: number): [number, number] =>
          cell ? pointInCell(cell, u, v) : [+(lng + (u * 2 - 1) * SCATTER[0]).toFixed(6), +(lat + (v * 2 - 1) * SCATTER[1]).toFixed(6)]
        const count = r.int(...scale.estatesPerCommunity)
        for (let i = 0; i < count; i++) {
          const id = nextId++
          const estateType = r.pick(ESTATE_TYPES)
          // drawn in the order the columns were always drawn (name, address, then the point)
          const [name, street] = [estateName(r), address(r, community.districtName)]
          const [u, v] = [r.next(), r.next()]
          state.estates.push({ id, index: state.estates.length, communityId: community.id, districtName: community.districtName, estateType })
          yield [
            id, community.id, community.streetId, community.districtId, name, street, estateType,
            ...place(u, v),
            0, 0, 0, companyName(r), people.name(), people.phone(), r.chance(0.55), null, r.chance(0.4), now, now,
          ]
        }
        bar.increment()
      }
    }
    const written = await ctx.copy(
      'estates',
      ['id', 'community_id', 'street_id', 'district_id', 'name', 'address', 'estate_type', 'lng', 'lat', 'building_area', 'house_count',
        'household_count', 'company_name', 'manager_name', 'manager_phone', 'has_committee', 'committee_director', 'has_party_org',
        'created_at', 'updated_at'],
      rows()
    )
    bar.stop()
    await ctx.syncSequence('estates')
    return { estates: written }
  },
}
