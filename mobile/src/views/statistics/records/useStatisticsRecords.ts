import { computed } from 'vue'
import { useRoute, type LocationQuery, type RouteLocationRaw } from 'vue-router'
import { moduleBySlug, recordsOfPage, recordText, screenColumns, statisticsPage, type ColumnDeclaration } from '@szpm/core'
import { routeReads, type Query, type RecordRow } from '@szpm/api'
import { statistics as statisticsApi } from '@/api/statistics'
import { useInfiniteQueryList } from '@/composables/useInfiniteQueryList'
import { h5Page, statisticsPageOf } from '@/modules'
import { queryId, queryString } from '@/utils/query'
import { useStatisticsPageHook } from '../hooks'
import { statusTag } from '@/utils/format'

/** one row of the list: its title (the estate), its status tag and the other declared columns */
export interface RecordItem {
  key: string
  title: string
  tag: { text: string; type: ReturnType<typeof statusTag> } | null
  details: { key: string; label: string; value: string }[]
  to: RouteLocationRaw | undefined
  /** the row as listed (for the hook's row action) */
  row: RecordRow
}

/**
 * The records list (穿透) of any declared statistics module (the page named in its
 * `statistics.recordsPage`): the declared filters in the URL (?region, ?estate, ?q and each select),
 * an infinite list with pull-to-refresh, one card per record with the declared columns.
 */
export function useStatisticsRecords() {
  const route = useRoute()
  const pageName = String(route.name)
  const slug = statisticsPageOf(pageName)?.module.slug ?? ''
  const statistics = moduleBySlug(slug)?.statistics
  // the module's main list, or one of its `moreRecords` (the estates behind an estate count): no page hook there
  const main = pageName === statistics?.recordsPage
  const records = statistics ? recordsOfPage(statistics, pageName) : undefined
  if (!records) throw new Error(`page "${pageName}" is not the records page of a statistics module with declared records`)
  const hook = useStatisticsPageHook(main ? slug : '')
  const page = h5Page(pageName)!

  const keyword = records.filters.find((filter) => filter.kind === 'keyword')
  const selects = records.filters.filter((filter) => filter.kind === 'select')
  const estateScoped = routeReads(records.list, 'estate_id')

  /** a select's value from the URL, only if it is one of its options */
  function selectValue(query: LocationQuery, key: string): string | undefined {
    const value = queryString(query[key])
    const filter = selects.find((candidate) => candidate.key === key)
    return value !== undefined && (!filter?.options || filter.options.some((option) => option.value === value)) ? value : undefined
  }

  const list = useInfiniteQueryList({
    path: page.path,
    filtersFromQuery: (query) => {
      const filters: Query & { q?: string } = {
        region_id: queryId(query.region),
        estate_id: estateScoped ? queryId(query.estate) : undefined,
        q: keyword ? queryString(query.q) : undefined,
        ...hook.apiQuery.value,
      }
      for (const filter of selects) filters[filter.key] = selectValue(query, filter.key)
      return filters
    },
    fetch: async (query) => {
      const { q, ...rest } = query
      const { data, meta } = await statisticsApi.records(slug, { ...rest, [keyword?.key ?? 'q']: q }, main ? undefined : pageName)
      hook.onMeta(meta)
      return { rows: data, meta }
    },
  })

  const columns = screenColumns(records)
  const titleColumn: ColumnDeclaration = columns.find((column) => column.link === 'estate') ?? columns[0]
  const tagColumn = columns.find((column) => column.format === 'status' && column !== titleColumn)
  const detailColumns = columns.filter((column) => column !== titleColumn && column !== tagColumn)

  function rowLink(row: RecordRow): RouteLocationRaw | undefined {
    if (hook.recordLink) return hook.recordLink(row)
    const estateId = records!.estateIdKey ? row[records!.estateIdKey] : undefined
    return typeof estateId === 'number'
      ? { name: 'estate', params: { id: String(estateId) }, query: { tab: slug, ...hook.linkQuery.value } }
      : undefined
  }

  const items = computed<RecordItem[]>(() =>
    list.rows.value.map((row, index) => ({
      key: String(row.id ?? (records.estateIdKey ? row[records.estateIdKey] : undefined) ?? index),
      title: recordText(titleColumn, row),
      tag: tagColumn ? { text: recordText(tagColumn, row), type: statusTag(row[tagColumn.key]) } : null,
      details: detailColumns
        .filter((column) => row[column.key] !== null && row[column.key] !== undefined && row[column.key] !== '')
        .map((column) => ({ key: column.key, label: column.label, value: recordText(column, row) })),
      to: rowLink(row),
      row,
    }))
  )

  /** the dropdowns: the hook's (e.g. the period) and each declared select, their values in the URL */
  const dropdowns = [
    ...hook.selects.map((select) => ({ key: select.key, model: select.model, options: select.options })),
    ...selects.map((filter) => ({
      key: filter.key,
      model: list.queryModel(filter.key),
      options: computed(() => [
        { text: filter.label, value: '' },
        ...(filter.options ?? []).map((option) => ({ text: option.label, value: option.value })),
      ]),
    })),
  ]

  return {
    ...list,
    title: page.title,
    rowAction: hook.rowAction,
    backTo: h5Page(statisticsPage(moduleBySlug(slug)!))?.path ?? '/',
    searchPlaceholder: keyword ? `搜索${keyword.label}` : '',
    hasSearch: Boolean(keyword),
    dropdowns,
    items,
  }
}
