import type { StatisticsPageHook } from '@/views/statistics/hooks'
import { useLinkActionPage } from '@/views/statistics/linkAction'

/** 党建园地 on the generic H5 statistics page: a cell under the figures opens 查看民意征集. */
export function usePartyBuildingPage(): StatisticsPageHook {
  return useLinkActionPage({ key: 'opinions', label: '查看民意征集', icon: 'comment-circle-o', to: () => ({ name: 'opinions' }) })
}
