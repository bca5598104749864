import { pagesOf } from '@szpm/core'
import type { RouteLocationRaw } from 'vue-router'

/**
 * 查看全部统计 of a notice: the per-notice statistics page (page name `notice-stats`, declared with
 * the notice read statistics). Until it is declared, the button is not shown.
 */
export const NOTICE_STATS_PAGE = 'notice-stats'

export function noticeStatsLink(id: number): RouteLocationRaw | null {
  return pagesOf('pc').some((page) => page.name === NOTICE_STATS_PAGE) ? { name: NOTICE_STATS_PAGE, params: { id: String(id) } } : null
}
