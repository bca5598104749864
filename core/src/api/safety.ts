/** 平安建设 (module 12): the year's assessment items (考核内容配置) and 考核办理 of one assessment. */
import type { Http } from './http.ts'
import type { SafetyStatus } from '../modules/safety_statistics.ts'

/** an assessment item of a year, with how many communities have it and how many of them are scored */
export interface SafetyItem {
  id: number
  year: number
  title: string
  description: string
  maxScore: number
  sortOrder: number
  communities: number
  scored: number
  updatedAt: string
}

export interface SafetyItemsMeta {
  year: number
  /** this year in Shanghai (the server's) */
  currentYear: number
  /** the years that have items, newest first */
  years: number[]
  /** the year has scores: its items can no longer change */
  locked: boolean
}

export interface SafetyItemInput {
  year?: number
  title: string
  description?: string
  max_score: number
  sort_order?: number
}

export interface SafetyAssessmentInput {
  status: SafetyStatus
  score?: number | null
  remark?: string
  version: number
}

/** one row of 社区考核内容 (as the records list answers it) */
export interface SafetyAssessment {
  id: number
  communityName: string
  itemTitle: string
  maxScore: number
  status: SafetyStatus
  statusName: string
  score: number | null
  remark: string
  version: number
}

export function safetyApi(http: Http) {
  return {
    items: (year?: number) => http.call<SafetyItem[], SafetyItemsMeta>('safety_items.index', { query: { year } }),
    storeItem: (body: SafetyItemInput) => http.call<SafetyItem>('safety_items.store', { body }),
    updateItem: (id: number, body: SafetyItemInput) => http.call<SafetyItem>('safety_items.update', { params: { id }, body }),
    /** 考核办理: the new status, score and remark with the row's version (409 when someone changed it since) */
    updateAssessment: (id: number, body: SafetyAssessmentInput) => http.call<SafetyAssessment>('safety_assessments.update', { params: { id }, body }),
  }
}

/** the years a 平安建设 page offers: this year, the years with items, newest first */
export function safetyYearOptions(meta: Pick<SafetyItemsMeta, 'currentYear' | 'years'> | null): { value: string; label: string }[] {
  if (!meta) return []
  const years = [...new Set([meta.currentYear, ...meta.years])].sort((a, b) => b - a)
  return years.map((year) => ({ value: String(year), label: `${year}年度` }))
}
