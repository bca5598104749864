import { computed } from 'vue'
import { useRoute, type RouteLocationRaw } from 'vue-router'
import { routeReads, statisticsOf, statisticsRoutes, type StatsMeta, type StatsRow } from '@szpm/api'
import { formatMetric, metricGroups, metricRecordsPage, recordsOfPage, type ChartDeclaration, type MetricDeclaration } from '@szpm/core'
import { stats, statsExportUrl } from '@/api/statistics'
import { barOption, chartLabel, donutOption } from '@/charts/statistics'
import type { MetricColumn } from '@/components/RegionStatsTable.vue'
import type { SummaryCard } from '@/components/SummaryCards.vue'
import { useRegionDrillDown } from '@/composables/useRegionDrillDown'
import { session } from '@/stores/session'
import { queryString } from '@/utils/format'
import { extensionOf } from '../extensions'

/** a route access that is one feature (or any of several) → may the user call it */
function allowed(access: string | readonly string[]): boolean {
  return typeof access === 'string' ? session.can(access) : access.some((feature) => session.can(feature))
}

/** how wide each chart is (of 24): bars beside the donuts when they fit on one row */
function chartSpans(charts: readonly ChartDeclaration[]): { donut: number; bar: number } {
  const donuts = charts.filter((chart) => chart.kind === 'donut').length
  const bars = charts.length - donuts
  if (!bars) return { donut: Math.max(8, Math.floor(24 / Math.max(donuts, 1))), bar: 24 }
  const donut = donuts >= 2 ? 6 : 8
  return { donut, bar: bars === 1 && donuts * donut <= 12 ? 24 - donuts * donut : 24 }
}

/**
 * The statistics page of any declared module: region drill-down, key figures, declared charts,
 * the table of every metric with 合计 and 穿透 to the records, export and freshness.
 */
export function useStatisticsOverview(slug: string) {
  const route = useRoute()
  const routeName = String(route.name)
  const { module, statistics } = statisticsOf(slug)
  const extension = extensionOf(slug)
  const metricEntries = Object.entries(statistics.metrics)

  /** the module's own URL params (e.g. the evaluation period), kept by every link */
  const extraParams = computed(() => {
    const params: Record<string, string> = {}
    for (const key of extension?.params ?? []) {
      const value = queryString(route.query[key])
      if (value) params[key] = value
    }
    return params
  })
  const extraApiQuery = () => extension?.apiQuery(extraParams.value) ?? {}

  const drill = useRegionDrillDown<StatsRow, StatsMeta>({
    routeName,
    fetch: (regionId) => stats(slug, { region_id: regionId, ...extraApiQuery() }),
    exportUrl: (regionId) => statsExportUrl(slug, { region_id: regionId, ...extraApiQuery() }),
    linkQuery: () => extraParams.value,
    estateTab: slug,
  })
  const { rows, meta, nameLabel, currentRegionId } = drill

  const pageTitle = module.pages?.find((page) => page.name === routeName)?.title ?? module.name
  const title = computed(() => `${meta.value?.region.name ?? ''}${pageTitle}`)
  const canExport = computed(() => allowed(statisticsRoutes(slug).export.access))

  const columns: MetricColumn[] = metricEntries.map(([key, metric]) => ({ key, metric }))
  /** grouped headers over consecutive metrics (共有资金情况's 应开 / 账户数) */
  const groups = metricGroups(statistics)

  const cards = computed<SummaryCard[]>(() => {
    const totals = meta.value?.totals
    if (!totals) return []
    return statistics.keyFigures.map((key) => {
      const metric = statistics.metrics[key]!
      const value = totals[key]
      const showUnit = metric.unit && metric.format !== 'percent' && metric.format !== 'area' && value !== null && value !== undefined
      return { key, label: metric.label, value: formatMetric(metric.format, value), unit: showUnit ? metric.unit : undefined, to: totalsLink(metric) }
    })
  })

  const spans = chartSpans(statistics.charts)
  const charts = computed(() => {
    const current = meta.value
    if (!current) return []
    return statistics.charts.map((chart, index) => ({
      key: index,
      chart,
      span: chart.kind === 'donut' ? spans.donut : spans.bar,
      option: chart.kind === 'donut' ? donutOption(chart, statistics.metrics, current.totals) : barOption(chart, statistics.metrics, rows.value),
      label: chartLabel(chart, statistics.metrics, current.totals, current.region.name, nameLabel.value),
    }))
  })

  const recordsPage = statistics.recordsPage
  const records = statistics.records

  /** the records a row's numbers are about: its region, or for an estate the estate itself */
  function recordsScope(row: StatsRow): Record<string, string> {
    if (row.level !== 'estate') return { region: String(row.id) }
    if (records && routeReads(records.list, 'estate_id')) return { estate: String(row.id) }
    // a list without an estate filter: the region on screen and the estate's name
    const region = currentRegionId.value
    return { ...(region ? { region: String(region) } : {}), q: row.name }
  }

  /**
   * 穿透: a count with declared records opens the records page filtered by the row and the metric — the
   * module's main list, or the one the metric names (`recordsPage`, e.g. the estates behind an estate count)
   */
  function cellLink(row: StatsRow, column: MetricColumn): RouteLocationRaw | null {
    const filter = column.metric.records
    if (!filter) return null
    const page = metricRecordsPage(statistics, column.metric)
    if (!page) return null
    if (page !== recordsPage) {
      const list = recordsOfPage(statistics, page)
      const scope = row.level !== 'estate' ? { region: String(row.id) } : list && routeReads(list.list, 'estate_id') ? { estate: String(row.id) } : recordsScope(row)
      return { name: page, query: { ...scope, ...filter } }
    }
    return { name: recordsPage, query: { ...extraParams.value, ...recordsScope(row), ...filter } }
  }

  /**
   * name cell: drill down, or at the module's last level — the estate page, or for a module whose levels
   * end above the estate (平安建设's community) that region's records, its detail
   */
  const leaf = statistics.levels[statistics.levels.length - 1]
  function nameLink(row: StatsRow): RouteLocationRaw {
    if (leaf !== 'estate' && row.level === leaf && recordsPage) return { name: recordsPage, query: { ...extraParams.value, region: String(row.id) } }
    return drill.nameLink(row)
  }

  /** 穿透 of a key figure: the records behind the region's total (its main list or the metric's own) */
  function totalsLink(metric: MetricDeclaration): RouteLocationRaw | null {
    const page = metric.records ? metricRecordsPage(statistics, metric) : undefined
    if (!page || !metric.records) return null
    const region = currentRegionId.value
    const extra = page === recordsPage ? extraParams.value : {}
    return { name: page, query: { ...extra, ...(region ? { region: String(region) } : {}), ...metric.records } }
  }

  /** every record of the region on screen */
  const recordsLink = computed<RouteLocationRaw | null>(() => {
    if (!recordsPage) return null
    const region = currentRegionId.value
    return { name: recordsPage, query: { ...extraParams.value, ...(region ? { region: String(region) } : {}) } }
  })

  /** 定时导出 / 后台导出 of this table and region in 导出中心 */
  const scheduleLink = computed<RouteLocationRaw | null>(() => {
    if (!canExport.value) return null
    const region = meta.value?.region
    return { name: 'exports', query: { module: slug, ...(region ? { region_id: String(region.id), region_name: region.name } : {}) } }
  })

  return {
    ...drill,
    nameLink,
    extraParams,
    title,
    canExport,
    scheduleLink,
    columns,
    groups,
    cards,
    charts,
    cellLink,
    totalsLink,
    recordsLink,
    recordsTitle: records?.title ?? '',
  }
}
