import { computed, reactive, ref, shallowRef, watch } from 'vue'
import { useRoute, useRouter, type LocationQuery, type LocationQueryRaw } from 'vue-router'
import type { Envelope, PageMeta } from '@szpm/api'
import { queryNumber } from '@/utils/format'
import { useLatestRequest } from '@/composables/useLatestRequest'

export const PAGE_SIZES = [20, 50, 100]
const DEFAULT_PAGE_SIZE = PAGE_SIZES[0]!

interface PageQuery {
  page: number
  per_page: number
}

/** how one API filter is read from the route query (`param`) and written back (when truthy, as a string) */
export interface QueryFilterField<Value> {
  param: string
  parse: (value: unknown) => Value
}

export type QueryFilterFields<Filters> = { [Key in keyof Filters]-?: QueryFilterField<Filters[Key]> }

export interface PagedQueryListOptions<Filters, Row, Meta extends PageMeta = PageMeta> {
  /** the list's route name; filters and paging are pushed onto it */
  routeName: string
  /** API filter → route query param, in URL order */
  fields: QueryFilterFields<Filters>
  /** filters kept by 查询 / 重置 (the drill-through scope) */
  scopeKeys: (keyof Filters)[]
  /** filters edited in the filter form (string inputs / selects) */
  formKeys: (keyof Filters & string)[]
  fetch: (query: Partial<Filters> & Partial<PageQuery>) => Promise<Envelope<Row[], Meta>>
  exportUrl: (filters: Partial<Filters>) => string
}

/**
 * A paged table whose filters, page and page size live in the URL: the URL is the source of
 * truth, so back / forward and shared links restore the same list.
 */
export function usePagedQueryList<Filters, Row, Meta extends PageMeta = PageMeta>(options: PagedQueryListOptions<Filters, Row, Meta>) {
  type ListQuery = Partial<Filters> & Partial<PageQuery>
  const route = useRoute()
  const router = useRouter()
  const fieldKeys = Object.keys(options.fields) as (keyof Filters)[]

  function filtersFromQuery(query: LocationQuery): Partial<Filters> & PageQuery {
    const filters = {} as Partial<Filters>
    for (const key of fieldKeys) {
      const field = options.fields[key]
      filters[key] = field.parse(query[field.param])
    }
    const perPage = queryNumber(query.per_page)
    return {
      ...filters,
      page: queryNumber(query.page) ?? 1,
      per_page: perPage && PAGE_SIZES.includes(perPage) ? perPage : DEFAULT_PAGE_SIZE,
    }
  }

  /** leaves defaults and empty values out */
  function queryFromFilters(filters: ListQuery): LocationQueryRaw {
    const query: LocationQueryRaw = {}
    for (const key of fieldKeys) {
      const value = filters[key]
      if (value) query[options.fields[key].param] = String(value)
    }
    if (filters.page && filters.page > 1) query.page = String(filters.page)
    if (filters.per_page && filters.per_page !== DEFAULT_PAGE_SIZE) query.per_page = String(filters.per_page)
    return query
  }

  const filters = computed(() => filtersFromQuery(route.query))
  const form = reactive(Object.fromEntries(options.formKeys.map((key) => [key, '']))) as Record<
    keyof Filters & string,
    string
  >

  const rows = shallowRef<Row[]>([])
  const total = ref(0)
  /** the whole meta of the last answer (a list may say more than its total, e.g. its period) */
  const meta = shallowRef<Meta | null>(null)
  const { loading, errorMessage, run } = useLatestRequest()

  function load() {
    return run(
      () => options.fetch(filters.value),
      (response) => {
        rows.value = response.data
        total.value = response.meta.total
        meta.value = response.meta
      },
      () => {
        rows.value = []
        total.value = 0
        meta.value = null
      }
    )
  }

  // sync the form and reload whenever the URL changes
  watch(
    () => JSON.stringify(filters.value),
    () => {
      // the composable outlives its route for a tick while navigating away
      if (route.name !== options.routeName) return
      for (const key of options.formKeys) form[key] = String(filters.value[key] ?? '')
      void load()
    },
    { immediate: true }
  )

  function navigate(next: ListQuery) {
    void router.push({ name: options.routeName, query: queryFromFilters(next) })
  }

  /** keeps the drill-through scope and the page size */
  function scope(): ListQuery {
    const kept = { per_page: filters.value.per_page } as ListQuery
    for (const key of options.scopeKeys) kept[key] = filters.value[key]
    return kept
  }

  function search() {
    const edited = Object.fromEntries(options.formKeys.map((key) => [key, String(form[key] ?? '').trim()])) as Partial<Filters>
    navigate({ ...scope(), ...edited })
  }

  function reset() {
    for (const key of options.formKeys) form[key] = ''
    navigate(scope())
  }

  function clearScope(key: keyof Filters) {
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
    return options.exportUrl(rest as Partial<Filters>)
  })

  return {
    filters,
    form,
    rows,
    total,
    meta,
    loading,
    errorMessage,
    load,
    search,
    reset,
    clearScope,
    onPageChange,
    onSizeChange,
    exportUrl,
  }
}
