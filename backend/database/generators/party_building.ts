import { createRandom, deriveSeed, type Random } from './random.ts'
import type { CopyValue } from './copy.ts'
import type { DataGenerator, EstateInfo } from './types.ts'

const DAY = 86_400_000
const ORG_KINDS = ['independent', 'joint', 'functional'] as const
const ORG_KIND_NAMES = { independent: '党支部', joint: '联合党支部', functional: '功能型党小组' } as const

/** 民意征集 question pool: each collection asks 3–5 of them */
const QUESTIONS: readonly { title: string; options: readonly string[]; weights: readonly number[] }[] = [
  { title: '您对小区物业服务的总体评价', options: ['满意', '基本满意', '不满意'], weights: [0.55, 0.33, 0.12] },
  { title: '您最希望改善的公共设施', options: ['电梯', '停车场', '绿化', '健身设施', '其他'], weights: [0.28, 0.3, 0.16, 0.18, 0.08] },
  { title: '您是否支持加装充电桩', options: ['支持', '不支持', '无所谓'], weights: [0.7, 0.1, 0.2] },
  { title: '您是否愿意参加社区志愿服务', options: ['愿意', '视情况而定', '不愿意'], weights: [0.46, 0.4, 0.14] },
  { title: '您对垃圾分类工作的评价', options: ['很好', '一般', '较差'], weights: [0.5, 0.38, 0.12] },
  { title: '您是否了解本小区的业委会', options: ['了解', '听说过', '不了解'], weights: [0.34, 0.41, 0.25] },
  { title: '您认为小区最突出的问题', options: ['停车难', '噪音', '安全隐患', '环境卫生', '邻里纠纷'], weights: [0.35, 0.18, 0.17, 0.2, 0.1] },
  { title: '您是否支持使用公共收益改善小区环境', options: ['支持', '不支持'], weights: [0.82, 0.18] },
]
const TOPICS = ['小区治理', '物业服务', '红色物业建设', '停车管理', '加装电梯', '环境整治', '社区党建', '公共收益使用']

function weighted(r: Random, weights: readonly number[]): number {
  const total = weights.reduce((sum, w) => sum + w, 0)
  let x = r.next() * total
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i]
    if (x < 0) return i
  }
  return weights.length - 1
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10)

export interface PlannedEstateParty {
  /** the estate's own 党组织 (none, or one; a large estate sometimes a second 功能型党小组) */
  organizations: { kind: (typeof ORG_KINDS)[number]; foundedOn: string }[]
  /** its owners' committee (none when it has no 业委会) */
  members: { role: 'director' | 'deputy' | 'member'; partyMember: boolean }[]
  /** the year it became a 红色物业 project; null = not one */
  redYear: number | null
}

/**
 * One estate's party building, deterministic per (seed, estate index), following the estate's own
 * flags of 项目管理 (`estates.has_party_org`, `has_committee`): an estate with a 党组织 has one (a few a
 * second 功能型党小组), one with an owners' committee has 5–9 members (about a third of them party
 * members, more where there is a 党组织), and about a third of the estates with a 党组织 are 红色物业
 * projects designated 2019 or later.
 */
export function planEstateParty(seed: number, estate: Pick<EstateInfo, 'index'>, flags: { partyOrg: boolean; committee: boolean }, now: Date): PlannedEstateParty {
  const r = createRandom(deriveSeed(seed, 'party_building', estate.index))
  const organizations: PlannedEstateParty['organizations'] = []
  if (flags.partyOrg) {
    organizations.push({ kind: r.chance(0.75) ? 'independent' : 'joint', foundedOn: isoDay(new Date(now.getTime() - r.int(60, 3650) * DAY)) })
    if (r.chance(0.08)) organizations.push({ kind: 'functional', foundedOn: isoDay(new Date(now.getTime() - r.int(30, 1500) * DAY)) })
  }
  const members: PlannedEstateParty['members'] = []
  if (flags.committee) {
    const size = r.int(5, 9)
    const share = organizations.length > 0 ? 0.45 : 0.22
    for (let i = 0; i < size; i++) members.push({ role: i === 0 ? 'director' : i === 1 ? 'deputy' : 'member', partyMember: r.chance(share) })
  }
  const redYear = organizations.length > 0 && r.chance(0.35) ? r.int(2019, now.getUTCFullYear()) : null
  return { organizations, members, redYear }
}

/**
 * 党建园地 (module 24): each estate's 党组织, owners' committee members and 红色物业 marker; half the
 * communities a community-level 联合党支部 (≈ 2.5k organisations at city scale); 民意征集 of every
 * street (scale `opinionCollectionsPerStreet`, default 2–4) with one response per respondent from its
 * estates (`opinionResponsesPerEstate` per collection, default 2–8; ≈ 1M at city scale, streamed with COPY).
 */
export const partyBuilding: DataGenerator = {
  name: 'party_building',
  description: '党组织 (estate / community), 业委会成员 (party members), 红色物业, 民意征集 and their responses',
  tables: ['opinion_responses', 'opinion_collections', 'red_property_projects', 'committee_members', 'party_organizations'],
  async run(ctx) {
    const { state, seed, now, scale } = ctx
    const people = ctx.people('party_building')
    const communities = new Map(state.communities.map((community) => [community.id, community]))
    const bar = ctx.progress.start('party building', state.estates.length, 'estates')
    const orgRows: CopyValue[][] = []
    const memberRows: CopyValue[][] = []
    const redRows: CopyValue[][] = []
    const flags = new Map<number, { partyOrg: boolean; committee: boolean }>(
      (await ctx.client.query('select id, has_party_org, has_committee from estates')).rows.map((row) => [Number(row.id), { partyOrg: Boolean(row.has_party_org), committee: Boolean(row.has_committee) }])
    )
    for (const estate of state.estates) {
      const planned = planEstateParty(seed, estate, flags.get(estate.id) ?? { partyOrg: false, committee: false }, now)
      planned.organizations.forEach((org, i) =>
        orgRows.push([estate.communityId, estate.id, 'estate', `物业项目${i === 0 ? '' : '第二'}${ORG_KIND_NAMES[org.kind]}（演示${estate.id}）`, org.kind, org.foundedOn, people.name(), now])
      )
      for (const member of planned.members) memberRows.push([estate.id, people.name(), member.role, member.partyMember, now])
      if (planned.redYear) redRows.push([estate.id, planned.redYear])
      bar.increment()
    }
    bar.stop()
    const r = ctx.random('communities')
    for (const community of state.communities) {
      if (r.chance(0.5)) orgRows.push([community.id, null, 'community', `${community.name.replace(/（.*）$/, '')}联合党支部`, 'joint', isoDay(new Date(now.getTime() - r.int(365, 5000) * DAY)), people.name(), now])
    }
    const organizations = await ctx.copy('party_organizations', ['community_id', 'estate_id', 'level', 'name', 'kind', 'founded_on', 'secretary', 'created_at'], orgRows)
    const members = await ctx.copy('committee_members', ['estate_id', 'name', 'role', 'is_party_member', 'created_at'], memberRows)
    const reds = await ctx.copy('red_property_projects', ['estate_id', 'designated_year'], redRows)

    // 民意征集: per street, collections spread over the last two years (the latest may still be open or upcoming)
    const estatesByStreet = new Map<number, EstateInfo[]>()
    for (const estate of state.estates) {
      const streetId = communities.get(estate.communityId)!.streetId
      if (!estatesByStreet.has(streetId)) estatesByStreet.set(streetId, [])
      estatesByStreet.get(streetId)!.push(estate)
    }
    const perStreet = scale.opinionCollectionsPerStreet ?? [2, 4]
    const perEstate = scale.opinionResponsesPerEstate ?? [2, 8]
    const collectionRows: CopyValue[][] = []
    const plans: { id: number; streetId: number; questions: number[]; startsOn: Date; endsOn: Date }[] = []
    let nextId = await ctx.firstId('opinion_collections')
    for (const street of state.streets) {
      if (!estatesByStreet.has(street.id)) continue
      const rs = createRandom(deriveSeed(seed, 'opinion_collections', street.id))
      const count = rs.int(...perStreet)
      for (let i = 0; i < count; i++) {
        const start = new Date(now.getTime() - Math.round(((count - i) / count) * 700 * DAY) + rs.int(-10, 30) * DAY)
        const end = new Date(start.getTime() + rs.int(14, 45) * DAY)
        const picked = [...QUESTIONS.keys()].sort(() => rs.next() - 0.5).slice(0, rs.int(3, 5))
        const id = nextId++
        plans.push({ id, streetId: street.id, questions: picked, startsOn: start, endsOn: end })
        const questions = picked.map((q) => ({ title: QUESTIONS[q].title, options: QUESTIONS[q].options }))
        collectionRows.push([id, street.id, `${street.name}${rs.pick(TOPICS)}民意征集（${isoDay(start).slice(0, 7)}）`, isoDay(start), isoDay(end), JSON.stringify(questions), now])
      }
    }
    const collections = await ctx.copy('opinion_collections', ['id', 'street_id', 'title', 'starts_on', 'ends_on', 'questions', 'created_at'], collectionRows)
    await ctx.syncSequence('opinion_collections')
    const responseBar = ctx.progress.start('opinion responses', plans.length, 'collections')
    function* responseRows(): Generator<CopyValue[]> {
      for (const plan of plans) {
        const rr = createRandom(deriveSeed(seed, 'opinion_responses', plan.id))
        const last = Math.min(plan.endsOn.getTime(), now.getTime())
        if (plan.startsOn.getTime() <= now.getTime()) {
          for (const estate of estatesByStreet.get(plan.streetId)!) {
            for (let n = rr.int(...perEstate); n > 0; n--) {
              const answers = plan.questions.map((q) => weighted(rr, QUESTIONS[q].weights))
              const at = new Date(plan.startsOn.getTime() + Math.floor(rr.next() * Math.max(1, last - plan.startsOn.getTime())))
              yield [plan.id, estate.id, `{${answers.join(',')}}`, at]
            }
          }
        }
        responseBar.increment()
      }
    }
    const responses = await ctx.copy('opinion_responses', ['collection_id', 'estate_id', 'answers', 'submitted_at'], responseRows())
    responseBar.stop()
    await ctx.client.query('ANALYZE opinion_responses')
    return { party_organizations: organizations, committee_members: members, red_property_projects: reds, opinion_collections: collections, opinion_responses: responses }
  },
}
