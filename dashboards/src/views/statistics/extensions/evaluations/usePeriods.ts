import { computed, onMounted, shallowRef } from 'vue'
import type { EvaluationPeriod, EvaluationPeriodsMeta } from '@szpm/api'
import { periods as loadPeriods } from '@/api/evaluations'
import { periodKey } from '@/views/evaluations/constants'

/** The recent evaluation periods (newest first) as select options; empty when they cannot be loaded. */
export function usePeriods() {
  const list = shallowRef<EvaluationPeriod[]>([])
  const meta = shallowRef<EvaluationPeriodsMeta | null>(null)
  onMounted(async () => {
    try {
      const response = await loadPeriods()
      list.value = response.data
      meta.value = response.meta
    } catch {
      // the select stays empty; the pages show the server's default period
    }
  })
  const options = computed(() => list.value.map((item) => ({ value: periodKey(item), label: item.label })))
  return { list, meta, options }
}
