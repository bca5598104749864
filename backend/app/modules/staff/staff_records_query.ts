import db from '@adonisjs/lucid/services/db'
import type Region from '#models/region'
import { containing } from '#services/like_pattern'

export interface StaffRecordFilters {
  estate_id?: number
  group?: 'estate' | 'company'
  post?: string
  certified?: '0' | '1'
  expired?: '1'
  q?: string
}

/** a certificate of the practitioner `p` past its last day as of `?` (the platform's date) */
const EXPIRED = 'pc.valid_until IS NOT NULL AND pc.valid_until < ?::date'

/**
 * The records behind a 从业人员信息 number (穿透): the practitioners of a region — both groups, placed
 * by the region columns stored on each (an estate's, or a company's community) — with their
 * certificates counted, those expired as of `asOf` (YYYY-MM-DD) separately, and the filters the
 * statistics' metrics name (`group`, `post`, `certified`, `expired`). The same rules as the staff cube.
 * `region` null: no region filter (the caller scoped the estate itself: its project manager's list).
 */
export function staffRecordQuery(region: Region | null, filters: StaffRecordFilters, asOf: string) {
  const query = db
    .from('practitioners as p')
    .leftJoin('estates as e', 'e.id', 'p.estate_id')
    .join('regions as d', 'd.id', 'p.district_id')
    .join('regions as s', 's.id', 'p.street_id')
    .join('regions as c', 'c.id', 'p.community_id')
    .select(
      'p.id', 'p.staff_group', 'p.estate_id', 'p.company_name', 'p.company_credit_code', 'p.name', 'p.id_number', 'p.phone',
      'p.post', 'p.is_lead', 'p.hired_on', 'p.version', 'e.name as estate_name',
      'd.name as district_name', 's.name as street_name', 'c.name as community_name'
    )
    .select(
      db.raw(
        `(SELECT count(*)::int FROM practitioner_certificates pc WHERE pc.practitioner_id = p.id) AS certificate_count,
         (SELECT count(*)::int FROM practitioner_certificates pc WHERE pc.practitioner_id = p.id AND ${EXPIRED}) AS expired_certificate_count,
         (SELECT coalesce(string_agg(pc.name, '、' ORDER BY pc.id), '') FROM practitioner_certificates pc WHERE pc.practitioner_id = p.id) AS certificate_names`,
        [asOf]
      )
    )
  if (region && region.level !== 'city') query.where(`p.${region.level}_id`, region.id)
  if (filters.estate_id) query.where('p.estate_id', filters.estate_id)
  if (filters.estate_id === 0) query.whereNull('p.estate_id')
  if (filters.group) query.where('p.staff_group', filters.group)
  if (filters.post) query.where('p.post', filters.post)
  if (filters.certified === '1') query.whereExists((sub) => sub.from('practitioner_certificates as pc').whereRaw('pc.practitioner_id = p.id'))
  if (filters.certified === '0') query.whereNotExists((sub) => sub.from('practitioner_certificates as pc').whereRaw('pc.practitioner_id = p.id'))
  if (filters.expired === '1') query.whereExists((sub) => sub.from('practitioner_certificates as pc').whereRaw(`pc.practitioner_id = p.id AND ${EXPIRED}`, [asOf]))
  if (filters.q) {
    const pattern = containing(filters.q)
    query.where((inner) => inner.whereILike('p.name', pattern).orWhereILike('e.name', pattern).orWhereILike('p.company_name', pattern))
  }
  return query.orderBy('p.district_id').orderBy('p.street_id').orderBy('p.community_id').orderBy('p.estate_id').orderBy('p.id')
}
