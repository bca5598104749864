import { SAFETY_STATUSES, type SafetyStatus } from '@szpm/core'
import type { SafetyItem } from '@szpm/core/api'

/** one row of 社区考核内容 (the records list, a community's detail and the export) */
export interface SafetyAssessmentRow {
  id: number
  itemId: number
  communityId: number
  districtName: string
  streetName: string
  communityName: string
  year: number
  sortOrder: number
  itemTitle: string
  itemDescription: string
  maxScore: number
  status: SafetyStatus
  statusName: string
  /** null when not scored yet */
  score: number | null
  remark: string
  updatedByName: string | null
  updatedAt: string
  version: number
}

const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString()

export function transformSafetyAssessment(row: Record<string, any>): SafetyAssessmentRow {
  const status = row.status as SafetyStatus
  return {
    id: Number(row.id),
    itemId: Number(row.item_id),
    communityId: Number(row.community_id),
    districtName: row.district_name ?? '',
    streetName: row.street_name ?? '',
    communityName: row.community_name,
    year: Number(row.year),
    sortOrder: Number(row.sort_order),
    itemTitle: row.item_title,
    itemDescription: row.item_description ?? '',
    maxScore: Number(row.max_score),
    status,
    statusName: SAFETY_STATUSES[status] ?? status,
    score: row.score === null || row.score === undefined ? null : Number(row.score),
    remark: row.remark ?? '',
    updatedByName: row.updated_by_name ?? null,
    updatedAt: iso(row.updated_at),
    version: Number(row.version),
  }
}

/** one assessment item of a year (考核内容配置), with how many of its assessments have a score */
export function transformSafetyItem(row: Record<string, any>): SafetyItem {
  return {
    id: Number(row.id),
    year: Number(row.year),
    title: row.title,
    description: row.description ?? '',
    maxScore: Number(row.max_score),
    sortOrder: Number(row.sort_order),
    communities: Number(row.communities ?? 0),
    scored: Number(row.scored ?? 0),
    updatedAt: iso(row.updated_at),
  }
}
