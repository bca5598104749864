import { createRandom, deriveSeed, type Random } from './random.ts'
import type { CopyValue } from './copy.ts'
import type { DataGenerator, EstateInfo, Scale } from './types.ts'

const KINDS = ['owned', 'civil_defense', 'rented', 'temporary', 'charging', 'other'] as const
/** typical shares of the kinds in a Shenzhen estate (each estate varies them) */
const KIND_WEIGHTS = [0.45, 0.12, 0.18, 0.1, 0.1, 0.05]
const DAY = 86_400_000

function weighted<T>(r: Random, items: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((sum, w) => sum + w, 0)
  let x = r.next() * total
  for (let i = 0; i < items.length; i++) {
    x -= weights[i]
    if (x < 0) return items[i]
  }
  return items[items.length - 1]
}

export interface PlannedParking {
  /** when the project manager filled the parking information in; null = never */
  filledAt: Date | null
  spaces: { code: string; kind: (typeof KINDS)[number]; location: string; status: 'in_use' | 'idle' | 'disabled' }[]
}

/**
 * One estate's parking, deterministic per (seed, estate index): most estates filled their parking
 * information in (住宅 88 %, others 75 %) with about 0.4–1.1 spaces per planned house, kinds drawn
 * from the estate's own mix. (The parking disputes are 纠纷化解台账's `parking_*` disputes: generators/disputes.ts.)
 */
export function planParking(seed: number, estate: Pick<EstateInfo, 'index' | 'estateType'>, scale: Pick<Scale, 'housesPerEstate'>, now: Date): PlannedParking {
  const r = createRandom(deriveSeed(seed, 'parking', estate.index))
  const filled = r.chance(estate.estateType === '住宅' ? 0.88 : 0.75)
  const spaces: PlannedParking['spaces'] = []
  let filledAt: Date | null = null
  if (filled) {
    filledAt = new Date(now.getTime() - r.int(1, 720) * DAY - r.int(0, 86_399) * 1000)
    const count = Math.max(1, Math.round(r.int(...scale.housesPerEstate) * (0.4 + 0.7 * r.next())))
    const weights = KIND_WEIGHTS.map((w) => w * (0.5 + r.next()))
    const levels = count > 300 ? 2 : 1
    for (let i = 0; i < count; i++) {
      const kind = weighted(r, KINDS, weights)
      const ground = kind === 'temporary' && r.chance(0.6)
      const level = ground ? 0 : 1 + (i % levels)
      const zone = String.fromCharCode(65 + r.int(0, 3))
      spaces.push({
        code: `${ground ? 'D' : `B${level}`}-${String(i + 1).padStart(4, '0')}`,
        kind,
        location: ground ? `地面停车场${zone}区` : `地下${level === 1 ? '一' : '二'}层${zone}区`,
        status: r.chance(0.84) ? 'in_use' : r.chance(0.8) ? 'idle' : 'disabled',
      })
    }
  }
  return { filledAt, spaces }
}

/**
 * 车位信息 (module 10): each estate's parking spaces (≈ 57k at demo scale, ≈ 2M at city scale, streamed
 * with COPY) and when it filled its parking information in.
 */
export const parking: DataGenerator = {
  name: 'parking',
  description: '车位 (kind, number, location, status) per estate, the parking information filled-in marker',
  tables: ['parking_spaces', 'estate_parking_profiles'],
  async run(ctx) {
    const { state, scale, seed, now } = ctx
    const bar = ctx.progress.start('parking spaces', state.estates.length, 'estates')
    // one pass over the plans: spaces stream into COPY, the few profiles are kept for theirs
    const profileRows: CopyValue[][] = []
    function* spaceRows(): Generator<CopyValue[]> {
      for (const estate of state.estates) {
        const planned = planParking(seed, estate, scale, now)
        if (planned.filledAt) profileRows.push([estate.id, planned.filledAt, null])
        for (const space of planned.spaces) yield [estate.id, space.kind, space.code, space.location, space.status, 1, now, now]
        bar.increment()
      }
    }
    const spaces = await ctx.copy('parking_spaces', ['estate_id', 'kind', 'code', 'location', 'status', 'version', 'created_at', 'updated_at'], spaceRows())
    bar.stop()
    const profiles = await ctx.copy('estate_parking_profiles', ['estate_id', 'filled_at', 'filled_by'], profileRows)
    await ctx.client.query('ANALYZE parking_spaces')
    return { parking_spaces: spaces, estate_parking_profiles: profiles }
  },
}
