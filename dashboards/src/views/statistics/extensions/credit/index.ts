import type { StatisticsExtension } from '../index'
import CreditTrend from './CreditTrend.vue'

/** 信用信息: the statistics page adds 按月趋势 (records by month, 良好 / 不良) under the region table. */
export const creditExtension: StatisticsExtension = {
  params: [],
  apiQuery: () => ({}),
  overviewSection: CreditTrend,
}
