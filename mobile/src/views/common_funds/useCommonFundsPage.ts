import type { StatisticsPageHook } from '@/views/statistics/hooks'
import { useLinkActionPage } from '@/views/statistics/linkAction'

/** 共有资金情况 on the generic H5 statistics page: a cell under the figures opens 共享银行统计 of the region on screen. */
export function useCommonFundsPage(): StatisticsPageHook {
  return useLinkActionPage({
    key: 'banks',
    label: '共享银行统计',
    icon: 'balance-list-o',
    to: (regionId) => ({ name: 'common-fund-banks', query: regionId ? { region: String(regionId) } : {} }),
  })
}
