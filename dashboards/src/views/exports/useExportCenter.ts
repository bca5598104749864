import { computed, onBeforeUnmount, reactive, ref, watch } from 'vue'
import { useRoute } from 'vue-router'
import type { ExportFrequency, ExportRunRow, ExportSubscriptionRow, ExportTablesMeta, ExportableTableRow } from '@szpm/api'
import * as exportsApi from '@/api/exports'
import { usePagedQueryList } from '@/composables/usePagedQueryList'
import { confirmed, failureMessage, runAction } from '@/utils/feedback'
import { formatDateTime, queryNumber, queryString } from '@/utils/format'
import { ElMessage } from 'element-plus'

export const EXPORTS_ROUTE = 'exports'
/** while a run is queued or running, the list refreshes this often (ms) */
const POLL_MS = 2000

export const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'].map((label, index) => ({ value: index + 1, label: `周${label}` }))
export const MONTH_DAYS = Array.from({ length: 28 }, (_, index) => ({ value: index + 1, label: `${index + 1} 日` }))

/** a file size as 12.3 KB */
export function fileSize(bytes: number | null) {
  if (bytes === null) return '—'
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/**
 * 导出中心: the user's runs (立即导出 and 定时导出 files) with live progress, the tables they may export,
 * and their subscriptions. A statistics page links here with `?module=<slug>&region_id=<id>` to
 * preselect its table and region.
 */
export function useExportCenter() {
  const route = useRoute()
  const tables = ref<ExportableTableRow[]>([])
  const meta = ref<ExportTablesMeta | null>(null)
  const subscriptionRows = ref<ExportSubscriptionRow[]>([])
  const form = reactive({
    module: queryString(route.query.module) ?? '',
    regionId: queryNumber(route.query.region_id),
    regionName: queryString(route.query.region_name),
    frequency: 'daily' as ExportFrequency,
    timeOfDay: '08:00',
    weekday: 1,
    monthDay: 1,
  })
  const submitting = ref(false)

  const runsList = usePagedQueryList<Record<string, never>, ExportRunRow>({
    routeName: EXPORTS_ROUTE,
    fields: {},
    scopeKeys: [],
    formKeys: [],
    fetch: (query) => exportsApi.runs({ page: query.page, per_page: query.per_page }),
    exportUrl: () => exportsApi.exportUrl(),
  })

  const regionLabel = computed(() => form.regionName ?? meta.value?.region.name ?? '')
  const busy = computed(() => runsList.rows.value.some((row) => row.status === 'queued' || row.status === 'running'))

  let timer: ReturnType<typeof setTimeout> | undefined
  watch(busy, (now) => {
    clearTimeout(timer)
    if (now) timer = setTimeout(() => void refresh(), POLL_MS)
  })
  async function refresh() {
    await runsList.load()
    if (busy.value) timer = setTimeout(() => void refresh(), POLL_MS)
  }
  onBeforeUnmount(() => clearTimeout(timer))

  async function loadSetup() {
    try {
      const [tableResult, subscriptionResult] = await Promise.all([exportsApi.tables(), exportsApi.subscriptions()])
      tables.value = tableResult.data
      meta.value = tableResult.meta
      subscriptionRows.value = subscriptionResult.data
      if (!form.module && tables.value[0]) form.module = tables.value[0].module
    } catch (error) {
      ElMessage.error(failureMessage(error))
    }
  }
  void loadSetup()

  function body() {
    return { module: form.module, ...(form.regionId ? { region_id: form.regionId } : {}) }
  }

  async function exportNow() {
    submitting.value = true
    const ok = await runAction(() => exportsApi.request(body()), '已开始生成，完成后会发送站内消息')
    submitting.value = false
    if (ok) await refresh()
  }

  async function subscribeNow() {
    submitting.value = true
    const ok = await runAction(
      () =>
        exportsApi.subscribe({
          ...body(),
          frequency: form.frequency,
          time_of_day: form.timeOfDay,
          ...(form.frequency === 'weekly' ? { weekday: form.weekday } : {}),
          ...(form.frequency === 'monthly' ? { month_day: form.monthDay } : {}),
        }),
      '已订阅定时导出'
    )
    submitting.value = false
    if (ok) subscriptionRows.value = (await exportsApi.subscriptions()).data
  }

  async function cancel(row: ExportSubscriptionRow) {
    if (!(await confirmed(`取消「${row.title}」（${row.regionName}，${row.scheduleName}）的定时导出？`, '取消订阅'))) return
    if (await runAction(() => exportsApi.unsubscribe(row.id), '已取消订阅')) {
      subscriptionRows.value = subscriptionRows.value.filter((candidate) => candidate.id !== row.id)
    }
  }

  return {
    ...runsList,
    tables,
    meta,
    form,
    regionLabel,
    submitting,
    subscriptionRows,
    exportNow,
    subscribeNow,
    cancel,
    downloadUrl: exportsApi.downloadUrl,
    formatDateTime,
    fileSize,
  }
}
