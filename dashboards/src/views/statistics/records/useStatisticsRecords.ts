import { computed, ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { ElMessage } from 'element-plus'
import { recordsOf, routeReads, statisticsOf, type Query, type RecordRow, type RecordsMeta } from '@szpm/api'
import { recordText, routeByName, screenColumns, statisticsPage, statusTagType, type ColumnDeclaration } from '@szpm/core'
import { records as fetchRecords, recordsExportUrl } from '@/api/statistics'
import { request as requestExport } from '@/api/exports'
import { failureMessage } from '@/utils/feedback'
import type { ScopeTag } from '@/components/ListFilterCard.vue'
import { estateLink } from '@/composables/useRegionDrillDown'
import { usePagedQueryList, type QueryFilterField } from '@/composables/usePagedQueryList'
import { session } from '@/stores/session'
import { queryNumber, queryString } from '@/utils/format'
import { extensionOf, type ExtraFilter } from '../extensions'

type Filters = Record<string, string | number | undefined>
type ScopeKey = 'region_id' | 'estate_id'

/** the table body scrolls inside this height so the filters stay in view */
export const TABLE_MAX_HEIGHT = 'max(360px, calc(100vh - 380px))'

/** a cell as text by its declared format (areas bare: the header carries ㎡) */
export function cellText(column: ColumnDeclaration, row: RecordRow): string {
  return recordText(column, row, { bareArea: true })
}

/** el-tag colour of a status or boolean cell */
export function tagType(column: ColumnDeclaration, row: RecordRow) {
  const value = row[column.key]
  if (column.format === 'boolean') return value ? 'success' : 'info'
  return statusTagType(String(value))
}

const NUMERIC = new Set(['count', 'area', 'percent', 'score'])

/**
 * The records list (穿透) of any declared statistics module: its declared columns and filters, the
 * drill-through scope (region, estate) from the URL, paging, keyword, export and the estate link.
 * `pageName`: the module's main records page, or one of its `statistics.moreRecords` (e.g. the estates
 * behind an estate count) — those have no module extension and no 后台导出 (导出中心 knows the main list).
 */
export function useStatisticsRecords(slug: string, pageName?: string) {
  const route = useRoute()
  const routeName = String(route.name)
  const { module, statistics } = statisticsOf(slug)
  const main = !pageName || pageName === statistics.recordsPage
  const listPage = main ? undefined : pageName
  const records = recordsOf(slug, listPage)
  const extension = main ? extensionOf(slug) : undefined
  const extraFilters = extension?.useRecordsFilters?.() ?? computed<ExtraFilter[]>(() => [])
  const extraParams = extension?.params ?? []
  const byEstate = routeReads(records.list, 'estate_id')

  // ---- URL ⇄ filters ----------------------------------------------------------------------
  const fields: Record<string, QueryFilterField<string | number | undefined>> = {
    region_id: { param: 'region', parse: queryNumber },
  }
  if (byEstate) fields.estate_id = { param: 'estate', parse: queryNumber }
  for (const filter of records.filters) {
    const allowedValues = filter.kind === 'select' && filter.options ? new Set(filter.options.map((option) => option.value)) : null
    fields[filter.key] = {
      param: filter.key,
      parse: (value) => {
        const text = queryString(value)
        return text !== undefined && allowedValues && !allowedValues.has(text) ? undefined : text
      },
    }
  }
  for (const key of extraParams) fields[key] = { param: key, parse: queryString }

  const formKeys = [...records.filters.map((filter) => filter.key), ...extraFilters.value.map((filter) => filter.key)]
  const scopeKeys = [...Object.keys(fields).filter((key) => key === 'region_id' || key === 'estate_id'), ...extraParams.filter((key) => !formKeys.includes(key))]

  /** the filters as the API reads them: the module's own params translated (period → year, half) */
  function apiQuery(filters: Filters): Query {
    const query: Query = {}
    const params: Record<string, string | undefined> = {}
    for (const [key, value] of Object.entries(filters)) {
      if (extraParams.includes(key)) params[key] = value === undefined ? undefined : String(value)
      else query[key] = value
    }
    return { ...query, ...(extension?.apiQuery(params) ?? {}) }
  }

  const list = usePagedQueryList<Filters, RecordRow, RecordsMeta>({
    routeName,
    fields,
    scopeKeys,
    formKeys,
    fetch: (query) => fetchRecords(slug, apiQuery(query as Filters), listPage),
    exportUrl: (filters) => recordsExportUrl(slug, apiQuery(filters as Filters), listPage),
  })
  const { filters, rows } = list

  // ---- page ---------------------------------------------------------------------------------
  const title = computed(() => extension?.recordsTitle?.(filters.value) ?? records.title)
  const exportRoute = routeByName(records.export)
  const canExport = computed(() => {
    const access = exportRoute?.access ?? []
    return typeof access === 'string' ? session.can(access) : access.some((feature) => session.can(feature))
  })

  const estateColumn = screenColumns(records).find((column) => column.link === 'estate')
  const scopeTags = computed(() => {
    const tags: ScopeTag<ScopeKey>[] = []
    if (filters.value.region_id) tags.push({ key: 'region_id', label: '已按所选区域筛选' })
    if (filters.value.estate_id) {
      const name = estateColumn && rows.value[0] ? rows.value[0][estateColumn.key] : undefined
      tags.push({ key: 'estate_id', label: name ? `物业项目：${String(name)}` : '已按物业项目筛选' })
    }
    return tags
  })

  /** the statistics page of the module, on the region of the list */
  const overviewLink = computed(() => ({
    name: statisticsPage(module),
    query: {
      ...Object.fromEntries(extraParams.map((key) => [key, filters.value[key]]).filter(([, value]) => value)),
      ...(filters.value.region_id ? { region: String(filters.value.region_id) } : {}),
    },
  }))

  const estateIdKey = records.estateIdKey
  function rowLink(row: RecordRow) {
    return estateIdKey && row[estateIdKey] ? estateLink(String(row[estateIdKey]), slug) : null
  }
  function rowClassName({ row }: { row: RecordRow }): string {
    return estateIdKey ? `estate-row-${String(row[estateIdKey])}` : ''
  }
  const align = (column: ColumnDeclaration) =>
    NUMERIC.has(column.format ?? 'text') ? 'right' : column.format === 'status' || column.format === 'boolean' ? 'center' : 'left'

  /**
   * 后台导出: the same file, produced by the worker instead of this request (large lists); it
   * appears in 导出中心 with its progress, and an in-app message says when it is ready.
   */
  const router = useRouter()
  const exporting = ref(false)
  async function exportInBackground() {
    const { region_id, page: _page, per_page: _perPage, ...query } = apiQuery(filters.value as Filters)
    const strings = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined && value !== '').map(([key, value]) => [key, String(value)]))
    exporting.value = true
    try {
      await requestExport({ module: slug, kind: 'records', ...(region_id ? { region_id: Number(region_id) } : {}), query: strings })
      ElMessage.success('已开始后台导出，完成后会发送站内消息')
      await router.push({ name: 'exports' })
    } catch (error) {
      ElMessage.error(failureMessage(error))
    } finally {
      exporting.value = false
    }
  }

  return {
    ...list,
    title,
    canExport,
    /** 后台导出 (导出中心) exists for the module's main list only */
    backgroundExport: main,
    exporting,
    exportInBackground,
    scopeTags,
    overviewLink,
    overviewTitle: module.pages?.find((page) => page.name === statisticsPage(module))?.title ?? statistics.title,
    columns: screenColumns(records),
    declaredFilters: records.filters,
    extraFilters,
    rowKey: estateIdKey ?? 'id',
    rowLink,
    rowClassName,
    align,
  }
}
