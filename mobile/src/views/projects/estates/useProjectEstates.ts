import { computed, ref, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import type { EstateListQuery, EstateListRow } from '@szpm/api'
import { ApiError } from '@/api/client'
import { fetchEstateList } from '@/api/projects'
import { formatNumber } from '@/utils/format'
import { queryId, queryString } from '@/utils/query'
import { ESTATE_TYPES } from '../format'

export const PAGE_SIZE = 20

export interface DropdownOption {
  text: string
  value: string
}

export const TYPE_OPTIONS: DropdownOption[] = [
  { text: '全部类型', value: '' },
  ...ESTATE_TYPES.map((type) => ({ text: type, value: type })),
]

export const COMMITTEE_OPTIONS: DropdownOption[] = [
  { text: '业委会', value: '' },
  { text: '已成立业委会', value: 'true' },
  { text: '未成立业委会', value: 'false' },
]

/** only 'true' / 'false' reach the API */
function committeeValue(value: string | undefined): string | undefined {
  return value === 'true' || value === 'false' ? value : undefined
}

export function useProjectEstates() {
  const route = useRoute()
  const router = useRouter()

  const rows = ref<EstateListRow[]>([])
  const total = ref<number | null>(null)
  const page = ref(0)
  const loading = ref(false)
  const finished = ref(false)
  const failed = ref(false)
  const refreshing = ref(false)

  /** the search box; submitted into ?q so back navigation keeps it */
  const keyword = ref(queryString(route.query.q) ?? '')

  /** filters come from the URL: region, q, estate_type, has_committee */
  const filters = computed<EstateListQuery>(() => ({
    region_id: queryId(route.query.region),
    q: queryString(route.query.q),
    estate_type: queryString(route.query.estate_type),
    has_committee: committeeValue(queryString(route.query.has_committee)),
  }))

  /** a dropdown writes its value into the URL, which reloads the list */
  function queryModel(key: 'estate_type' | 'has_committee') {
    return computed<string>({
      get: () => filters.value[key] ?? '',
      set: (value) => void router.replace({ query: { ...route.query, [key]: value || undefined } }),
    })
  }

  const estateType = queryModel('estate_type')
  const committee = queryModel('has_committee')

  let requestSeq = 0

  /** next page; van-list calls it when the bottom comes into view */
  async function loadMore(): Promise<void> {
    const seq = requestSeq
    loading.value = true
    failed.value = false
    try {
      const next = page.value + 1
      const result = await fetchEstateList({ ...filters.value, page: next, per_page: PAGE_SIZE })
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

  // filters live in the URL; a change (search, dropdown, or a new query on the reused page) reloads
  watch(
    () => JSON.stringify(filters.value),
    () => {
      if (route.path !== '/projects/estates') return
      keyword.value = filters.value.q ?? ''
      void reset()
    }
  )

  function rowLabel(row: EstateListRow): string {
    return [
      row.type,
      row.communityName,
      `房屋 ${formatNumber(row.houseCount)} · 户数 ${formatNumber(row.householdCount)}`,
    ]
      .filter(Boolean)
      .join(' · ')
  }

  const totalText = computed(() => (total.value === null ? '' : `共 ${formatNumber(total.value)} 个项目`))

  return {
    rows,
    loading,
    finished,
    failed,
    refreshing,
    keyword,
    estateType,
    committee,
    typeOptions: TYPE_OPTIONS,
    committeeOptions: COMMITTEE_OPTIONS,
    totalText,
    loadMore,
    refresh,
    search,
    clearSearch,
    rowLabel,
  }
}
