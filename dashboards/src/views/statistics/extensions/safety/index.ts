import { computed } from 'vue'
import type { StatisticsExtension } from '../index'
import RowAction from './RowAction.vue'
import YearBar from './YearBar.vue'
import { useYears } from './useYears'

/** 平安建设: every number is for one year (?year=2026, absent = this year); an assessment's 办理 on the list. */
export const safetyExtension: StatisticsExtension = {
  params: ['year'],
  apiQuery: (params) => ({ year: params.year && /^\d{4}$/.test(params.year) ? Number(params.year) : undefined }),
  overviewBar: YearBar,
  useRecordsFilters: () => {
    const { options } = useYears()
    return computed(() => [{ key: 'year', label: '考核年度', placeholder: '本年度', options: options.value }])
  },
  rowAction: RowAction,
}
