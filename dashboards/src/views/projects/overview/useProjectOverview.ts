import { computed } from 'vue'
import type { RouteLocationRaw } from 'vue-router'
import type { ProjectMetrics, ProjectStatsRow } from '@szpm/api'
import { stats, statsExportUrl } from '@/api/projects'
import { committeePieOption, estateTypeStackOption } from '@/charts/project_options'
import type { SummaryCard } from '@/components/SummaryCards.vue'
import { useRegionDrillDown } from '@/composables/useRegionDrillDown'
import { formatNumber } from '@/utils/format'
import { formatArea } from '../constants'

type CountKey =
  | 'estates'
  | 'residentialEstates'
  | 'commercialEstates'
  | 'officeEstates'
  | 'mixedEstates'
  | 'withCommittee'
  | 'withoutCommittee'
type AmountKey = 'houses' | 'households' | 'buildingArea' | 'companies'

export type MetricColumn =
  | { kind: 'count'; key: CountKey; label: string; filter: Record<string, string> }
  | { kind: 'amount'; key: AmountKey; label: string }

/** table columns after 名称; each count links (穿透) to the estate list with its filter */
export const METRIC_COLUMNS: MetricColumn[] = [
  { kind: 'count', key: 'estates', label: '物业项目数', filter: {} },
  { kind: 'count', key: 'residentialEstates', label: '住宅', filter: { estate_type: '住宅' } },
  { kind: 'count', key: 'commercialEstates', label: '商业', filter: { estate_type: '商业' } },
  { kind: 'count', key: 'officeEstates', label: '办公', filter: { estate_type: '办公' } },
  { kind: 'count', key: 'mixedEstates', label: '混合', filter: { estate_type: '混合' } },
  { kind: 'amount', key: 'houses', label: '房屋数' },
  { kind: 'amount', key: 'households', label: '户数' },
  { kind: 'amount', key: 'buildingArea', label: '建筑面积(㎡)' },
  { kind: 'amount', key: 'companies', label: '物业服务企业' },
  { kind: 'count', key: 'withCommittee', label: '已成立业委会', filter: { has_committee: 'true' } },
  { kind: 'count', key: 'withoutCommittee', label: '未成立业委会', filter: { has_committee: 'false' } },
]

function summaryCards(totals: ProjectMetrics): SummaryCard[] {
  return [
    { key: 'estates', label: '物业项目数', value: formatNumber(totals.estates) },
    { key: 'houses', label: '房屋数', value: formatNumber(totals.houses) },
    { key: 'households', label: '户数', value: formatNumber(totals.households) },
    { key: 'buildingArea', label: '建筑面积', value: formatArea(totals.buildingArea) },
    { key: 'companies', label: '物业服务企业数', value: formatNumber(totals.companies) },
    {
      key: 'committee',
      label: '已成立 / 未成立业委会',
      value: `${formatNumber(totals.withCommittee)} / ${formatNumber(totals.withoutCommittee)}`,
    },
  ]
}

export function useProjectOverview() {
  const drill = useRegionDrillDown({ routeName: 'projects', fetch: stats, exportUrl: statsExportUrl })
  const { rows, meta, regionId, nameLabel, nameLink } = drill

  const title = computed(() => (meta.value ? `${meta.value.region.name}项目管理` : '项目管理'))
  const cards = computed(() => (meta.value ? summaryCards(meta.value.totals) : []))
  const barOption = computed(() => estateTypeStackOption(rows.value))
  const pieOption = computed(() => (meta.value ? committeePieOption(meta.value.totals) : null))
  const chartLabel = computed(() => `${title.value}：各${nameLabel.value}物业项目按类型（住宅、商业、办公、混合）堆叠柱状图`)

  /** the whole estate list of the region on screen */
  const estateListLink = computed<RouteLocationRaw>(() => {
    const id = meta.value?.region.id ?? regionId.value
    return { name: 'project-estates', query: id ? { region: String(id) } : {} }
  })

  /** count cell: the estate list scoped to the row's region and filtered by the metric; an estate row opens the estate */
  function estatesLink(row: ProjectStatsRow, column: MetricColumn): RouteLocationRaw {
    if (row.level === 'estate') return nameLink(row)
    const filter = column.kind === 'count' ? column.filter : {}
    return { name: 'project-estates', query: { region: String(row.id), ...filter } }
  }

  function cellText(row: ProjectMetrics, column: MetricColumn): string {
    return formatNumber(row[column.key])
  }

  /** longer labels need wider columns so the header stays on one line */
  function columnMinWidth(column: MetricColumn): number {
    return column.label.length > 4 ? 124 : 90
  }

  return {
    ...drill,
    title,
    cards,
    barOption,
    pieOption,
    chartLabel,
    estateListLink,
    columns: METRIC_COLUMNS,
    columnMinWidth,
    estatesLink,
    cellText,
  }
}
