import type { StatisticsExtension } from '../index'
import RowAction from './RowAction.vue'

/** 业主决策情况: the numbers need nothing beyond the region; a topic of the list opens its 参与情况 (by building / by day). */
export const decisionsExtension: StatisticsExtension = {
  params: [],
  apiQuery: () => ({}),
  rowAction: RowAction,
}
