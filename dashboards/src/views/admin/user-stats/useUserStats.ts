import { computed, onMounted, ref, watch } from 'vue'
import { useRoute } from 'vue-router'
import type { UserStatCategory, UserStatMetric, UserStatsItem, UserStatsListMeta, UserStatsRow } from '@szpm/api'
import { stats, statsExportUrl, statsList, statsListExportUrl } from '@/api/users'

export const METRICS: { key: UserStatMetric; label: string }[] = [
  { key: 'units', label: '全部单位' },
  { key: 'unopened', label: '未开设单位' },
  { key: 'accounts', label: '账户总数' },
]

/** 用户统计: per role category, every number opens its list. */
export function useUserStats() {
  const rows = ref<UserStatsRow[]>([])
  const loading = ref(false)
  const error = ref('')
  onMounted(async () => {
    loading.value = true
    try {
      rows.value = (await stats()).data
    } catch (e) {
      error.value = e instanceof Error ? e.message : '加载失败'
    } finally {
      loading.value = false
    }
  })
  return { rows, loading, error, metrics: METRICS, exportUrl: statsExportUrl() }
}

/** The list behind one number. */
export function useUserStatsList() {
  const route = useRoute()
  const items = ref<UserStatsItem[]>([])
  const meta = ref<UserStatsListMeta | null>(null)
  const page = ref(1)
  const loading = ref(false)
  const error = ref('')
  async function load() {
    loading.value = true
    error.value = ''
    try {
      const response = await statsList(route.params.category as UserStatCategory, route.params.metric as UserStatMetric, { page: page.value, per_page: 20 })
      items.value = response.data
      meta.value = response.meta
    } catch (e) {
      error.value = e instanceof Error ? e.message : '加载失败'
    } finally {
      loading.value = false
    }
  }
  onMounted(load)
  watch(() => route.fullPath, () => { page.value = 1; void load() })
  const exportUrl = computed(() => statsListExportUrl(route.params.category as UserStatCategory, route.params.metric as UserStatMetric))
  return { items, meta, page, loading, error, load, exportUrl }
}
