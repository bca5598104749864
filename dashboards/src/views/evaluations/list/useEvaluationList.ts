import { computed, onMounted, shallowRef } from 'vue'
import type { RouteLocationRaw } from 'vue-router'
import type { EvaluationListFilter, EvaluationPeriod, EvaluationQuery, EvaluationRow } from '@szpm/api'
import { exportUrl as listExportUrl, list, periods as loadPeriods } from '@/api/evaluations'
import type { ScopeTag } from '@/components/ListFilterCard.vue'
import { usePagedQueryList } from '@/composables/usePagedQueryList'
import { formatDateTime, queryNumber, queryString } from '@/utils/format'
import { canReview, canScore, formatScore, parsePeriodKey, periodKey, periodStatus, STATE_OPTIONS, stateTagType, windowText } from '../constants'

export const LIST_ROUTE = 'evaluation-list'

interface ListFilters {
  region_id?: number
  /** "2026-1"; absent = the server's default period */
  period?: string
  state?: string
  q?: string
}

function apiQuery(filters: Partial<ListFilters> & { page?: number; per_page?: number }): EvaluationQuery {
  const period = parsePeriodKey(filters.period)
  return {
    region_id: filters.region_id,
    year: period?.year,
    half: period?.half,
    state: (filters.state || undefined) as EvaluationListFilter | undefined,
    q: filters.q,
    page: filters.page,
    per_page: filters.per_page,
  }
}

export type RowAction = { kind: 'review' | 'score' | 'view'; label: string }

/** 评价列表 / 审核列表 (the same list with state=submitted) */
export function useEvaluationList() {
  /** the period the server answered for */
  const period = shallowRef<EvaluationPeriod | null>(null)

  const listState = usePagedQueryList<ListFilters, EvaluationRow>({
    routeName: LIST_ROUTE,
    fields: {
      region_id: { param: 'region', parse: queryNumber },
      period: { param: 'period', parse: queryString },
      state: { param: 'state', parse: queryString },
      q: { param: 'q', parse: queryString },
    },
    scopeKeys: ['region_id'],
    formKeys: ['period', 'state', 'q'],
    fetch: async (query) => {
      const response = await list(apiQuery(query))
      period.value = response.meta.period ?? null
      return response
    },
    exportUrl: (filters) => listExportUrl(apiQuery(filters)),
  })
  const { filters } = listState

  const periodList = shallowRef<EvaluationPeriod[]>([])
  onMounted(async () => {
    try {
      periodList.value = (await loadPeriods()).data
    } catch {
      // the select stays empty; the list shows the server's default period
    }
  })
  const periodOptions = computed(() => periodList.value.map((item) => ({ value: periodKey(item), label: item.label })))

  const reviewing = computed(() => filters.value.state === 'submitted')
  const title = computed(() => (reviewing.value ? '审核列表' : '评价列表'))

  const scopeTags = computed(() => {
    const tags: ScopeTag<'region_id'>[] = []
    if (filters.value.region_id) tags.push({ key: 'region_id', label: '已按所选区域筛选' })
    return tags
  })

  const periodWindow = computed(() => (period.value ? windowText(period.value) : ''))
  const periodTag = computed(() => (period.value ? periodStatus(period.value) : null))

  /** 办理 while the window is open and the row waits for this user's role; 查看 otherwise */
  function rowAction(row: EvaluationRow): RowAction {
    const open = period.value?.isOpen ?? false
    if (open && row.state === 'submitted' && canReview()) return { kind: 'review', label: '办理' }
    if (open && row.state === 'pending' && canScore()) return { kind: 'score', label: '办理' }
    return { kind: 'view', label: '查看' }
  }

  function detailLink(row: EvaluationRow): RouteLocationRaw {
    return { name: 'evaluation-detail', params: { id: String(row.id) } }
  }

  function rowClassName({ row }: { row: EvaluationRow }): string {
    return `evaluation-row-${row.estateId}`
  }

  return {
    ...listState,
    title,
    reviewing,
    period,
    periodWindow,
    periodTag,
    periodOptions,
    stateOptions: STATE_OPTIONS,
    scopeTags,
    rowAction,
    detailLink,
    rowClassName,
    stateTagType,
    formatScore,
    formatDateTime,
  }
}
