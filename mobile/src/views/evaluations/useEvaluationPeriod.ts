import { computed, ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import type { EvaluationPeriod } from '@szpm/api'
import { fetchEvaluationPeriods } from '@/api/evaluations'
import type { StatisticsPageHook } from '@/views/statistics/hooks'
import { periodFromQuery, periodKey, periodKeyToQuery } from './format'

/**
 * 街道社区评价 on the generic statistics pages: the half-year selector (?period=2026-2, absent = the
 * period the server picks), carried into every link; a record opens its evaluation.
 */
export function useEvaluationPeriod(): StatisticsPageHook {
  const route = useRoute()
  const router = useRouter()

  const period = computed(() => periodFromQuery(route.query))
  /** the period the server answered for */
  const shown = ref<EvaluationPeriod | null>(null)
  const periods = ref<EvaluationPeriod[]>([])
  void fetchEvaluationPeriods()
    .then((result) => (periods.value = result.periods))
    .catch(() => undefined) // the selector then offers only the period the numbers are for

  const key = computed(() => periodKey(period.value) || periodKey(shown.value))

  return {
    apiQuery: computed(() => ({ year: period.value.year, half: period.value.half })),
    linkQuery: computed(() => periodKeyToQuery(key.value)),
    selects: [
      {
        key: 'period',
        model: computed({
          get: () => key.value,
          set: (value) => void router.replace({ query: { ...route.query, ...periodKeyToQuery(value) } }),
        }),
        options: computed(() =>
          (periods.value.length ? periods.value : shown.value ? [shown.value] : []).map((p) => ({ text: p.label, value: periodKey(p) }))
        ),
      },
    ],
    onMeta(meta) {
      if (meta.period) shown.value = meta.period as EvaluationPeriod
    },
    recordLink: (row) => ({ name: 'evaluation-detail', params: { id: String(row.id) } }),
  }
}
