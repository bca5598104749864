import { computed, ref, watch, type Ref } from 'vue'
import { useRoute, useRouter, type LocationQuery } from 'vue-router'
import type { PageMeta } from '@szpm/api'
import { ApiError } from '@/api/client'
import { formatCount } from '@szpm/core'
import { queryString } from '@/utils/query'

export const PAGE_SIZE = 20

export interface InfiniteQueryListOptions<Filters, Row> {
  /** the list's path; filter changes reload only while it is shown */
  path: string
  /** the API filters, read from the route query (the URL is the source of truth) */
  filtersFromQuery: (query: LocationQuery) => Filters
  fetch: (query: Filters & { page: number; per_page: number }) => Promise<{ rows: Row[]; meta: PageMeta }>
}

/**
 * A pull-to-refresh, load-on-scroll list whose filters (including the ?q search box) live in the
 * URL, so back navigation and shared links keep them.
 */
export function useInfiniteQueryList<Filters extends { q?: string }, Row>(options: InfiniteQueryListOptions<Filters, Row>) {
  const route = useRoute()
  const router = useRouter()

  const rows = ref([]) as Ref<Row[]>
  const total = ref<number | null>(null)
  const page = ref(0)
  const loading = ref(false)
  const finished = ref(false)
  const failed = ref(false)
  const refreshing = ref(false)

  /** the search box; submitted into ?q */
  const keyword = ref(queryString(route.query.q) ?? '')

  const filters = computed(() => options.filtersFromQuery(route.query))

  let requestSeq = 0

  /** next page; van-list calls it when the bottom comes into view */
  async function loadMore(): Promise<void> {
    const seq = requestSeq
    loading.value = true
    failed.value = false
    try {
      const next = page.value + 1
      const result = await options.fetch({ ...filters.value, page: next, per_page: PAGE_SIZE })
      if (seq !== requestSeq) return
      rows.value = next === 1 ? result.rows : rows.value.concat(result.rows)
      page.value = next
      total.value = result.meta.total
      finished.value = rows.value.length >= result.meta.total || result.rows.length === 0
    } catch (caught) {
      if (seq !== requestSeq) return
      failed.value = true
      if (!(caught instanceof ApiError && caught.status === 401)) {
        showFailToast(caught instanceof ApiError ? caught.message : '网络异常，请稍后重试')
      }
    } finally {
      if (seq === requestSeq) {
        loading.value = false
        refreshing.value = false
      }
    }
  }

  /** back to page 1 with the current filters */
  function reset(): Promise<void> {
    requestSeq++
    page.value = 0
    finished.value = false
    return loadMore()
  }

  async function refresh(): Promise<void> {
    refreshing.value = true
    await reset()
  }

  function search(): void {
    const q = keyword.value.trim()
    if ((filters.value.q ?? '') === q) {
      void reset()
      return
    }
    void router.replace({ query: { ...route.query, q: q || undefined } })
  }

  function clearSearch(): void {
    keyword.value = ''
    search()
  }

  /** a dropdown's v-model: its value goes into the URL, which reloads the list */
  function queryModel(key: keyof Filters & string) {
    return computed<string>({
      get: () => String(filters.value[key] ?? ''),
      set: (value) => void router.replace({ query: { ...route.query, [key]: value || undefined } }),
    })
  }

  // a filter change (search, dropdown, or a new query on the reused page) reloads
  watch(
    () => JSON.stringify(filters.value),
    () => {
      if (route.path !== options.path) return
      keyword.value = filters.value.q ?? ''
      void reset()
    }
  )

  const totalText = computed(() => (total.value === null ? '' : `共 ${formatCount(total.value)} 个项目`))

  return {
    rows,
    total,
    loading,
    finished,
    failed,
    refreshing,
    keyword,
    filters,
    totalText,
    loadMore,
    refresh,
    search,
    clearSearch,
    queryModel,
  }
}
