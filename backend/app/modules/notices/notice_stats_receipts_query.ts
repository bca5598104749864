import db from '@adonisjs/lucid/services/db'
import type Region from '#models/region'
import { containing } from '#services/like_pattern'

export interface NoticeReceiptFilters {
  estate_id?: number
  notice_id?: number
  /** '1' read, '0' unread */
  read?: '0' | '1'
  /** part of the notice's title */
  q?: string
}

/**
 * The records behind a 通知阅读统计 number (穿透): the receipts (notice × estate × recipient) of the
 * region's estates — the rows the warehouse counts — with the same region and read filters, newest
 * notice first.
 */
export function noticeReceiptQuery(region: Region, filters: NoticeReceiptFilters) {
  const query = db
    .from('notice_receipts as r')
    .join('notices as n', 'n.id', 'r.notice_id')
    .join('estates as e', 'e.id', 'r.estate_id')
    .join('users as u', 'u.id', 'r.user_id')
    .leftJoin('regions as d', 'd.id', 'e.district_id')
    .leftJoin('regions as s', 's.id', 'e.street_id')
    .leftJoin('regions as c', 'c.id', 'e.community_id')
  if (region.level !== 'city') query.where(`e.${region.level}_id`, region.id)
  if (filters.estate_id) query.where('r.estate_id', filters.estate_id)
  if (filters.notice_id) query.where('r.notice_id', filters.notice_id)
  if (filters.read === '1') query.whereNotNull('r.read_at')
  if (filters.read === '0') query.whereNull('r.read_at')
  if (filters.q) query.whereILike('n.title', containing(filters.q))
  return query
    .select(
      'r.id as receipt_id', 'r.notice_id', 'n.title as notice_title', 'n.published_at', 'r.estate_id', 'e.name as estate_name',
      db.raw("coalesce(d.name, '') as district_name"), db.raw("coalesce(s.name, '') as street_name"), db.raw("coalesce(c.name, '') as community_name"),
      'u.name as recipient_name', 'r.relation', 'r.read_at'
    )
    .orderBy('n.published_at', 'desc')
    .orderBy('r.notice_id', 'desc')
    .orderBy('r.estate_id')
    .orderBy('r.id')
}
