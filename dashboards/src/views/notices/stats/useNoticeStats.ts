import { computed, shallowRef, watch } from 'vue'
import { useRoute, type RouteLocationRaw } from 'vue-router'
import type { NoticeStatsMeta, NoticeStatsRecipient, NoticeStatsRecipientsMeta, NoticeStatsRow, StatsRow } from '@szpm/api'
import { formatDateTime, formatMetric, noticeStatistics, notices, routeFeatures, routeByName } from '@szpm/core'
import { api } from '@/api/client'
import { barOption, chartLabel } from '@/charts/statistics'
import type { MetricColumn } from '@/components/RegionStatsTable.vue'
import type { SummaryCard } from '@/components/SummaryCards.vue'
import { useLatestRequest } from '@/composables/useLatestRequest'
import { useRegionDrillDown } from '@/composables/useRegionDrillDown'
import { session } from '@/stores/session'
import { queryNumber } from '@/utils/format'

const ROUTE_NAME = 'notice-stats'
const metrics = noticeStatistics.metrics
const barChart = noticeStatistics.charts.find((chart) => chart.kind === 'bar')!

/** the key figures of a totals row, one card each (阅读率 carries its own %) */
function figureCards(totals: Readonly<Record<string, number | null>> | undefined): SummaryCard[] {
  if (!totals) return []
  return (['recipients', 'read', 'unread', 'readRate'] as const).map((key) => {
    const metric = metrics[key]
    return { key, label: metric.label, value: formatMetric(metric.format, totals[key]), unit: metric.format === 'percent' ? undefined : metric.unit }
  })
}

/**
 * 查看全部统计 of one notice: its street → communities → estates from the warehouse (the notices cube
 * filtered to the notice), and at an estate (`?estate=`) its recipients with their read time.
 */
export function useNoticeStats() {
  const route = useRoute()
  const noticeId = computed(() => queryNumber(route.params.id) ?? 0)
  const estateId = computed(() => queryNumber(route.query.estate))
  const canExport = computed(() => routeFeatures(routeByName('notice_stats.export')!).some((feature) => session.can(feature)))

  const drill = useRegionDrillDown<NoticeStatsRow, NoticeStatsMeta>({
    routeName: ROUTE_NAME,
    fetch: (regionId) => api.noticeStats.show(noticeId.value, regionId),
    exportUrl: (regionId) => api.noticeStats.exportUrl(noticeId.value, regionId),
  })
  const { rows, meta } = drill

  /** an estate row opens its recipients on this page; a region row drills down */
  function nameLink(row: StatsRow): RouteLocationRaw {
    if (row.level === 'estate') return { name: ROUTE_NAME, params: { id: String(noticeId.value) }, query: { region: String(meta.value?.region.id ?? ''), estate: String(row.id) } }
    return { name: ROUTE_NAME, params: { id: String(noticeId.value) }, query: { region: String(row.id) } }
  }
  function regionLink(id: number): RouteLocationRaw {
    return { name: ROUTE_NAME, params: { id: String(noticeId.value) }, query: { region: String(id) } }
  }

  const columns: MetricColumn[] = Object.entries(metrics).map(([key, metric]) => ({ key, metric }))
  /** the rows as the shared table reads them (every metric a number) */
  const statsRows = computed(() => rows.value as unknown as StatsRow[])
  const cards = computed(() => figureCards(meta.value?.totals as unknown as Record<string, number>))
  const chart = computed(() => {
    const current = meta.value
    if (!current) return null
    return {
      title: barChart.title,
      option: barOption(barChart, metrics, statsRows.value),
      label: chartLabel(barChart, metrics, current.totals as unknown as Record<string, number>, current.region.name, drill.nameLabel.value),
    }
  })

  // the last step: the recipients of one estate (PostgreSQL)
  const recipients = shallowRef<NoticeStatsRecipient[]>([])
  const recipientsMeta = shallowRef<NoticeStatsRecipientsMeta | null>(null)
  const recipientRequest = useLatestRequest()
  function loadRecipients() {
    if (!estateId.value) return
    const estate = estateId.value
    return recipientRequest.run(
      () => api.noticeStats.recipients(noticeId.value, estate),
      (response) => {
        recipients.value = response.data
        recipientsMeta.value = response.meta
      },
      () => {
        recipients.value = []
        recipientsMeta.value = null
      }
    )
  }
  watch(
    () => [noticeId.value, estateId.value],
    () => {
      if (route.name === ROUTE_NAME) void loadRecipients()
    },
    { immediate: true }
  )
  const recipientCards = computed(() => figureCards(recipientsMeta.value?.totals as unknown as Record<string, number>))
  const recipientsExportUrl = computed(() => (estateId.value ? api.noticeStats.recipientsExportUrl(noticeId.value, estateId.value) : ''))

  const notice = computed(() => meta.value?.notice ?? recipientsMeta.value?.notice ?? null)
  const title = computed(() => (notice.value ? `${notice.value.title} · 阅读统计` : '查看全部统计'))
  const publishedAt = computed(() => formatDateTime(notice.value?.publishedAt))
  const breadcrumb = computed(() => (estateId.value ? (recipientsMeta.value?.breadcrumb ?? []) : drill.breadcrumb.value))
  const backToNotice: RouteLocationRaw = { name: 'notice-detail', params: { id: String(route.params.id) } }

  return {
    ...drill,
    module: notices,
    noticeId,
    estateId,
    canExport,
    nameLink,
    regionLink,
    columns,
    statsRows,
    cards,
    chart,
    recipients,
    recipientsMeta,
    recipientCards,
    recipientsLoading: recipientRequest.loading,
    recipientsError: recipientRequest.errorMessage,
    loadRecipients,
    recipientsExportUrl,
    notice,
    title,
    publishedAt,
    breadcrumb,
    backToNotice,
    formatDateTime,
  }
}
