import { computed, ref, watch, type Ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import type { NoticeStatsMeta, NoticeStatsRecipient, NoticeStatsRecipientsMeta, NoticeStatsRow } from '@szpm/api'
import { formatDateTime, formatMetric, noticeStatistics } from '@szpm/core'
import { api } from '@/api/client'
import type { SummaryItem } from '@/components/SummaryGrid.vue'
import { useLatestRequest } from '@/composables/useLatestRequest'
import { useRegionDrillDown, type DrillNumber } from '@/composables/useRegionDrillDown'
import { queryId } from '@/utils/query'

const metrics = noticeStatistics.metrics

function summaryOf(totals: Readonly<Record<string, number | null>> | undefined): SummaryItem[] {
  return (['recipients', 'read', 'readRate'] as const).map((key) => ({ key, label: metrics[key].label, value: formatMetric(metrics[key].format, totals?.[key]) }))
}

/**
 * 查看全部统计 of one notice on the phone: street → communities → estates (tap to drill down), then
 * the recipients of an estate with their read time (`?estate=`).
 */
export function useNoticeStats() {
  const route = useRoute()
  const router = useRouter()
  const noticeId = queryId(String(route.params.id)) ?? 0
  const path = `/notices/${noticeId}/stats`
  const estateId = computed(() => queryId(route.query.estate))

  const drill = useRegionDrillDown<NoticeStatsRow, NoticeStatsMeta>({
    path,
    fetch: async (regionId) => {
      const { data, meta } = await api.noticeStats.show(noticeId, regionId)
      return { rows: data, meta }
    },
    estateLink: (id) => ({ path, query: { ...route.query, estate: String(id) } }),
  })

  const summary = computed(() => summaryOf(drill.meta.value?.totals as unknown as Record<string, number>))
  /** 已读 · 未读 · 阅读率 of a row (nothing to open behind them) */
  function rowLabel(row: NoticeStatsRow): string {
    return `接收 ${formatMetric('count', row.recipients)} · 已读 ${formatMetric('count', row.read)} · 未读 ${formatMetric('count', row.unread)} · 阅读率 ${formatMetric('percent', row.readRate)}`
  }
  const drillNumbers = (): DrillNumber[] => []

  const recipients = ref([]) as Ref<NoticeStatsRecipient[]>
  const recipientsMeta = ref(null) as Ref<NoticeStatsRecipientsMeta | null>
  const recipientRequest = useLatestRequest()
  function loadRecipients() {
    const estate = estateId.value
    if (!estate) return
    return recipientRequest.run(
      () => api.noticeStats.recipients(noticeId, estate),
      (response) => {
        recipients.value = response.data
        recipientsMeta.value = response.meta
      }
    )
  }
  watch(
    estateId,
    () => {
      if (route.path === path) void loadRecipients()
    },
    { immediate: true }
  )
  const recipientSummary = computed(() => summaryOf(recipientsMeta.value?.totals as unknown as Record<string, number>))

  const notice = computed(() => drill.meta.value?.notice ?? recipientsMeta.value?.notice ?? null)
  const breadcrumb = computed(() => (estateId.value ? (recipientsMeta.value?.breadcrumb ?? []) : drill.breadcrumb.value))
  const currentId = computed(() => (estateId.value ? estateId.value : drill.meta.value?.region.id))
  function openCrumb(crumb: { id: number; level: string }) {
    if (crumb.level === 'estate') return
    void router.push({ path, query: { region: String(crumb.id) } })
  }

  return {
    ...drill,
    estateId,
    summary,
    rowLabel,
    drillNumbers,
    recipients,
    recipientsMeta,
    recipientSummary,
    recipientsLoading: recipientRequest.loading,
    recipientsError: recipientRequest.error,
    loadRecipients,
    notice,
    breadcrumb,
    currentId,
    openCrumb,
    formatDateTime,
  }
}
