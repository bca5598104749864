import db from '@adonisjs/lucid/services/db'
import Region from '#models/region'
import type User from '#models/user'
import { partyBuilding, type OpinionCollectionDetail, type OpinionCollectionRow, type OpinionQuestion, type OpinionStatsRow } from '@szpm/core'
import { containing } from '#services/like_pattern'
import { NotFoundInScope, userRegion } from '#services/region_scope'
import StatisticsService from '#statistics/statistics_service'

/** 民意征集's state as of `today`: 未开始 / 征集中 / 已结束 */
export const OPINION_STATUSES = { upcoming: '未开始', open: '征集中', closed: '已结束' } as const

export function opinionStatus(startsOn: string, endsOn: string, today: string): OpinionCollectionRow['status'] {
  if (today < startsOn) return 'upcoming'
  return today > endsOn ? 'closed' : 'open'
}

/** the streets whose collections a region sees: its own streets, or a community's street */
function whereStreetOf(query: any, region: Region, column: string) {
  if (region.level === 'city') return query
  if (region.level === 'district') return query.whereIn(column, db.from('regions').where('district_id', region.id).where('level', 'street').select('id'))
  return query.where(column, region.level === 'street' ? region.id : region.streetId!)
}

/** the responses a region counts: those from its own estates (all of a city) */
function whereEstateOf(query: any, region: Region, estateColumn: string) {
  if (region.level === 'city') return query
  return query.whereIn(estateColumn, db.from('estates').where(`${region.level}_id`, region.id).select('id'))
}

const day = (column: string) => db.raw(`to_char(${column}, 'YYYY-MM-DD') as ${column.split('.').pop()}`)

function collectionQuery(region: Region) {
  const query = db
    .from('opinion_collections as oc')
    .join('regions as s', 's.id', 'oc.street_id')
    .select('oc.id', 'oc.street_id', 's.name as street_name', 'oc.title', day('oc.starts_on'), day('oc.ends_on'), db.raw('jsonb_array_length(oc.questions)::int as question_count'))
  return whereStreetOf(query, region, 'oc.street_id')
}

function toRow(row: Record<string, any>, responses: number, today: string): OpinionCollectionRow {
  const status = opinionStatus(row.starts_on, row.ends_on, today)
  return {
    id: Number(row.id),
    streetId: Number(row.street_id),
    streetName: row.street_name,
    title: row.title,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    status,
    statusName: OPINION_STATUSES[status],
    questionCount: Number(row.question_count),
    responses,
  }
}

/** responses per collection, of the region's estates */
async function responseCounts(region: Region, collectionIds: number[]): Promise<Map<number, number>> {
  if (collectionIds.length === 0) return new Map()
  const query = db.from('opinion_responses as r').whereIn('r.collection_id', collectionIds).groupBy('r.collection_id').select('r.collection_id', db.raw('count(*)::int as responses'))
  const rows = await whereEstateOf(query, region, 'r.estate_id')
  return new Map(rows.map((row: any) => [Number(row.collection_id), Number(row.responses)]))
}

export default class OpinionService {
  /** the collections of the region's streets (a community sees its street's), latest first, with the region's responses */
  async list(region: Region, filters: { q?: string }, page: number, perPage: number, today: string) {
    const query = collectionQuery(region)
    if (filters.q) query.whereILike('oc.title', containing(filters.q))
    const [{ total }] = await query.clone().clearSelect().count('* as total')
    const rows = await query.orderBy('oc.starts_on', 'desc').orderBy('oc.id', 'desc').limit(perPage).offset((page - 1) * perPage)
    const counts = await responseCounts(region, rows.map((row: any) => Number(row.id)))
    return { rows: rows.map((row: any) => toRow(row, counts.get(Number(row.id)) ?? 0, today)), total: Number(total) }
  }

  /**
   * One collection the user's region sees (404 otherwise) with each question's answer distribution
   * and the responses per community, counted over the user's region's estates.
   */
  async show(user: User, id: number, today: string): Promise<OpinionCollectionDetail> {
    const region = await userRegion(user)
    const row = await collectionQuery(region).where('oc.id', id).select('oc.questions').first()
    if (!row) throw new NotFoundInScope()
    const questions = row.questions as OpinionQuestion[]
    const inRegion = region.level === 'city' ? '' : `and r.estate_id in (select id from estates where ${region.level}_id = ?)`
    const answers = db
      .rawQuery(
        `select (a.position - 1)::int as question, a.choice::int as choice, count(*)::int as count
           from opinion_responses r, unnest(r.answers) with ordinality as a(choice, position)
          where r.collection_id = ? ${inRegion} group by 1, 2`,
        region.level === 'city' ? [id] : [id, region.id]
      )
      .then((result: { rows: { question: number; choice: number; count: number }[] }) => result.rows)
    const perCommunity = whereEstateOf(
      db.from('opinion_responses as r').join('estates as e', 'e.id', 'r.estate_id').where('r.collection_id', id).groupBy('e.community_id'),
      region,
      'r.estate_id'
    ).select('e.community_id', db.raw('count(*)::int as responses'))
    const communities = Region.query().where('level', 'community').where('street_id', row.street_id).orderBy('sort').orderBy('id')
    if (region.level === 'community') communities.where('id', region.id)
    const [distribution, counted, places] = await Promise.all([answers, perCommunity, communities])
    const counts = new Map<string, number>(distribution.map((d: any) => [`${d.question}:${d.choice}`, Number(d.count)]))
    const byCommunity = new Map<number, number>(counted.map((c: any) => [Number(c.community_id), Number(c.responses)]))
    const responses = [...byCommunity.values()].reduce((sum, n) => sum + n, 0)
    return {
      ...toRow(row, responses, today),
      questions: questions.map((question, q) => {
        const answered = question.options.reduce((sum, _option, o) => sum + (counts.get(`${q}:${o}`) ?? 0), 0)
        return {
          title: question.title,
          options: question.options,
          answers: question.options.map((option, o) => {
            const count = counts.get(`${q}:${o}`) ?? 0
            return { option, count, share: answered === 0 ? 0 : count / answered }
          }),
        }
      }),
      communities: places.map((place) => ({ id: place.id, name: place.name, responses: byCommunity.get(place.id) ?? 0 })),
    }
  }

  /**
   * 民意征集统计 per child region of `region` (city → districts, district → streets, street → communities,
   * community → estates): the collections its street(s) ran (PostgreSQL, a few hundred rows) and the
   * responses from its estates — the warehouse's `opinionResponses` of the 党建园地 cube (the per-estate
   * rollup of ≈ 1M responses at city scale), with totals.
   */
  async stats(user: User, region: Region): Promise<{ rows: OpinionStatsRow[]; totals: { collections: number; responses: number }; childLevel: string }> {
    const numbers = await new StatisticsService().forRegion(user, region, partyBuilding)
    const level = numbers.level as string
    const byDistrict = level === 'district'
    const counted = await whereStreetOf(
      db.from('opinion_collections as oc').join('regions as s', 's.id', 'oc.street_id'),
      region,
      'oc.street_id'
    )
      .groupByRaw(byDistrict ? 's.district_id' : 'oc.street_id')
      .select(db.raw(`${byDistrict ? 's.district_id' : 'oc.street_id'} as id`), db.raw('count(*)::int as collections'))
    const collections = new Map<number, number>(counted.map((row: any) => [Number(row.id), Number(row.collections)]))
    // below a street every row shares the street's collections
    const shared = level === 'community' || level === 'estate' ? [...collections.values()].reduce((sum, n) => sum + n, 0) : null
    const rows = numbers.rows.map((row) => ({
      id: row.id,
      name: row.name,
      level,
      collections: shared ?? collections.get(row.id) ?? 0,
      responses: Number(row.opinionResponses ?? 0),
    }))
    const totalCollections = shared ?? rows.reduce((sum, row) => sum + row.collections, 0)
    return { rows, totals: { collections: totalCollections, responses: Number(numbers.totals.opinionResponses ?? 0) }, childLevel: level }
  }
}
