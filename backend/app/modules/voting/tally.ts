/**
 * The tally of one 表决议题 by 《民法典》第二百七十八条 and the Supreme People's Court interpretation on
 * building co-ownership (法释〔2009〕7号, arts. 8–9) — ../shared/spec/domain-rules.md §1.
 *
 * Pure and exact: areas are integers in 0.01 m², every threshold is a cross-multiplied comparison of
 * integers (BigInt, so no sum can overflow), never a float. The voting module feeds it the estate's
 * 专有部分 and the standing ballot of each; the warehouse's tally of a topic is checked against it.
 */

export type Choice = 'agree' | 'oppose' | 'abstain'

/** art. 278 ¶1 items; 6 筹集维修资金, 7 改建重建, 8 改变共有部分用途 need 3/4 (¶2) */
export type Art278Item = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9
export const ART_278_ITEMS: readonly Art278Item[] = [1, 2, 3, 4, 5, 6, 7, 8, 9]
const SPECIAL_ITEMS: readonly Art278Item[] = [6, 7, 8]

export type TallyRule = 'ordinary' | 'special'
export const ruleOf = (item: Art278Item): TallyRule => (SPECIAL_ITEMS.includes(item) ? 'special' : 'ordinary')

/** A 专有部分 as the register knows it. */
export interface HouseOwnership {
  id: string
  /** registered (else surveyed, else contract) exclusive area, in 0.01 m² (> 0) */
  areaCenti: number
  /** the registered owners; several = co-owned */
  ownerIds: readonly string[]
  /** unsold, or sold but not delivered: held by the developer */
  developerHeld?: boolean
}

/**
 * Who a house counts as in the owner count (interpretation art. 9): the developer's houses together
 * are one owner; the same person or the same set of co-owners holding several houses is one owner;
 * a house nobody is registered for still counts as one owner (who cannot vote).
 */
export function ownerKeyOf(house: HouseOwnership): string {
  if (house.developerHeld) return 'developer'
  const owners = [...new Set(house.ownerIds)].sort()
  return owners.length === 0 ? `house:${house.id}` : `owners:${owners.join(',')}`
}

/** A house as the tally needs it. */
export interface TallyHouse {
  id: string
  areaCenti: number
  ownerKey: string
}

export const toTallyHouse = (house: HouseOwnership): TallyHouse => ({ id: house.id, areaCenti: house.areaCenti, ownerKey: ownerKeyOf(house) })

/** The ballot that stands for a house: one per house (a changed ballot replaces the earlier one). */
export interface StandingBallot {
  houseId: string
  choice: Choice
}

/** Cast ballots in any order → the standing one per house: the latest by `castAt`, then by `seq`. */
export function standingBallots<B extends StandingBallot & { castAt: Date | string; seq: number | bigint }>(ballots: readonly B[]): B[] {
  const latest = new Map<string, B>()
  const key = (b: B) => [new Date(b.castAt).getTime(), BigInt(b.seq)] as const
  for (const ballot of ballots) {
    const held = latest.get(ballot.houseId)
    if (!held) { latest.set(ballot.houseId, ballot); continue }
    const [t1, s1] = key(ballot)
    const [t0, s0] = key(held)
    if (t1 > t0 || (t1 === t0 && s1 > s0)) latest.set(ballot.houseId, ballot)
  }
  return [...latest.values()]
}

export interface TallyCount {
  /** 0.01 m² */
  areaCenti: number
  owners: number
}

export interface TallyResult {
  item: Art278Item
  rule: TallyRule
  total: TallyCount
  /** voted 同意, 反对 or 弃权 */
  participating: TallyCount
  agree: TallyCount
  /** ≥ 2/3 of the total area AND ≥ 2/3 of the owners took part */
  quorum: { area: boolean; owners: boolean; met: boolean }
  /** special: ≥ 3/4 of the participating area AND owners; ordinary: > 1/2 of both */
  threshold: { area: boolean; owners: boolean; met: boolean }
  passed: boolean
}

export class TallyInputError extends Error {}

const big = (n: number) => BigInt(n)
/** a/b ≥ p/q with b, q > 0 */
const atLeast = (a: number, b: number, p: number, q: number) => big(a) * big(q) >= big(p) * big(b)
/** a/b > p/q with b, q > 0 */
const moreThan = (a: number, b: number, p: number, q: number) => big(a) * big(q) > big(p) * big(b)

/**
 * Tally one topic.
 *
 * An owner (owner key) takes part when any of their houses has a standing ballot. They count toward
 * 同意 when more than half of the area they voted with voted 同意 — which is "all their ballots are
 * 同意" for an owner with one house or ballots that agree, and the platform's rule for an owner whose
 * houses voted differently (domain-rules §1, stated on the result page). Every house's area counts
 * with its own ballot.
 */
export function tally(item: Art278Item, houses: readonly TallyHouse[], ballots: readonly StandingBallot[]): TallyResult {
  const byId = new Map<string, TallyHouse>()
  const total = { areaCenti: 0, owners: 0 }
  const ownerKeys = new Set<string>()
  for (const house of houses) {
    if (!Number.isSafeInteger(house.areaCenti) || house.areaCenti <= 0) throw new TallyInputError(`house ${house.id}: area must be a positive integer of 0.01 m²`)
    if (byId.has(house.id)) throw new TallyInputError(`house ${house.id} listed twice`)
    byId.set(house.id, house)
    total.areaCenti += house.areaCenti
    ownerKeys.add(house.ownerKey)
  }
  total.owners = ownerKeys.size
  if (!Number.isSafeInteger(total.areaCenti)) throw new TallyInputError('the estate\'s total area is beyond exact integer range')

  const voters = new Map<string, { voted: number; agreed: number }>()
  const participating = { areaCenti: 0, owners: 0 }
  const agree = { areaCenti: 0, owners: 0 }
  const seen = new Set<string>()
  for (const ballot of ballots) {
    const house = byId.get(ballot.houseId)
    if (!house) throw new TallyInputError(`ballot for house ${ballot.houseId}, which is not in the estate`)
    if (seen.has(ballot.houseId)) throw new TallyInputError(`two standing ballots for house ${ballot.houseId}`)
    seen.add(ballot.houseId)
    participating.areaCenti += house.areaCenti
    const voter = voters.get(house.ownerKey) ?? { voted: 0, agreed: 0 }
    voter.voted += house.areaCenti
    if (ballot.choice === 'agree') {
      voter.agreed += house.areaCenti
      agree.areaCenti += house.areaCenti
    }
    voters.set(house.ownerKey, voter)
  }
  participating.owners = voters.size
  for (const voter of voters.values()) {
    if (voter.agreed * 2 > voter.voted) agree.owners++
  }

  const rule = ruleOf(item)
  const quorumArea = total.areaCenti > 0 && atLeast(participating.areaCenti, total.areaCenti, 2, 3)
  const quorumOwners = total.owners > 0 && atLeast(participating.owners, total.owners, 2, 3)
  const quorum = { area: quorumArea, owners: quorumOwners, met: quorumArea && quorumOwners }
  const share = (agreed: number, of: number) =>
    of > 0 && (rule === 'special' ? atLeast(agreed, of, 3, 4) : moreThan(agreed, of, 1, 2))
  const thresholdArea = share(agree.areaCenti, participating.areaCenti)
  const thresholdOwners = share(agree.owners, participating.owners)
  const threshold = { area: thresholdArea, owners: thresholdOwners, met: thresholdArea && thresholdOwners }
  return { item, rule, total, participating, agree, quorum, threshold, passed: quorum.met && threshold.met }
}
