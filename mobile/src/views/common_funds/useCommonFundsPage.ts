import { computed } from 'vue'
import { useRouter } from 'vue-router'
import type { StatisticsPageHook } from '@/views/statistics/hooks'

/** 共有资金情况 on the generic H5 statistics page: a cell under the figures opens 共享银行统计 of the region on screen. */
export function useCommonFundsPage(): StatisticsPageHook {
  const router = useRouter()
  return {
    apiQuery: computed(() => ({})),
    linkQuery: computed(() => ({})),
    selects: [],
    onMeta: () => undefined,
    actions: computed(() => [
      {
        key: 'banks',
        label: '共享银行统计',
        icon: 'balance-list-o',
        run: async (regionId: number | undefined) => {
          await router.push({ name: 'common-fund-banks', query: regionId ? { region: String(regionId) } : {} })
        },
      },
    ]),
  }
}
