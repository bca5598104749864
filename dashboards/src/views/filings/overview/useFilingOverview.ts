import { computed, ref, shallowRef, watch } from 'vue'
import { useRoute, type RouteLocationRaw } from 'vue-router'
import { ApiError, type FilingMetrics, type FilingStatsMeta, type FilingStatsRow } from '@szpm/api'
import { stats, statsExportUrl } from '@/api/filings'
import { contractStatusPieOption, filingRateBarOption } from '@/charts/filing_options'
import { LEVEL_LABEL } from '@/constants/filing'
import { formatDateTime, formatNumber, formatPercent, queryNumber } from '@/utils/format'

type CountKey = 'estates' | 'contractFiled' | 'contractExpired' | 'contractNotFiled' | 'assemblyFiled' | 'assemblyNotFiled'
type RateKey = 'contractRate' | 'assemblyRate'

export type MetricColumn =
  | { kind: 'count'; key: CountKey; label: string; filter: Record<string, string> }
  | { kind: 'rate'; key: RateKey; label: string }

/** table columns after 名称; each count links (穿透) to the records list with its filter */
export const METRIC_COLUMNS: MetricColumn[] = [
  { kind: 'count', key: 'estates', label: '物业项目数', filter: {} },
  { kind: 'count', key: 'contractFiled', label: '合同已备案', filter: { contract_status: 'filed' } },
  { kind: 'count', key: 'contractExpired', label: '合同已过期', filter: { contract_status: 'expired' } },
  { kind: 'count', key: 'contractNotFiled', label: '合同未备案', filter: { contract_status: 'not_filed' } },
  { kind: 'rate', key: 'contractRate', label: '合同备案率' },
  { kind: 'count', key: 'assemblyFiled', label: '业主大会已备案', filter: { assembly_status: 'filed' } },
  { kind: 'count', key: 'assemblyNotFiled', label: '业主大会未备案', filter: { assembly_status: 'not_filed' } },
  { kind: 'rate', key: 'assemblyRate', label: '业主大会备案率' },
]

export interface SummaryCard {
  key: string
  label: string
  value: string
  extra?: string
}

function summaryCards(totals: FilingMetrics): SummaryCard[] {
  return [
    { key: 'estates', label: '物业项目数', value: formatNumber(totals.estates) },
    {
      key: 'contractFiled',
      label: '物业服务合同已备案',
      value: formatNumber(totals.contractFiled),
      extra: `备案率 ${formatPercent(totals.contractRate)}`,
    },
    {
      key: 'assemblyFiled',
      label: '业主大会已备案',
      value: formatNumber(totals.assemblyFiled),
      extra: `备案率 ${formatPercent(totals.assemblyRate)}`,
    },
    { key: 'contractExpired', label: '合同已过期', value: formatNumber(totals.contractExpired) },
  ]
}

export function useFilingOverview() {
  const route = useRoute()
  /** absent = the server falls back to the user's own region */
  const regionId = computed(() => queryNumber(route.query.region))

  const rows = shallowRef<FilingStatsRow[]>([])
  const meta = shallowRef<FilingStatsMeta | null>(null)
  const loading = ref(false)
  const errorMessage = ref('')
  let requestSeq = 0

  async function load() {
    const seq = ++requestSeq
    loading.value = true
    errorMessage.value = ''
    try {
      const response = await stats(regionId.value)
      if (seq !== requestSeq) return
      rows.value = response.data
      meta.value = response.meta
    } catch (error) {
      if (seq !== requestSeq) return
      rows.value = []
      meta.value = null
      errorMessage.value = error instanceof ApiError ? error.message : '网络异常，请稍后重试'
    } finally {
      if (seq === requestSeq) loading.value = false
    }
  }

  // the composable outlives its route for a tick while navigating away: only reload on this page
  watch(
    regionId,
    () => {
      if (route.name === 'filings') void load()
    },
    { immediate: true }
  )

  const title = computed(() => (meta.value ? `${meta.value.region.name}备案情况` : '备案情况'))
  const breadcrumb = computed(() => meta.value?.breadcrumb ?? [])
  const nameLabel = computed(() => (meta.value ? LEVEL_LABEL[meta.value.childLevel] : '名称'))
  const cards = computed(() => (meta.value ? summaryCards(meta.value.totals) : []))
  const freshAt = computed(() => formatDateTime(meta.value?.freshAt))
  const exportUrl = computed(() => statsExportUrl(regionId.value))
  const barOption = computed(() => filingRateBarOption(rows.value))
  const pieOption = computed(() => (meta.value ? contractStatusPieOption(meta.value.totals) : null))
  const chartLabel = computed(
    () => `${title.value}：各${nameLabel.value}物业服务合同备案率与业主大会备案率柱状图`
  )

  function regionLink(id: number): RouteLocationRaw {
    return { name: 'filings', query: { region: String(id) } }
  }

  /** name cell: drill down one level, or open the estate detail at the last level */
  function nameLink(row: FilingStatsRow): RouteLocationRaw {
    return row.level === 'estate'
      ? { name: 'filing-estate', params: { id: String(row.id) } }
      : regionLink(row.id)
  }

  /** count cell: the records list scoped to the row, filtered by the metric */
  function recordsLink(row: FilingStatsRow, column: MetricColumn): RouteLocationRaw {
    const scope = row.level === 'estate' ? { estate: String(row.id) } : { region: String(row.id) }
    const filter = column.kind === 'count' ? column.filter : {}
    return { name: 'filing-records', query: { ...scope, ...filter } }
  }

  function cellText(row: FilingMetrics, column: MetricColumn): string {
    return column.kind === 'rate' ? formatPercent(row[column.key]) : formatNumber(row[column.key])
  }

  /** the 合计 row of the table, from meta.totals */
  function summaryMethod(): string[] {
    const totals = meta.value?.totals
    if (!totals) return []
    return ['合计', ...METRIC_COLUMNS.map((column) => cellText(totals, column))]
  }

  return {
    regionId,
    rows,
    meta,
    loading,
    errorMessage,
    load,
    title,
    breadcrumb,
    nameLabel,
    cards,
    freshAt,
    exportUrl,
    barOption,
    pieOption,
    chartLabel,
    columns: METRIC_COLUMNS,
    regionLink,
    nameLink,
    recordsLink,
    cellText,
    summaryMethod,
  }
}
