import { computed, markRaw, ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { safetyYearOptions, type SafetyItemsMeta } from '@szpm/api'
import { items } from '@/api/safety'
import type { StatisticsPageHook } from '@/views/statistics/hooks'
import AssessmentAction from './AssessmentAction.vue'

/**
 * 平安建设 on the generic statistics pages: the year selector (?year=2026, absent = this year, the
 * server's default), carried into every link; a community's row opens its assessments, each with 办理
 * (status, score, remark) for users holding safety.handle (AssessmentAction.vue).
 */
export function useSafetyYear(): StatisticsPageHook {
  const route = useRoute()
  const router = useRouter()
  const asked = computed(() => (typeof route.query.year === 'string' && /^\d{4}$/.test(route.query.year) ? route.query.year : ''))
  /** the year the server answered for */
  const shown = ref('')
  const meta = ref<SafetyItemsMeta | null>(null)
  void items()
    .then((response) => (meta.value = response.meta))
    .catch(() => undefined) // the selector then offers only the year the numbers are for
  const year = computed(() => asked.value || shown.value)

  return {
    apiQuery: computed(() => ({ year: asked.value ? Number(asked.value) : undefined })),
    linkQuery: computed(() => (year.value ? { year: year.value } : {})),
    selects: [
      {
        key: 'year',
        model: computed({
          get: () => year.value,
          set: (value) => void router.replace({ query: { ...route.query, year: value } }),
        }),
        options: computed(() => {
          const options = safetyYearOptions(meta.value).map((option) => ({ text: option.label, value: option.value }))
          return options.length ? options : shown.value ? [{ text: `${shown.value}年度`, value: shown.value }] : []
        }),
      },
    ],
    onMeta(answer) {
      if (answer.year) shown.value = String(answer.year)
    },
    recordLink: () => undefined,
    rowAction: markRaw(AssessmentAction),
  }
}
