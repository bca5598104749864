import { test } from '@japa/runner'
import fc from 'fast-check'
import {
  ART_278_ITEMS,
  type Art278Item,
  type Choice,
  type HouseOwnership,
  type StandingBallot,
  TallyInputError,
  ownerKeyOf,
  standingBallots,
  tally,
  toTallyHouse,
} from '#modules/voting/tally'

/**
 * The art. 278 tally against a brute-force reference written from the words of domain-rules.md §1,
 * on random estates, plus the boundaries the issue names.
 */

// ---------- reference: slow, literal, independent of the implementation's bookkeeping ----------

/** exact fraction compare: n/d ⋛ p/q by reducing both to the denominator d·q */
const fraction = (n: bigint, d: bigint) => ({ n, d })
const cmp = (a: { n: bigint; d: bigint }, b: { n: bigint; d: bigint }) => {
  const left = a.n * b.d
  const right = b.n * a.d
  return left === right ? 0 : left > right ? 1 : -1
}

function referenceTally(item: Art278Item, houses: HouseOwnership[], ballots: Map<string, Choice>) {
  // the owner of a house, as the interpretation words it: the developer once; the same person or set
  // of co-owners once; a house without a registered owner is one owner by itself
  const sameOwner = (a: HouseOwnership, b: HouseOwnership) => {
    if (a.developerHeld || b.developerHeld) return Boolean(a.developerHeld && b.developerHeld)
    const sa = new Set(a.ownerIds)
    const sb = new Set(b.ownerIds)
    if (sa.size === 0 || sb.size === 0) return a.id === b.id
    return sa.size === sb.size && [...sa].every((o) => sb.has(o))
  }
  const owners: HouseOwnership[][] = []
  for (const house of houses) {
    const group = owners.find((g) => sameOwner(g[0], house))
    if (group) group.push(house)
    else owners.push([house])
  }
  let totalArea = 0n
  for (const h of houses) totalArea += BigInt(h.areaCenti)
  let partArea = 0n
  let agreeArea = 0n
  let partOwners = 0n
  let agreeOwners = 0n
  for (const group of owners) {
    const cast = group.filter((h) => ballots.has(h.id))
    for (const h of cast) {
      partArea += BigInt(h.areaCenti)
      if (ballots.get(h.id) === 'agree') agreeArea += BigInt(h.areaCenti)
    }
    if (cast.length === 0) continue
    partOwners++
    const choices = new Set(cast.map((h) => ballots.get(h.id)))
    if (choices.size === 1) {
      if (choices.has('agree')) agreeOwners++
    } else {
      let voted = 0n
      let agreed = 0n
      for (const h of cast) {
        voted += BigInt(h.areaCenti)
        if (ballots.get(h.id) === 'agree') agreed += BigInt(h.areaCenti)
      }
      if (cmp(fraction(agreed, voted), fraction(1n, 2n)) > 0) agreeOwners++
    }
  }
  const totalOwners = BigInt(owners.length)
  const quorum = totalArea > 0n && cmp(fraction(partArea, totalArea), fraction(2n, 3n)) >= 0 &&
    cmp(fraction(partOwners, totalOwners), fraction(2n, 3n)) >= 0
  const special = item === 6 || item === 7 || item === 8
  const share = (a: bigint, of: bigint) => of > 0n &&
    (special ? cmp(fraction(a, of), fraction(3n, 4n)) >= 0 : cmp(fraction(a, of), fraction(1n, 2n)) > 0)
  return {
    total: { areaCenti: Number(totalArea), owners: Number(totalOwners) },
    participating: { areaCenti: Number(partArea), owners: Number(partOwners) },
    agree: { areaCenti: Number(agreeArea), owners: Number(agreeOwners) },
    passed: quorum && share(agreeArea, partArea) && share(agreeOwners, partOwners),
  }
}

// ---------- generators ----------

const PEOPLE = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6']
const houseArb = fc.record({
  areaCenti: fc.oneof(fc.integer({ min: 1, max: 30_000 }), fc.constantFrom(5_000, 10_000, 15_000)),
  ownerIds: fc.subarray(PEOPLE, { maxLength: 3 }),
  // the developer holds a few houses, not half of them
  developerHeld: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
  choice: fc.option(fc.constantFrom<Choice>('agree', 'oppose', 'abstain'), { nil: undefined, freq: 3 }),
})
const estateArb = fc.record({
  item: fc.constantFrom(...ART_278_ITEMS),
  houses: fc.array(houseArb, { minLength: 1, maxLength: 24 }),
})

const build = (raw: { houses: { areaCenti: number; ownerIds: string[]; developerHeld: boolean; choice?: Choice }[] }) => {
  const houses: HouseOwnership[] = raw.houses.map((h, i) => ({ id: `h${i}`, areaCenti: h.areaCenti, ownerIds: h.ownerIds, developerHeld: h.developerHeld }))
  const ballots = new Map<string, Choice>()
  raw.houses.forEach((h, i) => {
    // an unowned house has nobody to vote for it
    if (h.choice && (h.developerHeld || h.ownerIds.length > 0)) ballots.set(`h${i}`, h.choice)
  })
  return { houses, ballots }
}
const run = (item: Art278Item, houses: HouseOwnership[], ballots: Map<string, Choice>) =>
  tally(item, houses.map(toTallyHouse), [...ballots].map(([houseId, choice]) => ({ houseId, choice })))

// ---------- fixtures for the boundaries ----------

/** n single-owner houses of equal area, owned by o1…on */
const singles = (n: number, area = 10_000): HouseOwnership[] =>
  Array.from({ length: n }, (_, i) => ({ id: `h${i + 1}`, areaCenti: area, ownerIds: [`o${i + 1}`] }))
const votes = (...pairs: [string, Choice][]) => new Map<string, Choice>(pairs)
const firstN = (n: number, choice: Choice, from = 1) =>
  Array.from({ length: n }, (_, i) => [`h${i + from}`, choice] as [string, Choice])

test.group('Voting · art. 278 tally (property)', () => {
  test('equals the brute-force reference on random estates', ({ assert }) => {
    fc.assert(fc.property(estateArb, ({ item, houses: raw }) => {
      const { houses, ballots } = build({ houses: raw })
      const got = run(item, houses, ballots)
      const want = referenceTally(item, houses, ballots)
      assert.deepEqual({ total: got.total, participating: got.participating, agree: got.agree, passed: got.passed }, want)
    }), { numRuns: 2000, seed: 20261207 })
  })

  test('the result is independent of the order of houses and ballots', ({ assert }) => {
    fc.assert(fc.property(estateArb, fc.integer(), ({ item, houses: raw }, salt) => {
      const { houses, ballots } = build({ houses: raw })
      const shuffled = [...houses].sort((a, b) => ((a.id.length * 31 + salt) % 7) - ((b.id.length * 17 + salt) % 5))
      const reversedBallots = new Map([...ballots].reverse())
      assert.deepEqual(run(item, shuffled, reversedBallots), run(item, houses, ballots))
    }), { numRuns: 300, seed: 7 })
  })
})

test.group('Voting · art. 278 tally (boundaries)', () => {
  test('quorum: exactly 2/3 of area and owners is enough, one house less is not', ({ assert }) => {
    const houses = singles(9)
    const six = votes(...firstN(6, 'agree'))
    const r = run(1, houses, six)
    assert.deepEqual(r.participating, { areaCenti: 60_000, owners: 6 })
    assert.deepEqual(r.quorum, { area: true, owners: true, met: true })
    assert.isTrue(r.passed)
    const five = votes(...firstN(5, 'agree'))
    const r5 = run(1, houses, five)
    assert.deepEqual(r5.quorum, { area: false, owners: false, met: false })
    assert.isFalse(r5.passed)
  })

  test('quorum needs both: 2/3 of owners with less than 2/3 of the area fails', ({ assert }) => {
    // 6 small houses vote, 3 large ones do not: owners 6/9, area 6·1 / (6·1 + 3·10) = 1/6
    const houses = [...singles(6, 1_000), ...singles(3, 10_000).map((h, i) => ({ ...h, id: `big${i}`, ownerIds: [`b${i}`] }))]
    const r = run(1, houses, votes(...firstN(6, 'agree')))
    assert.deepEqual(r.quorum, { area: false, owners: true, met: false })
    assert.isFalse(r.passed)
  })

  test('items 6–8: exactly 3/4 of the participating area and owners passes, just below fails', ({ assert }) => {
    const houses = singles(8)
    const r = run(6, houses, votes(...firstN(6, 'agree'), ...firstN(2, 'oppose', 7)))
    assert.equal(r.rule, 'special')
    assert.deepEqual(r.agree, { areaCenti: 60_000, owners: 6 })
    assert.deepEqual(r.threshold, { area: true, owners: true, met: true })
    assert.isTrue(r.passed)
    // 6 of 8 owners agree but their area is one 0.01 m² short of 3/4
    const uneven = houses.map((h) => (h.id === 'h1' ? { ...h, areaCenti: 9_999 } : h))
    const r2 = run(7, uneven, votes(...firstN(6, 'agree'), ...firstN(2, 'oppose', 7)))
    assert.deepEqual(r2.threshold, { area: false, owners: true, met: false })
    assert.isFalse(r2.passed)
  })

  test('ordinary items: exactly 1/2 fails, one more passes; 弃权 takes part but is not 同意', ({ assert }) => {
    const houses = singles(8)
    const half = run(4, houses, votes(...firstN(4, 'agree'), ...firstN(2, 'oppose', 5), ...firstN(2, 'abstain', 7)))
    assert.deepEqual(half.participating, { areaCenti: 80_000, owners: 8 })
    assert.deepEqual(half.threshold, { area: false, owners: false, met: false })
    assert.isFalse(half.passed)
    const more = run(4, houses, votes(...firstN(5, 'agree'), ...firstN(3, 'abstain', 6)))
    assert.isTrue(more.passed)
  })

  test('item 5 (using the repair fund) is ordinary, item 6 (raising it) needs 3/4', ({ assert }) => {
    const houses = singles(10)
    const ballots = votes(...firstN(7, 'agree'), ...firstN(3, 'oppose', 8))
    const use = run(5, houses, ballots)
    const raise = run(6, houses, ballots)
    assert.equal(use.rule, 'ordinary')
    assert.isTrue(use.passed)
    assert.equal(raise.rule, 'special')
    assert.isFalse(raise.passed)
  })

  test('one owner with many houses: every house\'s area counts, the owner once', ({ assert }) => {
    // o1 holds h1…h4; o2, o3 one house each
    const houses: HouseOwnership[] = [
      ...[1, 2, 3, 4].map((i) => ({ id: `h${i}`, areaCenti: 10_000, ownerIds: ['o1'] })),
      { id: 'h5', areaCenti: 10_000, ownerIds: ['o2'] },
      { id: 'h6', areaCenti: 10_000, ownerIds: ['o3'] },
    ]
    const alike = run(1, houses, votes(...firstN(4, 'agree'), ['h5', 'oppose']))
    assert.deepEqual(alike.total, { areaCenti: 60_000, owners: 3 })
    assert.deepEqual(alike.participating, { areaCenti: 50_000, owners: 2 })
    assert.deepEqual(alike.agree, { areaCenti: 40_000, owners: 1 })
    // owners 1 of 2 = exactly 1/2: not more than half
    assert.deepEqual(alike.threshold, { area: true, owners: false, met: false })

    // o1's houses differ: 3 of 4 houses (3/4 of their area) agree → o1 counts toward 同意
    const differently = run(1, houses, votes(...firstN(3, 'agree'), ['h4', 'oppose'], ['h5', 'agree']))
    assert.deepEqual(differently.agree, { areaCenti: 40_000, owners: 2 })
    // o1's houses split evenly by area → o1 takes part but does not count toward 同意
    const split = run(1, houses, votes(['h1', 'agree'], ['h2', 'agree'], ['h3', 'oppose'], ['h4', 'abstain'], ['h5', 'agree']))
    assert.deepEqual(split.participating.owners, 2)
    assert.deepEqual(split.agree, { areaCenti: 30_000, owners: 1 })
  })

  test('co-owned houses: one ballot, one owner; the same co-owners twice are one owner, not the same as one of them alone', ({ assert }) => {
    const houses: HouseOwnership[] = [
      { id: 'h1', areaCenti: 10_000, ownerIds: ['wife', 'husband'] },
      { id: 'h2', areaCenti: 10_000, ownerIds: ['husband', 'wife'] },
      { id: 'h3', areaCenti: 10_000, ownerIds: ['husband'] },
    ]
    assert.equal(ownerKeyOf(houses[0]), ownerKeyOf(houses[1]))
    assert.notEqual(ownerKeyOf(houses[0]), ownerKeyOf(houses[2]))
    const r = run(1, houses, votes(['h1', 'agree'], ['h2', 'agree'], ['h3', 'agree']))
    assert.deepEqual(r.total, { areaCenti: 30_000, owners: 2 })
    assert.deepEqual(r.agree, { areaCenti: 30_000, owners: 2 })
  })

  test('the developer\'s unsold houses together are one owner', ({ assert }) => {
    const houses: HouseOwnership[] = [
      ...singles(2),
      ...[1, 2, 3, 4, 5].map((i) => ({ id: `d${i}`, areaCenti: 10_000, ownerIds: [], developerHeld: true })),
    ]
    const r = run(1, houses, votes(['d1', 'agree'], ['d2', 'agree'], ['d3', 'agree'], ['d4', 'agree'], ['d5', 'agree'], ['h1', 'oppose']))
    assert.deepEqual(r.total, { areaCenti: 70_000, owners: 3 })
    assert.deepEqual(r.participating, { areaCenti: 60_000, owners: 2 })
    assert.deepEqual(r.agree, { areaCenti: 50_000, owners: 1 })
    // area 5/6 agrees, owners 1/2: not more than half → fails
    assert.isFalse(r.passed)
  })

  test('houses without a registered owner count in the totals and cannot reach the quorum for anyone', ({ assert }) => {
    const houses: HouseOwnership[] = [...singles(2), { id: 'x1', areaCenti: 10_000, ownerIds: [] }, { id: 'x2', areaCenti: 10_000, ownerIds: [] }]
    const r = run(1, houses, votes(['h1', 'agree'], ['h2', 'agree']))
    assert.deepEqual(r.total, { areaCenti: 40_000, owners: 4 })
    assert.deepEqual(r.quorum, { area: false, owners: false, met: false })
    assert.isFalse(r.passed)
  })

  test('no ballots at all: no quorum, nothing passes, no division by zero', ({ assert }) => {
    const r = run(9, singles(3), votes())
    assert.deepEqual(r.participating, { areaCenti: 0, owners: 0 })
    assert.deepEqual(r.threshold, { area: false, owners: false, met: false })
    assert.isFalse(r.passed)
  })

  test('exact at areas near the limit of exact integers: one 0.01 m² below 2/3 is not 2/3', ({ assert }) => {
    // total 7,800,000,000,000,003 (< 2^53); 2/3 of it is 5,200,000,000,000,002
    const houses: HouseOwnership[] = [
      { id: 'a', areaCenti: 5_200_000_000_000_001, ownerIds: ['o1'] },
      { id: 'b', areaCenti: 2_600_000_000_000_001, ownerIds: ['o2'] },
      { id: 'c', areaCenti: 1, ownerIds: ['o3'] },
    ]
    assert.equal(run(1, houses, votes(['a', 'agree'])).quorum.area, false)
    const exactly = run(1, houses, votes(['a', 'agree'], ['c', 'agree']))
    assert.deepEqual(exactly.participating, { areaCenti: 5_200_000_000_000_002, owners: 2 })
    assert.deepEqual(exactly.quorum, { area: true, owners: true, met: true })
  })

  test('standing ballots: the last cast per house counts, ties broken by sequence', ({ assert }) => {
    const cast = [
      { houseId: 'h1', choice: 'agree' as Choice, castAt: '2026-12-01T10:00:00Z', seq: 1 },
      { houseId: 'h1', choice: 'oppose' as Choice, castAt: '2026-12-02T10:00:00Z', seq: 2 },
      { houseId: 'h2', choice: 'oppose' as Choice, castAt: '2026-12-02T10:00:00Z', seq: 3 },
      { houseId: 'h2', choice: 'abstain' as Choice, castAt: '2026-12-02T10:00:00Z', seq: 4 },
      { houseId: 'h1', choice: 'abstain' as Choice, castAt: '2026-12-01T11:00:00Z', seq: 5 },
    ]
    const standing = standingBallots(cast).map(({ houseId, choice }) => ({ houseId, choice }) satisfies StandingBallot)
    assert.sameDeepMembers(standing, [{ houseId: 'h1', choice: 'oppose' }, { houseId: 'h2', choice: 'abstain' }])
  })

  test('bad input is refused: unknown house, two ballots for one house, non-integer area', ({ assert }) => {
    const houses = singles(2).map(toTallyHouse)
    assert.throws(() => tally(1, houses, [{ houseId: 'nope', choice: 'agree' }]), TallyInputError)
    assert.throws(() => tally(1, houses, [{ houseId: 'h1', choice: 'agree' }, { houseId: 'h1', choice: 'oppose' }]), TallyInputError)
    assert.throws(() => tally(1, [{ id: 'h', areaCenti: 1.5, ownerKey: 'x' }], []), TallyInputError)
    assert.throws(() => tally(1, [{ id: 'h', areaCenti: 0, ownerKey: 'x' }], []), TallyInputError)
  })
})
