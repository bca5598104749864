import { computed, onMounted, shallowRef, watch } from 'vue'
import { useRoute, useRouter, type RouteLocationRaw } from 'vue-router'
import type { EvaluationListFilter, EvaluationMetrics, EvaluationPeriod, EvaluationPeriodsMeta, EvaluationStatsRow } from '@szpm/api'
import { periods as loadPeriods, stats, statsExportUrl } from '@/api/evaluations'
import { evaluationStatePieOption, scoreDistributionOption } from '@/charts/evaluation_options'
import type { SummaryCard } from '@/components/SummaryCards.vue'
import { useRegionDrillDown } from '@/composables/useRegionDrillDown'
import { formatNumber } from '@/utils/format'
import { formatScore, parsePeriodKey, periodKey, periodStatus, windowText } from '../constants'

const ROUTE_NAME = 'evaluations'

type CountKey = 'estates' | 'evaluated' | 'pending' | 'submitted' | 'reviewed' | 'autoScored'

export type MetricColumn =
  | { kind: 'count'; key: CountKey; label: string; state?: EvaluationListFilter }
  | { kind: 'score'; key: 'averageScore'; label: string }

/** table columns after 名称; each count links (穿透) to the evaluation list of the row with its state */
export const METRIC_COLUMNS: MetricColumn[] = [
  { kind: 'count', key: 'estates', label: '物业项目数' },
  { kind: 'count', key: 'evaluated', label: '已评价', state: 'evaluated' },
  { kind: 'count', key: 'pending', label: '待评价', state: 'pending' },
  { kind: 'count', key: 'submitted', label: '待审核', state: 'submitted' },
  { kind: 'count', key: 'reviewed', label: '已审核', state: 'reviewed' },
  { kind: 'count', key: 'autoScored', label: '自动计分', state: 'auto_scored' },
  { kind: 'score', key: 'averageScore', label: '平均分' },
]

function summaryCards(totals: EvaluationMetrics): SummaryCard[] {
  return [
    { key: 'estates', label: '物业项目数', value: formatNumber(totals.estates) },
    { key: 'evaluated', label: '已评价', value: formatNumber(totals.evaluated) },
    { key: 'pending', label: '待评价', value: formatNumber(totals.pending) },
    { key: 'submitted', label: '待审核', value: formatNumber(totals.submitted) },
    { key: 'reviewed', label: '已审核', value: formatNumber(totals.reviewed) },
    { key: 'averageScore', label: '平均分', value: formatScore(totals.averageScore), extra: `自动计分 ${formatNumber(totals.autoScored)}` },
  ]
}

export function useEvaluationOverview() {
  const route = useRoute()
  const router = useRouter()

  /** the period in the URL (?period=2026-1); absent = the server's default */
  const period = computed(() => parsePeriodKey(route.query.period))

  const drill = useRegionDrillDown<EvaluationStatsRow, EvaluationMetrics>({
    routeName: ROUTE_NAME,
    fetch: (regionId) => stats({ region_id: regionId, year: period.value?.year, half: period.value?.half }),
    exportUrl: (regionId) => statsExportUrl({ region_id: regionId, year: period.value?.year, half: period.value?.half }),
  })
  const { rows, meta, regionId, nameLabel } = drill

  // useRegionDrillDown follows ?region=; the period is ours to follow
  watch(
    () => route.query.period,
    () => {
      if (route.name === ROUTE_NAME) void drill.load()
    }
  )

  /** the period the numbers are for (stats meta carries it) */
  const shownPeriod = computed<EvaluationPeriod | null>(() => (meta.value as { period?: EvaluationPeriod } | null)?.period ?? null)

  // ---- period selector -------------------------------------------------------------------
  const periodList = shallowRef<EvaluationPeriod[]>([])
  const periodsMeta = shallowRef<EvaluationPeriodsMeta | null>(null)
  onMounted(async () => {
    try {
      const response = await loadPeriods()
      periodList.value = response.data
      periodsMeta.value = response.meta
    } catch {
      // the selector stays empty; the stats show the server's default period
    }
  })
  const periodOptions = computed(() => periodList.value.map((item) => ({ value: periodKey(item), label: item.label })))
  const selectedPeriod = computed(() => {
    if (period.value) return periodKey(period.value)
    if (shownPeriod.value) return periodKey(shownPeriod.value)
    return periodsMeta.value ? periodKey(periodsMeta.value.default) : ''
  })
  function onPeriodChange(value: string) {
    const query: Record<string, string> = { ...(route.query as Record<string, string>), period: value }
    void router.push({ name: ROUTE_NAME, query })
  }
  const periodWindow = computed(() => (shownPeriod.value ? windowText(shownPeriod.value) : ''))
  const periodTag = computed(() => (shownPeriod.value ? periodStatus(shownPeriod.value) : null))

  // ---- links keep the period ---------------------------------------------------------------
  const periodQuery = computed<Record<string, string>>(() => {
    const shown = period.value ?? shownPeriod.value
    const query: Record<string, string> = {}
    if (shown) query.period = periodKey(shown)
    return query
  })

  function regionLink(id: number): RouteLocationRaw {
    return { name: ROUTE_NAME, query: { region: String(id), ...periodQuery.value } }
  }

  /** the region a row belongs to in the list: itself, or for an estate the region on screen */
  function listScope(row: EvaluationStatsRow): Record<string, string> {
    if (row.level !== 'estate') return { region: String(row.id) }
    const current = meta.value?.region.id ?? regionId.value
    return { ...(current ? { region: String(current) } : {}), q: row.name }
  }

  /** name cell: drill down one level; an estate opens its evaluation in the list */
  function nameLink(row: EvaluationStatsRow): RouteLocationRaw {
    if (row.level === 'estate') return { name: 'evaluation-list', query: { ...listScope(row), ...periodQuery.value } }
    return regionLink(row.id)
  }

  /** count cell: the evaluation list of the row with the column's state (待审核 → the review list) */
  function listLink(row: EvaluationStatsRow, column: MetricColumn): RouteLocationRaw {
    const state = column.kind === 'count' && column.state ? { state: column.state } : {}
    return { name: 'evaluation-list', query: { ...listScope(row), ...periodQuery.value, ...state } }
  }

  function cellText(metrics: EvaluationMetrics, column: MetricColumn): string {
    return column.kind === 'score' ? formatScore(metrics.averageScore) : formatNumber(metrics[column.key])
  }

  function columnMinWidth(column: MetricColumn): number {
    return column.label.length > 4 ? 110 : 90
  }

  const title = computed(() => (meta.value ? `${meta.value.region.name}社区评价情况` : '社区评价情况'))
  const cards = computed(() => (meta.value ? summaryCards(meta.value.totals) : []))
  const distributionOption = computed(() => (meta.value ? scoreDistributionOption(meta.value.totals) : null))
  const stateOption = computed(() => (meta.value && meta.value.totals.estates ? evaluationStatePieOption(meta.value.totals) : null))
  const distributionLabel = computed(() => {
    const totals = meta.value?.totals
    if (!totals) return ''
    return `${title.value}：生效得分分布柱状图，60分以下${totals.below60}个，60至69分${totals.from60to69}个，70至79分${totals.from70to79}个，80至89分${totals.from80to89}个，90至100分${totals.from90to100}个`
  })
  /** the 待审核 list of the region on screen */
  const reviewListLink = computed<RouteLocationRaw>(() => {
    const id = meta.value?.region.id ?? regionId.value
    return { name: 'evaluation-list', query: { ...(id ? { region: String(id) } : {}), ...periodQuery.value, state: 'submitted' } }
  })

  return {
    ...drill,
    nameLabel,
    title,
    cards,
    columns: METRIC_COLUMNS,
    columnMinWidth,
    regionLink,
    nameLink,
    listLink,
    cellText,
    distributionOption,
    distributionLabel,
    stateOption,
    periodOptions,
    selectedPeriod,
    onPeriodChange,
    shownPeriod,
    periodWindow,
    periodTag,
    reviewListLink,
  }
}
