import { computed } from 'vue'
import { useRouter, type RouteLocationRaw } from 'vue-router'
import type { StatisticsPageHook } from './hooks'

/**
 * A statistics page hook whose one addition is a cell under the figures opening another page of the
 * module (共有资金情况 → 共享银行统计, 党建园地 → 查看民意征集); `to` gets the region on screen.
 */
export function useLinkActionPage(action: { key: string; label: string; icon: string; to: (regionId: number | undefined) => RouteLocationRaw }): StatisticsPageHook {
  const router = useRouter()
  return {
    apiQuery: computed(() => ({})),
    linkQuery: computed(() => ({})),
    selects: [],
    onMeta: () => undefined,
    actions: computed(() => [
      {
        key: action.key,
        label: action.label,
        icon: action.icon,
        run: async (regionId: number | undefined) => {
          await router.push(action.to(regionId))
        },
      },
    ]),
  }
}
