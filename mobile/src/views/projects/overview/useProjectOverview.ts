import { computed, ref, watch } from 'vue'
import { useRoute, useRouter, type RouteLocationRaw } from 'vue-router'
import type { ProjectStatsMeta, ProjectStatsRow, RegionRef } from '@szpm/api'
import { ApiError } from '@/api/client'
import { fetchProjectStats } from '@/api/projects'
import { formatNumber } from '@/utils/format'
import { queryId } from '@/utils/query'
import { formatArea } from '../format'

/** a tappable number on a region row that opens the filtered estate list (穿透) */
export interface DrillNumber {
  key: 'withCommittee' | 'withoutCommittee'
  label: string
  value: number
  to: RouteLocationRaw
}

export interface SummaryItem {
  key: string
  label: string
  value: string
}

export function useProjectOverview() {
  const route = useRoute()
  const router = useRouter()

  const rows = ref<ProjectStatsRow[]>([])
  const meta = ref<ProjectStatsMeta | null>(null)
  const loading = ref(false)
  const refreshing = ref(false)
  const error = ref<string | null>(null)

  /** ?region=<id>; absent = the user's own region (the backend decides) */
  const regionId = computed(() => queryId(route.query.region))

  const breadcrumb = computed<RegionRef[]>(() => meta.value?.breadcrumb ?? [])

  const summary = computed<SummaryItem[]>(() => {
    const totals = meta.value?.totals
    return [
      { key: 'estates', label: '物业项目', value: formatNumber(totals?.estates) },
      { key: 'houses', label: '房屋数', value: formatNumber(totals?.houses) },
      { key: 'households', label: '户数', value: formatNumber(totals?.households) },
      { key: 'buildingArea', label: '建筑面积', value: formatArea(totals?.buildingArea) },
      { key: 'companies', label: '物业服务企业', value: formatNumber(totals?.companies) },
      { key: 'withCommittee', label: '已成立业委会', value: formatNumber(totals?.withCommittee) },
    ]
  })

  /** the estate list of the region on screen */
  const estateListLink = computed<RouteLocationRaw>(() => {
    const id = meta.value?.region.id ?? regionId.value
    return { path: '/projects/estates', query: id ? { region: String(id) } : {} }
  })

  let requestSeq = 0

  async function load(): Promise<void> {
    const seq = ++requestSeq
    loading.value = true
    error.value = null
    try {
      const result = await fetchProjectStats(regionId.value)
      if (seq !== requestSeq) return
      rows.value = result.rows
      meta.value = result.meta
    } catch (caught) {
      if (seq !== requestSeq) return
      const message = caught instanceof ApiError ? caught.message : '网络异常，请稍后重试'
      error.value = message
      if (!(caught instanceof ApiError && caught.status === 401)) showFailToast(message)
    } finally {
      if (seq === requestSeq) {
        loading.value = false
        refreshing.value = false
      }
    }
  }

  async function refresh(): Promise<void> {
    refreshing.value = true
    await load()
  }

  // the page is reused when only ?region changes, so follow the query (but not while leaving)
  watch(
    regionId,
    () => {
      if (route.path === '/projects') void load()
    },
    { immediate: true }
  )

  function rowLabel(row: ProjectStatsRow): string {
    return `项目 ${formatNumber(row.estates)} · 房屋 ${formatNumber(row.houses)} · 户数 ${formatNumber(row.households)}`
  }

  function drillNumbers(row: ProjectStatsRow): DrillNumber[] {
    if (row.level === 'estate') return []
    const list = (filter: Record<string, string>): RouteLocationRaw => ({
      path: '/projects/estates',
      query: { region: String(row.id), ...filter },
    })
    return [
      { key: 'withCommittee', label: '已成立业委会', value: row.withCommittee, to: list({ has_committee: 'true' }) },
      { key: 'withoutCommittee', label: '未成立业委会', value: row.withoutCommittee, to: list({ has_committee: 'false' }) },
    ]
  }

  function openRow(row: ProjectStatsRow): void {
    if (row.level === 'estate') void router.push(`/filings/estates/${row.id}`)
    else void router.push({ path: '/projects', query: { region: String(row.id) } })
  }

  function openCrumb(crumb: RegionRef): void {
    if (crumb.id === meta.value?.region.id) return
    void router.push({ path: '/projects', query: { region: String(crumb.id) } })
  }

  function openNumber(item: DrillNumber): void {
    void router.push(item.to)
  }

  return {
    rows,
    meta,
    loading,
    refreshing,
    error,
    breadcrumb,
    summary,
    estateListLink,
    load,
    refresh,
    rowLabel,
    drillNumbers,
    openRow,
    openCrumb,
    openNumber,
    formatNumber,
  }
}
