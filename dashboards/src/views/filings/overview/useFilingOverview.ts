import { computed } from 'vue'
import type { RouteLocationRaw } from 'vue-router'
import type { FilingMetrics, FilingStatsRow } from '@szpm/api'
import { stats, statsExportUrl } from '@/api/filings'
import { contractStatusPieOption, filingRateBarOption } from '@/charts/filing_options'
import type { SummaryCard } from '@/components/SummaryCards.vue'
import { useRegionDrillDown } from '@/composables/useRegionDrillDown'
import { formatNumber, formatPercent } from '@/utils/format'

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
  const drill = useRegionDrillDown({ routeName: 'filings', fetch: stats, exportUrl: statsExportUrl })
  const { rows, meta, nameLabel } = drill

  const title = computed(() => (meta.value ? `${meta.value.region.name}备案情况` : '备案情况'))
  const cards = computed(() => (meta.value ? summaryCards(meta.value.totals) : []))
  const barOption = computed(() => filingRateBarOption(rows.value))
  const pieOption = computed(() => (meta.value ? contractStatusPieOption(meta.value.totals) : null))
  const chartLabel = computed(
    () => `${title.value}：各${nameLabel.value}物业服务合同备案率与业主大会备案率柱状图`
  )

  /** count cell: the records list scoped to the row, filtered by the metric */
  function recordsLink(row: FilingStatsRow, column: MetricColumn): RouteLocationRaw {
    const scope = row.level === 'estate' ? { estate: String(row.id) } : { region: String(row.id) }
    const filter = column.kind === 'count' ? column.filter : {}
    return { name: 'filing-records', query: { ...scope, ...filter } }
  }

  function cellText(row: FilingMetrics, column: MetricColumn): string {
    return column.kind === 'rate' ? formatPercent(row[column.key]) : formatNumber(row[column.key])
  }

  return {
    ...drill,
    title,
    cards,
    barOption,
    pieOption,
    chartLabel,
    columns: METRIC_COLUMNS,
    recordsLink,
    cellText,
  }
}
