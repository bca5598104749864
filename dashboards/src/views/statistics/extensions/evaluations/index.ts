import { computed } from 'vue'
import type { StatisticsExtension } from '../index'
import { parsePeriodKey } from '@/views/evaluations/constants'
import OverviewLinks from './OverviewLinks.vue'
import PeriodBar from './PeriodBar.vue'
import PeriodInfo from './PeriodInfo.vue'
import RowAction from './RowAction.vue'
import { usePeriods } from './usePeriods'

/** 街道社区评价: every number is for one half-year (?period=2026-1, absent = the server's default). */
export const evaluationsExtension: StatisticsExtension = {
  params: ['period'],
  apiQuery: (params) => {
    const period = parsePeriodKey(params.period)
    return { year: period?.year, half: period?.half }
  },
  overviewBar: PeriodBar,
  overviewLinks: OverviewLinks,
  useRecordsFilters: () => {
    const { options } = usePeriods()
    return computed(() => [{ key: 'period', label: '评价周期', placeholder: '当前周期', options: options.value }])
  },
  recordsInfo: PeriodInfo,
  // the same list filtered to 待审核 is the street's review list
  recordsTitle: (filters) => (filters.state === 'submitted' ? '审核列表' : undefined),
  rowAction: RowAction,
}
