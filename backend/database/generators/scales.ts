import type { Scale } from './types.ts'

/**
 * demo: what `npm start` loads (~300 communities, ~1.5k estates, ~90k houses; a few seconds).
 * city: Shenzhen-sized (~700 communities, ~5.5k estates, ~3M houses, ~2.6M owners; minutes).
 */
export const SCALES: Record<string, Scale> = {
  demo: { communitiesPerStreet: [3, 5], estatesPerCommunity: [3, 7], housesPerEstate: [20, 100] },
  // ~190 notices per street: ≥ 1,000,000 notice receipts (the bench's read statistics)
  city: { communitiesPerStreet: [8, 11], estatesPerCommunity: [6, 10], housesPerEstate: [80, 1000], noticesPerStreet: [180, 200] },
}
