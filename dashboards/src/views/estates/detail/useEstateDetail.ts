import { computed, shallowRef, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import type { EstateDetail } from '@szpm/api'
import { LIVE_MODULES } from '@szpm/core'
import { show } from '@/api/estates'
import { useLatestRequest } from '@/composables/useLatestRequest'
import { session } from '@/stores/session'
import { queryNumber, queryString } from '@/utils/format'

export interface EstateTab {
  /** the module's slug (also the ?tab= value) */
  slug: string
  label: string
}

/**
 * The one estate page: the estate's basic facts, then a tab per module that declares an estate tab
 * and whose feature the user holds. `?tab=<slug>` chooses the tab (every module's estate link sets it).
 */
export function useEstateDetail() {
  const route = useRoute()
  const router = useRouter()
  const estateId = computed(() => queryNumber(route.params.id))

  const estate = shallowRef<EstateDetail | null>(null)
  const { loading, errorMessage, notFound, run } = useLatestRequest({ notFound: true })

  async function load() {
    const id = estateId.value
    if (!id) return
    await run(
      () => show(id),
      (answer) => {
        estate.value = answer.data
      },
      () => {
        estate.value = null
      }
    )
  }

  watch(estateId, load, { immediate: true })

  const tabs = computed<EstateTab[]>(() =>
    LIVE_MODULES.filter((module) => module.estateTab && session.can(module.estateTab.feature)).map((module) => ({
      slug: module.slug,
      label: module.estateTab!.label,
    }))
  )

  const activeTab = computed({
    get: () => {
      const asked = queryString(route.query.tab)
      return tabs.value.find((tab) => tab.slug === asked)?.slug ?? tabs.value[0]?.slug ?? ''
    },
    set: (tab: string) => {
      void router.replace({ query: { ...route.query, tab } })
    },
  })

  /** 所属: 区 / 街道 / 社区 */
  const location = computed(() => (estate.value ? [estate.value.districtName, estate.value.streetName, estate.value.communityName].filter(Boolean).join(' / ') : ''))

  function goBack() {
    // history.state.back is set by vue-router when this page was reached inside the app
    if (window.history.state?.back) router.back()
    else void router.push({ name: 'home' })
  }

  return { estateId, estate, loading, errorMessage, notFound, load, tabs, activeTab, location, goBack }
}
