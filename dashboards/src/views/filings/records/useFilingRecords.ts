import { computed, reactive, ref, shallowRef, watch } from 'vue'
import { useRoute, useRouter, type LocationQueryRaw } from 'vue-router'
import { ApiError, type EstateFilingQuery, type EstateFilingRow } from '@szpm/api'
import { estates, estatesExportUrl } from '@/api/filings'
import { ASSEMBLY_STATUS_OPTIONS, CONTRACT_STATUS_OPTIONS, statusTagType } from '@/constants/filing'
import { formatDate, queryNumber, queryString } from '@/utils/format'

export const PAGE_SIZES = [20, 50, 100]
const DEFAULT_PAGE_SIZE = PAGE_SIZES[0]!

type RecordFilters = EstateFilingQuery & { page: number; per_page: number }

/** the route query (region, estate, contract_status, assembly_status, q, page, per_page) as API filters */
function filtersFromQuery(query: Record<string, unknown>): RecordFilters {
  const perPage = queryNumber(query.per_page)
  return {
    region_id: queryNumber(query.region),
    estate_id: queryNumber(query.estate),
    contract_status: queryString(query.contract_status),
    assembly_status: queryString(query.assembly_status),
    q: queryString(query.q),
    page: queryNumber(query.page) ?? 1,
    per_page: perPage && PAGE_SIZES.includes(perPage) ? perPage : DEFAULT_PAGE_SIZE,
  }
}

/** API filters back to the route query, leaving defaults and empty values out */
function queryFromFilters(filters: EstateFilingQuery): LocationQueryRaw {
  const query: LocationQueryRaw = {}
  if (filters.region_id) query.region = String(filters.region_id)
  if (filters.estate_id) query.estate = String(filters.estate_id)
  if (filters.contract_status) query.contract_status = filters.contract_status
  if (filters.assembly_status) query.assembly_status = filters.assembly_status
  if (filters.q) query.q = filters.q
  if (filters.page && filters.page > 1) query.page = String(filters.page)
  if (filters.per_page && filters.per_page !== DEFAULT_PAGE_SIZE) query.per_page = String(filters.per_page)
  return query
}

export function useFilingRecords() {
  const route = useRoute()
  const router = useRouter()

  const filters = computed(() => filtersFromQuery(route.query))
  const form = reactive({ q: '', contract_status: '', assembly_status: '' })

  const rows = shallowRef<EstateFilingRow[]>([])
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
      if (route.name !== 'filing-records') return
      form.q = filters.value.q ?? ''
      form.contract_status = filters.value.contract_status ?? ''
      form.assembly_status = filters.value.assembly_status ?? ''
      void load()
    },
    { immediate: true }
  )

  function navigate(next: EstateFilingQuery) {
    void router.push({ name: 'filing-records', query: queryFromFilters(next) })
  }

  /** keeps the drill-through scope (region / estate) and the page size */
  function scope(): EstateFilingQuery {
    const { region_id, estate_id, per_page } = filters.value
    return { region_id, estate_id, per_page }
  }

  function search() {
    navigate({ ...scope(), q: form.q.trim(), contract_status: form.contract_status, assembly_status: form.assembly_status })
  }

  function reset() {
    form.q = ''
    form.contract_status = ''
    form.assembly_status = ''
    navigate(scope())
  }

  function clearScope(key: 'region_id' | 'estate_id') {
    navigate({ ...filters.value, [key]: undefined, page: 1 })
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

  const scopeTags = computed(() => {
    const tags: { key: 'region_id' | 'estate_id'; label: string }[] = []
    if (filters.value.region_id) tags.push({ key: 'region_id', label: '已按所选区域筛选' })
    if (filters.value.estate_id) {
      const name = rows.value[0]?.estateName
      tags.push({ key: 'estate_id', label: name ? `物业项目：${name}` : '已按物业项目筛选' })
    }
    return tags
  })

  function rowClassName({ row }: { row: EstateFilingRow }): string {
    return `estate-row-${row.estateId}`
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
    clearScope,
    onPageChange,
    onSizeChange,
    exportUrl,
    scopeTags,
    rowClassName,
    statusTagType,
    formatDate,
    contractOptions: CONTRACT_STATUS_OPTIONS,
    assemblyOptions: ASSEMBLY_STATUS_OPTIONS,
    pageSizes: PAGE_SIZES,
  }
}
