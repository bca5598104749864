import db from '@adonisjs/lucid/services/db'
import type Region from '#models/region'
import { containing } from '#services/like_pattern'

export interface RiskEstateFilters {
  estate_id?: number
  level?: 'red' | 'orange' | 'yellow' | 'green'
  q?: string
}

/**
 * The estates behind a 风险预警统计 number (穿透): each estate of the region with its score of the latest
 * run (`risk_runs`), highest score first.
 */
export function riskEstateQuery(region: Region, filters: RiskEstateFilters) {
  const query = db
    .from('estate_risk_scores as r')
    .join('estates as e', 'e.id', 'r.estate_id')
    .leftJoin('regions as d', 'd.id', 'e.district_id')
    .leftJoin('regions as s', 's.id', 'e.street_id')
    .leftJoin('regions as c', 'c.id', 'e.community_id')
    .whereRaw('r.day = (SELECT max(day) FROM risk_runs)')
    .select('r.estate_id', 'e.name as estate_name', 'd.name as district_name', 's.name as street_name', 'c.name as community_name',
      db.raw(`to_char(r.day, 'YYYY-MM-DD') AS day`), 'r.score', 'r.level', 'r.signals')
  if (region.level !== 'city') query.where(`e.${region.level}_id`, region.id)
  if (filters.estate_id) query.where('r.estate_id', filters.estate_id)
  if (filters.level) query.where('r.level', filters.level)
  if (filters.q) query.whereILike('e.name', containing(filters.q))
  return query.orderBy('r.score', 'desc').orderBy('r.estate_id')
}
