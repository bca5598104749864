import { computed, ref, shallowRef, watch } from 'vue'
import { useRoute, type RouteLocationRaw } from 'vue-router'
import { ApiError, type ProjectMetrics, type ProjectStatsMeta, type ProjectStatsRow } from '@szpm/api'
import { stats, statsExportUrl } from '@/api/projects'
import { committeePieOption, estateTypeStackOption } from '@/charts/project_options'
import { LEVEL_LABEL } from '@/constants/filing'
import { formatDateTime, formatNumber, queryNumber } from '@/utils/format'
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

export interface SummaryCard {
  key: string
  label: string
  value: string
  extra?: string
}

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
  const route = useRoute()
  /** absent = the server falls back to the user's own region */
  const regionId = computed(() => queryNumber(route.query.region))

  const rows = shallowRef<ProjectStatsRow[]>([])
  const meta = shallowRef<ProjectStatsMeta | null>(null)
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
      if (route.name === 'projects') void load()
    },
    { immediate: true }
  )

  const title = computed(() => (meta.value ? `${meta.value.region.name}项目管理` : '项目管理'))
  const breadcrumb = computed(() => meta.value?.breadcrumb ?? [])
  const nameLabel = computed(() => (meta.value ? LEVEL_LABEL[meta.value.childLevel] : '名称'))
  const cards = computed(() => (meta.value ? summaryCards(meta.value.totals) : []))
  const freshAt = computed(() => formatDateTime(meta.value?.freshAt))
  const exportUrl = computed(() => statsExportUrl(regionId.value))
  const barOption = computed(() => estateTypeStackOption(rows.value))
  const pieOption = computed(() => (meta.value ? committeePieOption(meta.value.totals) : null))
  const chartLabel = computed(() => `${title.value}：各${nameLabel.value}物业项目按类型（住宅、商业、办公、混合）堆叠柱状图`)

  /** the whole estate list of the region on screen */
  const estateListLink = computed<RouteLocationRaw>(() => {
    const id = meta.value?.region.id ?? regionId.value
    return { name: 'project-estates', query: id ? { region: String(id) } : {} }
  })

  function regionLink(id: number): RouteLocationRaw {
    return { name: 'projects', query: { region: String(id) } }
  }

  /** name cell: drill down one level, or open the estate detail at the last level */
  function nameLink(row: ProjectStatsRow): RouteLocationRaw {
    return row.level === 'estate' ? { name: 'filing-estate', params: { id: String(row.id) } } : regionLink(row.id)
  }

  /** count cell: the estate list scoped to the row's region and filtered by the metric; an estate row opens the estate */
  function estatesLink(row: ProjectStatsRow, column: MetricColumn): RouteLocationRaw {
    if (row.level === 'estate') return nameLink(row)
    const filter = column.kind === 'count' ? column.filter : {}
    return { name: 'project-estates', query: { region: String(row.id), ...filter } }
  }

  function cellText(row: ProjectMetrics, column: MetricColumn): string {
    return formatNumber(row[column.key])
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
    estateListLink,
    columns: METRIC_COLUMNS,
    regionLink,
    nameLink,
    estatesLink,
    cellText,
    summaryMethod,
  }
}
