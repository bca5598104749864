import { computed } from 'vue'
import type { RouteLocationRaw } from 'vue-router'
import type { FilingStatsRow } from '@szpm/api'
import { fetchFilingStats } from '@/api/filings'
import type { SummaryItem } from '@/components/SummaryGrid.vue'
import { useRegionDrillDown, type DrillNumber } from '@/composables/useRegionDrillDown'
import { formatNumber, formatRate } from '@/utils/format'

/** the numbers on a row that open the records list (穿透) */
type FilingDrillNumber = DrillNumber<'contractNotFiled' | 'contractExpired' | 'assemblyNotFiled'>

export function useFilingOverview() {
  const drill = useRegionDrillDown({ path: '/filings', fetch: fetchFilingStats })
  const { meta } = drill

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

  function drillNumbers(row: FilingStatsRow): FilingDrillNumber[] {
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

  return { ...drill, summary, rowLabel, drillNumbers }
}
