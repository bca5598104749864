import { computed, ref, watch } from 'vue'
import { useRoute, useRouter, type RouteLocationRaw } from 'vue-router'
import type { EvaluationMetrics, EvaluationPeriod, EvaluationState, EvaluationStatsRow, RegionRef } from '@szpm/api'
import { fetchEvaluationPeriods, fetchEvaluations, fetchEvaluationStats } from '@/api/evaluations'
import { useRegionDrillDown } from '@/composables/useRegionDrillDown'
import { formatNumber } from '@/utils/format'
import { formatScore, periodFromQuery, periodKey, periodKeyToQuery } from '../format'

export const OVERVIEW_PATH = '/evaluations'
export const LIST_PATH = '/evaluations/list'

/** one number of a row (or of the totals); `to` = the list behind it (穿透) */
export interface EvaluationNumber {
  key: 'estates' | 'evaluated' | 'submitted' | 'reviewed' | 'averageScore'
  label: string
  value: string
  to: RouteLocationRaw | null
}

export interface PeriodOption {
  text: string
  value: string
}

/**
 * 街道社区评价 · 查看: per child region (street → community → estate) the estates, how many the
 * community has scored, how many wait for review, how many are reviewed, and the average score, for
 * one half-year (?period=2026-2, absent = the period the server picks).
 */
export function useEvaluationOverview() {
  const route = useRoute()
  const router = useRouter()

  const period = computed(() => periodFromQuery(route.query))

  const drill = useRegionDrillDown({
    path: OVERVIEW_PATH,
    fetch: (regionId) => fetchEvaluationStats({ region_id: regionId, ...period.value }),
  })
  const { meta, regionId } = drill

  // ── the period picker
  const periods = ref<EvaluationPeriod[]>([])

  async function loadPeriods(): Promise<void> {
    try {
      periods.value = (await fetchEvaluationPeriods()).periods
    } catch {
      // the picker then offers only the period the stats answered with
    }
  }
  void loadPeriods()

  const periodOptions = computed<PeriodOption[]>(() => {
    const list = periods.value.length ? periods.value : meta.value ? [meta.value.period] : []
    return list.map((p) => ({ text: p.label, value: periodKey(p) }))
  })

  /** the dropdown model: the period in the URL, else the one the stats are for */
  const periodModel = computed<string>({
    get: () => periodKey(period.value) || periodKey(meta.value?.period),
    set: (value) => void router.replace({ query: { ...route.query, ...periodKeyToQuery(value) } }),
  })

  // the drill-down follows ?region only; a new period reloads the same region
  watch(
    () => periodKey(period.value),
    () => {
      if (route.path === OVERVIEW_PATH) void drill.load()
    }
  )

  /** the period the numbers are for, carried into every link so drilling keeps it */
  const periodQuery = computed(() => {
    const shown = meta.value?.period
    const key = periodKey(period.value) || periodKey(shown)
    return periodKeyToQuery(key)
  })

  function openRegion(id: number): void {
    void router.push({ path: OVERVIEW_PATH, query: { region: String(id), ...periodQuery.value } })
  }

  function openCrumb(crumb: RegionRef): void {
    if (crumb.id !== meta.value?.region.id) openRegion(crumb.id)
  }

  /** an estate opens its evaluation of the period (or the list when it cannot be told apart) */
  async function openEstate(row: EvaluationStatsRow): Promise<void> {
    const communityId = meta.value?.region.id ?? regionId.value
    const listLink: RouteLocationRaw = {
      path: LIST_PATH,
      query: { region: communityId ? String(communityId) : undefined, q: row.name, ...periodQuery.value },
    }
    try {
      const found = await fetchEvaluations({
        region_id: communityId,
        q: row.name,
        year: period.value.year ?? meta.value?.period.year,
        half: period.value.half ?? meta.value?.period.half,
        page: 1,
        per_page: 20,
      })
      const hit = found.rows.find((r) => r.estateId === row.id)
      void router.push(hit ? `/evaluations/${hit.id}` : listLink)
    } catch {
      void router.push(listLink)
    }
  }

  function openRow(row: EvaluationStatsRow): void {
    if (row.level === 'estate') void openEstate(row)
    else openRegion(row.id)
  }

  /** the list of `regionId` (absent = the region on screen) in `state` */
  function listLink(state: EvaluationState | 'evaluated' | null, scopeId?: number): RouteLocationRaw {
    const id = scopeId ?? meta.value?.region.id ?? regionId.value
    return {
      path: LIST_PATH,
      query: { region: id ? String(id) : undefined, state: state ?? undefined, ...periodQuery.value },
    }
  }

  function numbers(metrics: EvaluationMetrics | undefined, scopeId?: number): EvaluationNumber[] {
    return [
      { key: 'estates', label: '物业项目数', value: formatNumber(metrics?.estates), to: metrics ? listLink(null, scopeId) : null },
      { key: 'evaluated', label: '已评价', value: formatNumber(metrics?.evaluated), to: metrics ? listLink('evaluated', scopeId) : null },
      { key: 'submitted', label: '待审核', value: formatNumber(metrics?.submitted), to: metrics ? listLink('submitted', scopeId) : null },
      { key: 'reviewed', label: '已审核', value: formatNumber(metrics?.reviewed), to: metrics ? listLink('reviewed', scopeId) : null },
      { key: 'averageScore', label: '平均分', value: formatScore(metrics?.averageScore), to: null },
    ]
  }

  /** the numbers of a child row; an estate row's numbers open its own evaluation instead */
  function rowNumbers(row: EvaluationStatsRow): EvaluationNumber[] {
    const list = numbers(row, row.level === 'estate' ? undefined : row.id)
    return row.level === 'estate' ? list.map((n) => ({ ...n, to: null })) : list
  }

  const totals = computed(() => numbers(meta.value?.totals))

  function openNumber(item: EvaluationNumber): void {
    if (item.to) void router.push(item.to)
  }

  /** 待评价 / 自动计分 under the numbers, when there are any */
  function rowNote(row: EvaluationMetrics): string {
    const parts = [`待评价 ${formatNumber(row.pending)}`]
    if (row.autoScored) parts.push(`自动计分 ${formatNumber(row.autoScored)}`)
    return parts.join(' · ')
  }

  const title = computed(() => (meta.value ? `${meta.value.region.name} · 下级统计` : '下级统计'))

  return {
    ...drill,
    openRow,
    openCrumb,
    openNumber,
    periodOptions,
    periodModel,
    totals,
    rowNumbers,
    rowNote,
    title,
  }
}
