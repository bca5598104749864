/**
 * Module-specific additions to the generic statistics and records pages, by slug. A module with
 * nothing here gets the plain pages; one whose numbers depend on more than the region (街道社区评价's
 * half-year period) or whose records have actions adds them here instead of copying a page.
 */
import type { Component, ComputedRef } from 'vue'
import type { Query } from '@szpm/api'
import { creditExtension } from './credit'
import { decisionsExtension } from './decisions'
import { evaluationsExtension } from './evaluations'
import { parkingExtension, staffExtension } from './remind'
import { safetyExtension } from './safety'

/** a select filter whose options come from the API (e.g. the evaluation periods) */
export interface ExtraFilter {
  key: string
  label: string
  placeholder: string
  options: readonly { value: string; label: string }[]
}

export interface StatisticsExtension {
  /** route query params the module adds to both pages (kept by drill-down and 穿透 links) */
  params: readonly string[]
  /** those params as the API reads them (e.g. period=2026-1 → year=2026, half=1) */
  apiQuery: (params: Readonly<Record<string, string | undefined>>) => Query
  /** above the figures of the statistics page; props: `meta` (the statistics meta) */
  overviewBar?: Component
  /** under the region table of the statistics page; props: `meta` (the statistics meta) */
  overviewSection?: Component
  /** links in the header of the statistics page; props: `regionId`, `linkQuery` */
  overviewLinks?: Component
  /** select filters of the records page with options from the API (call inside setup) */
  useRecordsFilters?: () => ComputedRef<ExtraFilter[]>
  /** under the title of the records page; props: `meta` (the list meta) */
  recordsInfo?: Component
  /** the records page title for these filters, if it differs from the declared one */
  recordsTitle?: (filters: Readonly<Record<string, unknown>>) => string | undefined
  /** the 操作 column of the records page; props: `row`, `meta`; emits `changed` to reload the list */
  rowAction?: Component
}

export const STATISTICS_EXTENSIONS: Readonly<Record<string, StatisticsExtension>> = {
  evaluations: evaluationsExtension,
  credit: creditExtension,
  parking: parkingExtension,
  staff: staffExtension,
  safety: safetyExtension,
  decisions: decisionsExtension,
}

export function extensionOf(slug: string): StatisticsExtension | undefined {
  return STATISTICS_EXTENSIONS[slug]
}
