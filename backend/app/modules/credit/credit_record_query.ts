import db from '@adonisjs/lucid/services/db'
import type { CreditCategory, CreditPolarity, CreditSubjectKind, CreditValidity } from '@szpm/core'
import type Region from '#models/region'
import { containing } from '#services/like_pattern'
import { estatePlaceNames, joinEstatePlace } from '#services/estate_place'

export interface CreditRecordFilters {
  estate_id?: number
  subject_kind?: CreditSubjectKind
  polarity?: CreditPolarity
  category?: CreditCategory
  validity?: CreditValidity
  /** part of the subject's name, its credit code, its ID number (whole or masked 440304********1234) or the estate's name */
  q?: string
}

/** a masked ID number as the pages show it: the first 6 and last 4 characters around asterisks */
const MASKED_ID = /^(\d{6})\*{4,12}(\d{3}[\dXx])$/

/**
 * The keyword condition over a subject (alias `cs`, its company `pc`) and, when `estateAlias` is given,
 * the estate's name: name or credit code (part), ID number (whole, or masked as shown — matched by its
 * first 6 and last 4 characters). Never matches on a part of an ID number (that would reveal it).
 */
export function subjectKeyword<Q extends { where(callback: (inner: any) => void): Q }>(query: Q, q: string, estateAlias?: string): Q {
  const pattern = containing(q)
  const masked = MASKED_ID.exec(q)
  return query.where((inner) => {
    inner.whereILike('cs.name', pattern).orWhereILike('pc.credit_code', pattern)
    if (estateAlias) inner.orWhereILike(`${estateAlias}.name`, pattern)
    if (/^\d{17}[\dXx]$/.test(q)) inner.orWhere('cs.id_number', q.toUpperCase())
    if (masked) inner.orWhere((id: any) => id.whereLike('cs.id_number', `${masked[1]}%`).whereLike('cs.id_number', `%${masked[2].toUpperCase()}`))
  })
}

/** 有效 / 已过期 as of `asOf` (the warehouse cube's rule): counts from decided_on to valid_until, both inclusive */
export function whereValidity<Q extends { where(column: string, op: string, value: unknown): Q }>(query: Q, validity: CreditValidity, asOf: string, alias = 'r'): Q {
  return validity === 'counting' ? query.where(`${alias}.decided_on`, '<=', asOf).where(`${alias}.valid_until`, '>=', asOf) : query.where(`${alias}.valid_until`, '<', asOf)
}

/**
 * The records behind a 信用信息统计 number (穿透): the credit records on the region's estates — the rows
 * the warehouse counts — with the same filters, by place, estate, date (newest first) and id.
 */
export function creditRecordQuery(region: Region, filters: CreditRecordFilters, asOf: string) {
  const query = joinEstatePlace(
    db
      .from('credit_records as r')
      .join('estates as e', 'e.id', 'r.estate_id')
      .join('credit_subjects as cs', 'cs.id', 'r.subject_id')
      .leftJoin('property_companies as pc', 'pc.id', 'cs.company_id')
  )
  // a deleted record (migration 0044) is in no list and no figure
  query.whereNull('r.deleted_at')
  if (region.level !== 'city') query.where(`e.${region.level}_id`, region.id)
  if (filters.estate_id) query.where('r.estate_id', filters.estate_id)
  if (filters.subject_kind) query.where('cs.kind', filters.subject_kind)
  if (filters.polarity) query.where('r.polarity', filters.polarity)
  if (filters.category) query.where('r.category', filters.category)
  if (filters.validity) whereValidity(query, filters.validity, asOf)
  if (filters.q) subjectKeyword(query, filters.q, 'e')
  return query
    .select(
      'r.id', 'r.estate_id', 'e.name as estate_name', 'r.subject_id', 'cs.name as subject_name', 'cs.kind as subject_kind', 'cs.id_number', 'pc.credit_code',
      'r.polarity', 'r.category', 'r.severity', 'r.source', 'r.document_no',
      db.raw(`to_char(r.decided_on, 'YYYY-MM-DD') as decided_on`),
      db.raw(`to_char(r.valid_until, 'YYYY-MM-DD') as valid_until`),
      ...estatePlaceNames()
    )
    .orderBy('e.district_id')
    .orderBy('e.street_id')
    .orderBy('e.community_id')
    .orderBy('r.estate_id')
    .orderBy('r.decided_on', 'desc')
    .orderBy('r.id')
}
