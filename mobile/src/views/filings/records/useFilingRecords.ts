import { computed, ref, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import type { EstateFilingQuery, EstateFilingRow, FilingStatus } from '@szpm/api'
import { ApiError } from '@/api/client'
import { fetchEstateFilings } from '@/api/filings'
import { formatNumber } from '@/utils/format'
import { queryId, queryString } from '@/utils/query'

export const PAGE_SIZE = 20

const STATUS_NAMES: Record<FilingStatus, string> = {
  filed: '已备案',
  expired: '已过期',
  not_filed: '未备案',
}

type TagType = 'success' | 'warning' | 'danger' | 'default'

const STATUS_TAGS: Record<FilingStatus, TagType> = {
  filed: 'success',
  expired: 'warning',
  not_filed: 'danger',
}

export function useFilingRecords() {
  const route = useRoute()
  const router = useRouter()

  const rows = ref<EstateFilingRow[]>([])
  const total = ref<number | null>(null)
  const page = ref(0)
  const loading = ref(false)
  const finished = ref(false)
  const failed = ref(false)
  const refreshing = ref(false)

  /** the search box; submitted into ?q so back navigation keeps it */
  const keyword = ref(queryString(route.query.q) ?? '')

  /** filters come from the URL: region, estate, contract_status, assembly_status, q */
  const filters = computed<EstateFilingQuery>(() => ({
    region_id: queryId(route.query.region),
    estate_id: queryId(route.query.estate),
    contract_status: queryString(route.query.contract_status),
    assembly_status: queryString(route.query.assembly_status),
    q: queryString(route.query.q),
  }))

  const filterTags = computed(() => {
    const tags: string[] = []
    const { contract_status: contract, assembly_status: assembly } = filters.value
    if (contract) tags.push(`合同${STATUS_NAMES[contract as FilingStatus] ?? contract}`)
    if (assembly) tags.push(`业主大会${STATUS_NAMES[assembly as FilingStatus] ?? assembly}`)
    return tags
  })

  let requestSeq = 0

  /** next page; van-list calls it when the bottom comes into view */
  async function loadMore(): Promise<void> {
    const seq = requestSeq
    loading.value = true
    failed.value = false
    try {
      const next = page.value + 1
      const result = await fetchEstateFilings({ ...filters.value, page: next, per_page: PAGE_SIZE })
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

  // filters live in the URL; a change (search, or a new query on the reused page) reloads
  watch(
    () => JSON.stringify(filters.value),
    () => {
      keyword.value = filters.value.q ?? ''
      void reset()
    }
  )

  function rowLabel(row: EstateFilingRow): string {
    return [row.communityName, `合同${row.contractStatusName}`, `业主大会${row.assemblyStatusName}`]
      .filter(Boolean)
      .join(' · ')
  }

  function statusTag(status: FilingStatus): TagType {
    return STATUS_TAGS[status] ?? 'default'
  }

  const totalText = computed(() => (total.value === null ? '' : `共 ${formatNumber(total.value)} 个项目`))

  return {
    rows,
    loading,
    finished,
    failed,
    refreshing,
    keyword,
    filterTags,
    totalText,
    loadMore,
    refresh,
    search,
    clearSearch,
    rowLabel,
    statusTag,
  }
}
