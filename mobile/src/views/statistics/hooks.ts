/**
 * What a statistics module adds to the generic pages when it has interaction they lack, e.g.
 * 街道社区评价's half-year selector: one small hook per module, keyed by slug. A module without a
 * hook gets the plain pages.
 */
import { computed, type Component, type ComputedRef, type WritableComputedRef } from 'vue'
import type { RouteLocationRaw } from 'vue-router'
import type { Query, RecordRow } from '@szpm/api'
import { useCommonFundsPage } from '@/views/common_funds/useCommonFundsPage'
import { useCreditPage } from '@/views/credit/useCreditPage'
import { usePartyBuildingPage } from '@/views/party_building/usePartyBuildingPage'
import { useEvaluationPeriod } from '@/views/evaluations/useEvaluationPeriod'
import { useSafetyYear } from '@/views/safety/useSafetyYear'
import { useParkingPage, useStaffPage } from './remind'

/** a van-dropdown-item above the page, its value kept in the URL */
export interface PageSelect {
  key: string
  model: WritableComputedRef<string>
  options: ComputedRef<{ text: string; value: string }[]>
}

/** a cell under the figures that runs an action for the region on screen (e.g. 提醒更新) */
export interface PageAction {
  key: string
  label: string
  /** Vant icon name */
  icon: string
  run(regionId: number | undefined): Promise<void>
}

export interface StatisticsPageHook {
  /** query added to the module's API calls (statistics and records), read from the page URL */
  apiQuery: ComputedRef<Query>
  /** query every link of the page carries (drill-down, crumbs, 穿透, estate) */
  linkQuery: ComputedRef<Record<string, string | undefined>>
  /** selectors shown above the page */
  selects: readonly PageSelect[]
  /** the meta of every answer (e.g. the period the server picked when the URL names none) */
  onMeta(meta: Record<string, unknown>): void
  /** where a record row opens; absent = the estate page */
  recordLink?(row: RecordRow): RouteLocationRaw | undefined
  /** actions shown under the figures (only those the user may run) */
  actions?: ComputedRef<PageAction[]>
  /** a component on each record's card (props `row`; emits `changed` to reload the list), e.g. 平安建设's 办理 */
  rowAction?: Component
}

function usePlainPage(): StatisticsPageHook {
  return { apiQuery: computed(() => ({})), linkQuery: computed(() => ({})), selects: [], onMeta: () => undefined }
}

const HOOKS: Readonly<Record<string, () => StatisticsPageHook>> = {
  evaluations: useEvaluationPeriod,
  parking: useParkingPage,
  staff: useStaffPage,
  common_funds: useCommonFundsPage,
  credit: useCreditPage,
  safety: useSafetyYear,
  party_building: usePartyBuildingPage,
}

export function useStatisticsPageHook(slug: string): StatisticsPageHook {
  return (HOOKS[slug] ?? usePlainPage)()
}
