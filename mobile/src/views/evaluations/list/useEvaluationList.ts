import { computed, ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import type { EvaluationPeriod, EvaluationQuery, EvaluationRow } from '@szpm/api'
import { fetchEvaluationPeriods, fetchEvaluations } from '@/api/evaluations'
import { useInfiniteQueryList } from '@/composables/useInfiniteQueryList'
import { formatNumber } from '@/utils/format'
import { queryId, queryString } from '@/utils/query'
import {
  STATE_NAMES,
  formatScore,
  isEvaluationState,
  periodFromQuery,
  periodKey,
  periodKeyToQuery,
  stateTag,
} from '../format'

export const LIST_PATH = '/evaluations/list'

export const STATE_OPTIONS = [
  { text: '全部状态', value: '' },
  { text: '已评价', value: 'evaluated' },
  ...Object.entries(STATE_NAMES).map(([value, text]) => ({ text, value })),
]

/** 评价列表 / 待审核列表: one estate's evaluation per row, filtered by region, period, state and name */
export function useEvaluationList() {
  const route = useRoute()
  const router = useRouter()

  /** the period the server answered for (the default one when the URL names none) */
  const shownPeriod = ref<EvaluationPeriod | null>(null)

  const list = useInfiniteQueryList({
    path: LIST_PATH,
    /** region, state, period (→ year + half), q */
    filtersFromQuery: (query): EvaluationQuery => {
      const state = queryString(query.state)
      return {
        region_id: queryId(query.region),
        state: isEvaluationState(state) || state === 'evaluated' ? state : undefined,
        ...periodFromQuery(query),
        q: queryString(query.q),
      }
    },
    fetch: async (query) => {
      const page = await fetchEvaluations(query)
      shownPeriod.value = page.meta.period
      return page
    },
  })

  const periods = ref<EvaluationPeriod[]>([])
  void fetchEvaluationPeriods()
    .then((result) => (periods.value = result.periods))
    .catch(() => undefined)

  const periodOptions = computed(() => {
    const known = periods.value.length ? periods.value : shownPeriod.value ? [shownPeriod.value] : []
    return known.map((p) => ({ text: p.label, value: periodKey(p) }))
  })

  const periodModel = computed<string>({
    get: () => periodKey(periodFromQuery(route.query)) || periodKey(shownPeriod.value),
    set: (value) => void router.replace({ query: { ...route.query, ...periodKeyToQuery(value) } }),
  })

  const totalText = computed(() => (list.total.value === null ? '' : `共 ${formatNumber(list.total.value)} 个项目`))

  function rowLabel(row: EvaluationRow): string {
    const parts = [row.communityName]
    if (row.submittedScore !== null) parts.push(`社区评分 ${formatScore(row.submittedScore)}`)
    if (row.effectiveScore !== null) parts.push(`得分 ${formatScore(row.effectiveScore)}`)
    return parts.join(' · ')
  }

  return {
    ...list,
    stateModel: list.queryModel('state'),
    stateOptions: STATE_OPTIONS,
    periodModel,
    periodOptions,
    shownPeriod,
    totalText,
    rowLabel,
    stateTag,
  }
}
