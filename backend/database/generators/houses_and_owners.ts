import { withForeignKeysDeferred } from './copy.ts'
import { idNumber } from './names.ts'
import { createRandom, deriveSeed } from './random.ts'
import type { CopyValue } from './copy.ts'
import type { DataGenerator, EstateInfo, Scale } from './types.ts'

export const HOUSE_USES = ['住宅', '商业', '办公', '车库', '其他'] as const
export type HouseUse = (typeof HOUSE_USES)[number]

export interface PlannedHouse {
  building: string
  unit: string
  number: string
  /** building area in hundredths of m² (exact sums) */
  areaCents: number
  use: HouseUse
  /** the estate-local owner slot, or -1 for a house without an owner */
  ownerSlot: number
}

const pad = (value: number, width: number) => String(value).padStart(width, '0')
const formatArea = (cents: number) => `${Math.floor(cents / 100)}.${pad(cents % 100, 2)}`

/** Probability a house of this use has no registered owner (unsold, developer-held, public). */
const VACANCY: Record<HouseUse, number> = { 住宅: 0.06, 商业: 0.12, 办公: 0.12, 车库: 0.25, 其他: 0.5 }
/** Probability an owned house belongs to someone who already owns a house in the estate. */
const REPEAT_OWNER: Record<HouseUse, number> = { 住宅: 0.02, 商业: 0.05, 办公: 0.05, 车库: 0.6, 其他: 0 }

function buildingShape(r: ReturnType<typeof createRandom>, use: HouseUse) {
  switch (use) {
    case '商业':
      return { floors: r.int(2, 6), units: 1, perFloor: r.int(4, 12), areas: [] as number[], minArea: 2000, maxArea: 30000 }
    case '办公':
      return { floors: r.int(8, 40), units: 1, perFloor: r.int(4, 10), areas: [] as number[], minArea: 6000, maxArea: 40000 }
    default:
      return { floors: r.int(6, 33), units: r.int(1, 4), perFloor: r.int(2, 6), areas: [] as number[], minArea: 5500, maxArea: 16000 }
  }
}

/**
 * The houses of one estate, in order: the main buildings (栋 / 单元 / 房号 = floor + room), then the
 * underground parking (车库) and a few ancillary rooms (其他). Deterministic per (seed, estate index),
 * so the owners pass and the houses pass replay exactly the same plan without keeping it in memory.
 */
export function* planHouses(seed: number, estate: Pick<EstateInfo, 'index' | 'estateType'>, scale: Pick<Scale, 'housesPerEstate'>): Generator<PlannedHouse> {
  const r = createRandom(deriveSeed(seed, 'houses', estate.index))
  const total = r.int(...scale.housesPerEstate)
  const garageShare = estate.estateType === '商业' ? 0.08 : 0.1
  let garages = Math.round(total * garageShare * (0.5 + r.next()))
  let others = estate.estateType === '住宅' && r.chance(0.5) ? r.int(1, 3) : 0
  if (garages + others >= total) (garages = 0), (others = 0)
  const main = total - garages - others

  let slots = 0
  const owner = (use: HouseUse) => {
    if (r.chance(VACANCY[use])) return -1
    if (slots > 0 && r.chance(REPEAT_OWNER[use])) return r.int(0, slots - 1)
    return slots++
  }

  let made = 0
  for (let b = 1; made < main; b++) {
    const use: HouseUse =
      estate.estateType === '商业' ? '商业'
      : estate.estateType === '办公' ? '办公'
      : estate.estateType === '混合' ? r.pick(['住宅', '住宅', '住宅', '商业', '办公'] as const)
      : '住宅'
    const shape = buildingShape(r, use)
    // one area per room position: every floor of a building repeats the same layouts
    for (let k = 0; k < shape.perFloor; k++) shape.areas.push(r.int(shape.minArea, shape.maxArea))
    const building = `${b}栋`
    for (let u = 1; u <= shape.units && made < main; u++) {
      const unit = `${u}单元`
      for (let floor = 1; floor <= shape.floors && made < main; floor++) {
        for (let k = 1; k <= shape.perFloor && made < main; k++, made++) {
          yield { building, unit, number: `${floor}${pad(k, 2)}`, areaCents: shape.areas[k - 1] + r.int(-50, 50), use, ownerSlot: owner(use) }
        }
      }
    }
  }
  for (let i = 0; i < garages; i++) {
    const level = Math.floor(i / 300) + 1
    yield { building: '地下车库', unit: `负${level}层`, number: `${pad(i + 1, 4)}号车位`, areaCents: r.int(1150, 1650), use: '车库', ownerSlot: owner('车库') }
  }
  for (let i = 0; i < others; i++) {
    yield { building: '配套用房', unit: '1单元', number: `${pad(i + 1, 3)}`, areaCents: r.int(2000, 20000), use: '其他', ownerSlot: owner('其他') }
  }
}

/**
 * 房屋 and 业主 for every generated estate, then the estates' house_count / household_count /
 * building_area set from exactly those houses.
 *
 * One connection can run one COPY at a time and houses reference owners, so it is two streamed
 * passes over the same deterministic per-estate plan: pass 1 COPYs the owners (ids preallocated,
 * remembering where each estate's owner ids start), pass 2 COPYs the houses pointing at them.
 */
export const housesAndOwners: DataGenerator = {
  name: 'houses_and_owners',
  description: '房屋 (building/unit/number, area, use) and their owners; estate totals from them',
  tables: ['houses', 'owners'],
  async run(ctx) {
    const { state, scale, seed } = ctx
    const people = ctx.people()
    const ids = ctx.random('id_numbers')
    const ownerStart = new Float64Array(state.estates.length)
    let houseTotal = 0

    let mark = performance.now()
    const lap = (what: string) => {
      ctx.log(`  ${what}: ${((performance.now() - mark) / 1000).toFixed(1)}s`)
      mark = performance.now()
    }
    let nextOwnerId = await ctx.firstId('owners')
    const ownersBar = ctx.progress.start('owners', state.estates.length, 'estates')
    function* ownerRows(): Generator<CopyValue[]> {
      for (const estate of state.estates) {
        let slots = 0
        for (const house of planHouses(seed, estate, scale)) {
          houseTotal++
          if (house.ownerSlot >= slots) slots = house.ownerSlot + 1
        }
        ownerStart[estate.index] = nextOwnerId
        for (let s = 0; s < slots; s++) yield [nextOwnerId++, people.name(), people.phone(), idNumber(ids)]
        ownersBar.increment()
      }
    }
    const owners = await ctx.copy('owners', ['id', 'name', 'phone', 'id_number'], ownerRows())
    ownersBar.stop()
    lap('owners COPY')

    let nextHouseId = await ctx.firstId('houses')
    const housesBar = ctx.progress.start('houses', houseTotal, 'houses')
    function* houseRows(): Generator<CopyValue[]> {
      for (const estate of state.estates) {
        const base = ownerStart[estate.index]
        let count = 0
        for (const house of planHouses(seed, estate, scale)) {
          count++
          yield [nextHouseId++, estate.id, house.building, house.unit, house.number, formatArea(house.areaCents), house.use,
            house.ownerSlot < 0 ? null : base + house.ownerSlot]
        }
        housesBar.increment(count)
      }
    }
    // checked in one pass when re-added instead of row by row at the end of the COPY (≈2x faster)
    const houses = await withForeignKeysDeferred(ctx.client, 'houses', async () => {
      const written = await ctx.copy('houses', ['id', 'estate_id', 'building', 'unit', 'number', 'building_area', 'house_use', 'owner_id'], houseRows())
      housesBar.stop()
      lap('houses COPY')
      return written
    })
    lap('houses foreign keys validated')

    await ctx.syncSequence('owners')
    await ctx.syncSequence('houses')
    await ctx.client.query(`
      UPDATE estates e
         SET house_count = a.houses, household_count = a.households, building_area = a.area
        FROM (SELECT estate_id, count(*)::int AS houses, count(owner_id)::int AS households, sum(building_area) AS area
                FROM houses GROUP BY estate_id) a
       WHERE a.estate_id = e.id`)
    lap('estate totals from houses')
    await ctx.client.query('ANALYZE owners')
    await ctx.client.query('ANALYZE houses')
    await ctx.client.query('ANALYZE estates')
    lap('ANALYZE')
    return { owners, houses }
  },
}
