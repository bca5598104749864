import { computed, ref, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import type { EstateDetail } from '@szpm/api'
import { fetchEstate } from '@/api/estates'
import { useLatestRequest } from '@/composables/useLatestRequest'
import { ESTATE_TABS, holds } from '@/modules'
import { queryId, queryString } from '@/utils/query'
import { ESTATE_TAB_VIEWS } from './tabs'

/**
 * The one estate page every estate link opens: the estate's facts, then a tab per module that
 * declares an `estateTab` and whose feature the user holds (?tab=<slug>, default the first).
 */
export function useEstate() {
  const route = useRoute()
  const router = useRouter()

  const estate = ref<EstateDetail | null>(null)
  const { loading, error, cancel, run } = useLatestRequest({ quiet: [404] })
  const estateId = computed(() => queryId(route.params.id as string | undefined))

  const tabs = computed(() =>
    ESTATE_TABS.filter((tab) => holds(tab.feature) && ESTATE_TAB_VIEWS[tab.slug]).map((tab) => ({ ...tab, view: ESTATE_TAB_VIEWS[tab.slug] }))
  )

  const activeTab = computed<string>({
    get: () => {
      const asked = queryString(route.query.tab)
      return tabs.value.some((tab) => tab.slug === asked) ? asked! : (tabs.value[0]?.slug ?? '')
    },
    set: (slug) => void router.replace({ query: { ...route.query, tab: slug } }),
  })

  /** 福田区 · 园岭街道 · 园岭一社区 */
  const place = computed(() => {
    const e = estate.value
    return e ? [e.districtName, e.streetName, e.communityName].filter(Boolean).join(' · ') : ''
  })

  async function load(): Promise<void> {
    const id = estateId.value
    if (id === undefined) {
      cancel()
      error.value = '项目不存在'
      return
    }
    await run(() => fetchEstate(id), (detail) => (estate.value = detail))
  }

  watch(estateId, () => void load(), { immediate: true })

  return { estate, place, tabs, activeTab, loading, error, load }
}
