import db from '@adonisjs/lucid/services/db'
import { OWNER_KEY_SQL } from '@szpm/etl'
import type Region from '#models/region'
import { containing } from '#services/like_pattern'
import { estatePlaceNames, joinEstatePlace } from '#services/estate_place'

export interface DecisionTopicFilters {
  estate_id?: number
  meeting_id?: number
  kind?: 'owners_assembly' | 'committee'
  status?: 'published' | 'closed'
  result?: 'passed' | 'failed'
  /** part of the estate's, the meeting's or the topic's name */
  q?: string
}

const AREA = '(h.building_area * 100)::bigint'

/**
 * The topic's standing ballots per owner key (the tally's owners): ballots, participating area and
 * owners, 同意 area, and the owners counted as 同意 (more than half of the area they voted with) —
 * the live tally's numbers (app/modules/voting/tally.ts), which equal the stored result once closed.
 */
const LIVE = `left join lateral (
  select coalesce(sum(o.n), 0)::int as ballots, coalesce(sum(o.area), 0)::bigint as voted_area, count(*)::int as voted_owners,
         coalesce(sum(o.agree), 0)::bigint as agree_area, (count(*) filter (where o.agree * 2 > o.area))::int as agree_owners
    from (select ${OWNER_KEY_SQL} as k, count(*) as n, sum(${AREA}) as area, sum(case when sb.choice = 'agree' then ${AREA} else 0 end) as agree
            from voting_standing_ballots sb join houses h on h.id = sb.house_id where sb.topic_id = t.id group by 1) o) live on true`

/** the denominators while a meeting is open: the estate's register now (a closed topic keeps its stored tally's) */
const REGISTER = `left join lateral (
  select sum(${AREA}) as area, count(distinct ${OWNER_KEY_SQL}) as owners
    from houses h where h.estate_id = m.estate_id and m.status <> 'closed') reg on true`

/**
 * The records behind a 业主决策情况 number (穿透): the topics of the region's published and closed
 * meetings (drafts are their convener's), by place, estate, newest meeting first, then the topic's
 * order. Without the figures: `withFigures` adds them to a page (the count does not need them).
 */
export function decisionTopicQuery(region: Region, filters: DecisionTopicFilters) {
  const query = joinEstatePlace(db.from('voting_topics as t').join('voting_meetings as m', 'm.id', 't.meeting_id').join('estates as e', 'e.id', 'm.estate_id'))
    .whereNot('m.status', 'draft')
  if (region.level !== 'city') query.where(`e.${region.level}_id`, region.id)
  if (filters.estate_id) query.where('m.estate_id', filters.estate_id)
  if (filters.meeting_id) query.where('m.id', filters.meeting_id)
  if (filters.kind) query.where('m.kind', filters.kind)
  if (filters.status) query.where('m.status', filters.status)
  if (filters.result) query.where('m.status', 'closed').where('t.passed', filters.result === 'passed')
  if (filters.q) {
    const pattern = containing(filters.q)
    query.where((inner) => inner.whereILike('e.name', pattern).orWhereILike('m.title', pattern).orWhereILike('t.title', pattern))
  }
  return query
}

/** the rows of a topic query (ordered), with the live figures and the denominators */
export function withFigures(query: ReturnType<typeof decisionTopicQuery>) {
  return query
    .joinRaw(LIVE)
    .joinRaw(REGISTER)
    .select(
      't.id', 't.seq', 't.title as topic_title', 't.art278_item', 't.passed', 'm.id as meeting_id', 'm.title as meeting_title', 'm.kind', 'm.status', 'm.closes_at',
      'm.estate_id', 'e.name as estate_name', ...estatePlaceNames(),
      'live.ballots', 'live.voted_area', 'live.voted_owners', 'live.agree_area', 'live.agree_owners',
      db.raw(`(case when m.status = 'closed' then (t.result->'total'->>'areaCenti')::bigint else coalesce(reg.area, 0) end) as total_area`),
      db.raw(`(case when m.status = 'closed' then (t.result->'total'->>'owners')::int else coalesce(reg.owners, 0) end) as total_owners`)
    )
    .orderBy('e.district_id')
    .orderBy('e.street_id')
    .orderBy('e.community_id')
    .orderBy('m.estate_id')
    .orderBy('m.opens_at', 'desc')
    .orderBy('m.id', 'desc')
    .orderBy('t.seq')
}
