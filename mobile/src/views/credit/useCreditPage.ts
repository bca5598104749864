import { useLinkActionPage } from '@/views/statistics/linkAction'
import type { StatisticsPageHook } from '@/views/statistics/hooks'

/** 信用信息 on the generic H5 statistics page: a cell under the figures opens 信用主体查询. */
export function useCreditPage(): StatisticsPageHook {
  return useLinkActionPage({ key: 'subjects', label: '信用主体查询', icon: 'search', to: () => ({ name: 'credit-subjects' }) })
}
