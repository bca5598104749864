import { computed, ref, watch } from 'vue'
import { useRoute, useRouter, type RouteLocationRaw } from 'vue-router'
import type { FilingStatsMeta, FilingStatsRow, RegionRef } from '@szpm/api'
import { ApiError } from '@/api/client'
import { fetchFilingStats } from '@/api/filings'
import { formatNumber, formatRate } from '@/utils/format'
import { queryId } from '@/utils/query'

/** a tappable number on a row that opens the records list (穿透) */
export interface DrillNumber {
  key: 'contractNotFiled' | 'contractExpired' | 'assemblyNotFiled'
  label: string
  value: number
  to: RouteLocationRaw
}

export interface SummaryItem {
  key: string
  label: string
  value: string
}

export function useFilingOverview() {
  const route = useRoute()
  const router = useRouter()

  const rows = ref<FilingStatsRow[]>([])
  const meta = ref<FilingStatsMeta | null>(null)
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
      { key: 'contractFiled', label: '合同已备案', value: formatNumber(totals?.contractFiled) },
      { key: 'contractRate', label: '合同备案率', value: formatRate(totals?.contractRate) },
      { key: 'assemblyFiled', label: '业主大会已备案', value: formatNumber(totals?.assemblyFiled) },
      { key: 'assemblyRate', label: '业主大会备案率', value: formatRate(totals?.assemblyRate) },
    ]
  })

  let requestSeq = 0

  async function load(): Promise<void> {
    const seq = ++requestSeq
    loading.value = true
    error.value = null
    try {
      const result = await fetchFilingStats(regionId.value)
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

  // the page is reused when only ?region changes, so follow the query
  watch(regionId, () => void load(), { immediate: true })

  function rowLabel(row: FilingStatsRow): string {
    const total = formatNumber(row.estates)
    return (
      `合同 ${formatNumber(row.contractFiled)}/${total}（${formatRate(row.contractRate)}）` +
      ` · 业主大会 ${formatNumber(row.assemblyFiled)}/${total}（${formatRate(row.assemblyRate)}）`
    )
  }

  function recordsLink(row: FilingStatsRow, status: Record<string, string>): RouteLocationRaw {
    const scope = row.level === 'estate' ? { estate: String(row.id) } : { region: String(row.id) }
    return { path: '/filings/records', query: { ...scope, ...status } }
  }

  function drillNumbers(row: FilingStatsRow): DrillNumber[] {
    return [
      {
        key: 'contractNotFiled',
        label: '合同未备案',
        value: row.contractNotFiled,
        to: recordsLink(row, { contract_status: 'not_filed' }),
      },
      {
        key: 'contractExpired',
        label: '合同已过期',
        value: row.contractExpired,
        to: recordsLink(row, { contract_status: 'expired' }),
      },
      {
        key: 'assemblyNotFiled',
        label: '业主大会未备案',
        value: row.assemblyNotFiled,
        to: recordsLink(row, { assembly_status: 'not_filed' }),
      },
    ]
  }

  function openRow(row: FilingStatsRow): void {
    if (row.level === 'estate') void router.push(`/filings/estates/${row.id}`)
    else void router.push({ path: '/filings', query: { region: String(row.id) } })
  }

  function openCrumb(crumb: RegionRef): void {
    if (crumb.id === meta.value?.region.id) return
    void router.push({ path: '/filings', query: { region: String(crumb.id) } })
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
