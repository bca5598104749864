import { computed } from 'vue'
import { useRouter } from 'vue-router'
import { useLinkActionPage } from '@/views/statistics/linkAction'
import type { StatisticsPageHook } from '@/views/statistics/hooks'

/** 信用信息 on the generic H5 statistics page: cells under the figures open 信用主体查询 and the region's 按月趋势. */
export function useCreditPage(): StatisticsPageHook {
  const router = useRouter()
  const hook = useLinkActionPage({ key: 'subjects', label: '信用主体查询', icon: 'search', to: () => ({ name: 'credit-subjects' }) })
  const trend = {
    key: 'trend',
    label: '按月趋势',
    icon: 'bar-chart-o',
    run: async (regionId: number | undefined) => {
      await router.push({ name: 'credit-trend', query: regionId ? { region: String(regionId) } : {} })
    },
  }
  return { ...hook, actions: computed(() => [...(hook.actions?.value ?? []), trend]) }
}
