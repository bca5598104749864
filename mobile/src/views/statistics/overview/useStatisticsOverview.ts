import { computed, watch } from 'vue'
import { useRoute, useRouter, type RouteLocationRaw } from 'vue-router'
import { formatMetric, metricRecordsPage, recordsOfPage, type MetricDeclaration } from '@szpm/core'
import { routeReads, type StatsMeta, type StatsRow } from '@szpm/api'
import { statistics as statisticsApi } from '@/api/statistics'
import type { SummaryItem } from '@/components/SummaryGrid.vue'
import { useRegionDrillDown, type DrillNumber } from '@/composables/useRegionDrillDown'
import { h5Page, statisticsPageOf } from '@/modules'
import { useStatisticsPageHook } from '../hooks'

/**
 * The overview of any declared statistics module (the page named `<slug>`): the key figures of the
 * region on screen, the declared charts, and one row per child region (tap to drill down, an estate
 * opens the estate page) with the numbers that have records behind them (穿透).
 */
export function useStatisticsOverview() {
  const route = useRoute()
  // the page named `<slug>`, or the one a module's `statistics.page` names
  const pageName = String(route.name)
  const module = statisticsPageOf(pageName)?.module
  if (!module?.statistics) throw new Error(`page "${pageName}" is not a statistics module`)
  const { slug, statistics } = module
  const hook = useStatisticsPageHook(slug)
  const path = h5Page(pageName)!.path
  const recordsPage = statistics.recordsPage ? h5Page(statistics.recordsPage) : undefined

  function estateLink(id: number): RouteLocationRaw {
    return { name: 'estate', params: { id: String(id) }, query: { tab: slug, ...hook.linkQuery.value } }
  }

  const drill = useRegionDrillDown<StatsRow, StatsMeta>({
    path,
    fetch: async (regionId) => {
      const { data, meta } = await statisticsApi.stats(slug, { region_id: regionId, ...hook.apiQuery.value })
      hook.onMeta(meta)
      return { rows: data, meta }
    },
    linkQuery: () => hook.linkQuery.value,
    estateLink,
  })
  const { meta, regionId } = drill

  // the hook's own query (e.g. a new period) reloads the same region
  watch(
    () => JSON.stringify(hook.apiQuery.value),
    () => {
      if (route.path === path) void drill.load()
    }
  )

  const metric = (key: string): MetricDeclaration => statistics.metrics[key]
  const shown = (key: string, source: Record<string, number | null> | undefined) => formatMetric(metric(key).format, source?.[key])

  /** the records page of a region or an estate, filtered as the metric declares */
  function recordsLink(scope: { region?: number; estate?: number }, filter: Readonly<Record<string, string>> = {}): RouteLocationRaw | undefined {
    if (!recordsPage) return undefined
    const query = { region: scope.region ? String(scope.region) : undefined, estate: scope.estate ? String(scope.estate) : undefined }
    return { path: recordsPage.path, query: { ...query, ...filter, ...hook.linkQuery.value } }
  }

  /** 穿透 of a metric: its records on the main list, or on the list it names (`recordsPage`: e.g. the estates behind an estate count) */
  function metricLink(declared: MetricDeclaration, scope: { region?: number; estate?: number }): RouteLocationRaw | undefined {
    if (!declared.records) return undefined
    const pageName = metricRecordsPage(statistics!, declared)
    if (!pageName || pageName === statistics!.recordsPage) return recordsLink(scope, declared.records)
    const page = h5Page(pageName)
    const list = recordsOfPage(statistics!, pageName)
    if (!page || !list) return undefined
    if (scope.estate && !routeReads(list.list, 'estate_id')) return undefined
    const query = { region: scope.region ? String(scope.region) : undefined, estate: scope.estate ? String(scope.estate) : undefined }
    return { path: page.path, query: { ...query, ...declared.records } }
  }

  const regionOnScreen = computed(() => meta.value?.region.id ?? regionId.value)

  const summary = computed<SummaryItem[]>(() =>
    statistics.keyFigures.map((key) => ({
      key,
      label: metric(key).label,
      value: shown(key, meta.value?.totals),
      to: meta.value ? metricLink(metric(key), { region: regionOnScreen.value }) : undefined,
    }))
  )

  /** the whole list of the region on screen */
  const recordsEntry = computed(() =>
    recordsPage ? { title: recordsPage.title, to: recordsLink({ region: regionOnScreen.value })! } : null
  )

  const recordMetrics = Object.entries(statistics.metrics).filter(([, declared]) => declared.records)
  /** can the records list be narrowed to one estate (its route reads estate_id)? */
  const estateRecords = statistics.records ? routeReads(statistics.records.list, 'estate_id') : false

  function drillNumbers(row: StatsRow): DrillNumber[] {
    if (row.level === 'estate' && !estateRecords) return []
    const scope = row.level === 'estate' ? { estate: row.id } : { region: row.id }
    return recordMetrics.flatMap(([key, declared]) => {
      const to = metricLink(declared, scope)
      return to ? [{ key, label: declared.label, value: shown(key, row), zero: row[key] === 0, to }] : []
    })
  }

  /** the figures of a row that are neither tappable numbers nor drawn per region in a chart (rates, sums, averages) */
  const charted = new Set(statistics.charts.filter((chart) => chart.kind === 'bar').flatMap((chart) => chart.metrics))
  const labelFigures = Object.keys(statistics.metrics).filter((key) => !metric(key).records && !charted.has(key))

  function rowLabel(row: StatsRow): string {
    return labelFigures.map((key) => `${metric(key).label} ${shown(key, row)}`).join(' · ')
  }

  const title = computed(() => (meta.value ? `${meta.value.region.name} · 下级统计` : '下级统计'))

  /**
   * a row drills down, or at the module's last level opens the estate page — or, for a module whose
   * levels end above the estate (平安建设's community), that region's records: its detail
   */
  const router = useRouter()
  const leaf = statistics.levels[statistics.levels.length - 1]
  function openRow(row: StatsRow): void {
    const records = leaf !== 'estate' && row.level === leaf ? recordsLink({ region: row.id }) : undefined
    if (records) void router.push(records)
    else drill.openRow(row)
  }

  return {
    ...drill,
    openRow,
    pageTitle: h5Page(pageName)!.title,
    statistics,
    selects: hook.selects,
    actions: computed(() => hook.actions?.value ?? []),
    summary,
    recordsEntry,
    rowLabel,
    drillNumbers,
    title,
  }
}
