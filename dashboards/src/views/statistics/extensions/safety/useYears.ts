import { computed, onMounted, shallowRef } from 'vue'
import { safetyYearOptions, type SafetyItemsMeta } from '@szpm/api'
import { items } from '@/api/safety'

/** The years 平安建设 has (this year and the years with items, newest first) as select options. */
export function useYears() {
  const meta = shallowRef<SafetyItemsMeta | null>(null)
  onMounted(async () => {
    try {
      meta.value = (await items()).meta
    } catch {
      // the select stays empty; the pages show the server's default year
    }
  })
  return { meta, options: computed(() => safetyYearOptions(meta.value)) }
}
