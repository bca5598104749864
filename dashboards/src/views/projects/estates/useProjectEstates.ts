import { computed, reactive, ref, shallowRef, watch } from 'vue'
import { useRoute, useRouter, type LocationQueryRaw } from 'vue-router'
import { ApiError, type EstateListQuery, type EstateListRow } from '@szpm/api'
import { estates, estatesExportUrl } from '@/api/projects'
import { formatNumber, queryNumber, queryString } from '@/utils/format'
import { COMMITTEE_OPTIONS, ESTATE_TYPE_OPTIONS } from '../constants'

export const PAGE_SIZES = [20, 50, 100]
const DEFAULT_PAGE_SIZE = PAGE_SIZES[0]!

type EstateFilters = EstateListQuery & { page: number; per_page: number }

/** only 'true' / 'false' reach the API */
function committeeValue(value: unknown): string | undefined {
  const text = queryString(value)
  return text === 'true' || text === 'false' ? text : undefined
}

/** the route query (region, q, estate_type, has_committee, page, per_page) as API filters */
function filtersFromQuery(query: Record<string, unknown>): EstateFilters {
  const perPage = queryNumber(query.per_page)
  return {
    region_id: queryNumber(query.region),
    q: queryString(query.q),
    estate_type: queryString(query.estate_type),
    has_committee: committeeValue(query.has_committee),
    page: queryNumber(query.page) ?? 1,
    per_page: perPage && PAGE_SIZES.includes(perPage) ? perPage : DEFAULT_PAGE_SIZE,
  }
}

/** API filters back to the route query, leaving defaults and empty values out */
function queryFromFilters(filters: EstateListQuery): LocationQueryRaw {
  const query: LocationQueryRaw = {}
  if (filters.region_id) query.region = String(filters.region_id)
  if (filters.q) query.q = filters.q
  if (filters.estate_type) query.estate_type = filters.estate_type
  if (filters.has_committee) query.has_committee = filters.has_committee
  if (filters.page && filters.page > 1) query.page = String(filters.page)
  if (filters.per_page && filters.per_page !== DEFAULT_PAGE_SIZE) query.per_page = String(filters.per_page)
  return query
}

export function useProjectEstates() {
  const route = useRoute()
  const router = useRouter()

  const filters = computed(() => filtersFromQuery(route.query))
  const form = reactive({ q: '', estate_type: '', has_committee: '' })

  const rows = shallowRef<EstateListRow[]>([])
  const total = ref(0)
  const loading = ref(false)
  const errorMessage = ref('')
  let requestSeq = 0

  async function load() {
    const seq = ++requestSeq
    loading.value = true
    errorMessage.value = ''
    try {
      const response = await estates(filters.value)
      if (seq !== requestSeq) return
      rows.value = response.data
      total.value = response.meta.total
    } catch (error) {
      if (seq !== requestSeq) return
      rows.value = []
      total.value = 0
      errorMessage.value = error instanceof ApiError ? error.message : '网络异常，请稍后重试'
    } finally {
      if (seq === requestSeq) loading.value = false
    }
  }

  // the URL is the source of truth: sync the form and reload whenever it changes
  watch(
    () => JSON.stringify(filters.value),
    () => {
      // the composable outlives its route for a tick while navigating away
      if (route.name !== 'project-estates') return
      form.q = filters.value.q ?? ''
      form.estate_type = filters.value.estate_type ?? ''
      form.has_committee = filters.value.has_committee ?? ''
      void load()
    },
    { immediate: true }
  )

  function navigate(next: EstateListQuery) {
    void router.push({ name: 'project-estates', query: queryFromFilters(next) })
  }

  /** keeps the drill-through scope (region) and the page size */
  function scope(): EstateListQuery {
    const { region_id, per_page } = filters.value
    return { region_id, per_page }
  }

  function search() {
    navigate({ ...scope(), q: form.q.trim(), estate_type: form.estate_type, has_committee: form.has_committee })
  }

  function reset() {
    form.q = ''
    form.estate_type = ''
    form.has_committee = ''
    navigate(scope())
  }

  function clearRegion() {
    navigate({ ...filters.value, region_id: undefined, page: 1 })
  }

  function onPageChange(page: number) {
    navigate({ ...filters.value, page })
  }

  function onSizeChange(perPage: number) {
    navigate({ ...filters.value, per_page: perPage, page: 1 })
  }

  /** same filters as the list, all pages */
  const exportUrl = computed(() => {
    const { page: _page, per_page: _perPage, ...rest } = filters.value
    return estatesExportUrl(rest)
  })

  const regionTag = computed(() => (filters.value.region_id ? '已按所选区域筛选' : ''))

  function rowClassName({ row }: { row: EstateListRow }): string {
    return `estate-row-${row.id}`
  }

  return {
    filters,
    form,
    rows,
    total,
    loading,
    errorMessage,
    load,
    search,
    reset,
    clearRegion,
    onPageChange,
    onSizeChange,
    exportUrl,
    regionTag,
    rowClassName,
    formatNumber,
    typeOptions: ESTATE_TYPE_OPTIONS,
    committeeOptions: COMMITTEE_OPTIONS,
    pageSizes: PAGE_SIZES,
  }
}
