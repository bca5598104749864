import type { TenderProgressQuery, TenderProgressRow } from '@szpm/api'
import { TENDER_STAGES, type TenderStage } from '@szpm/core'
import { tenders } from '@/api/tenders'
import { usePagedQueryList } from '@/composables/usePagedQueryList'
import { formatDateTime, queryString } from '@/utils/format'

interface ProgressFilters {
  stage?: string
  q?: string
}

/** the stage filter's options: every stage, then 未开始 (nothing reported yet) */
export const STAGE_OPTIONS = [...Object.entries(TENDER_STAGES).map(([code, name]) => ({ code, name })), { code: 'none', name: '未开始' }]

const apiQuery = (filters: Partial<ProgressFilters> & { page?: number; per_page?: number }): TenderProgressQuery => ({
  stage: filters.stage && STAGE_OPTIONS.some((option) => option.code === filters.stage) ? (filters.stage as TenderStage | 'none') : undefined,
  q: filters.q || undefined,
  page: filters.page,
  per_page: filters.per_page,
})

/**
 * 招标投标进度查询: the approved filings of the user's street (or the director's estates) with the stage
 * the bidding platform last reported, the timeline of stages and the 澄清与补遗, filters and 导出Excel.
 */
export function useTenderProgress() {
  const list = usePagedQueryList<ProgressFilters, TenderProgressRow>({
    routeName: 'tender-progress',
    fields: { stage: { param: 'stage', parse: queryString }, q: { param: 'q', parse: queryString } },
    scopeKeys: [],
    formKeys: ['stage', 'q'],
    fetch: (query) => tenders.progressList(apiQuery(query)),
    exportUrl: (filters) => tenders.progressExportUrl(apiQuery(filters)),
  })
  /** the timeline as one line: 发布公告 → 报名（补报） → 开标 */
  const timelineText = (row: Record<string, any>) => (row as TenderProgressRow).stages.map((stage) => `${stage.stageName}${stage.late ? '（补报）' : ''}`).join(' → ')
  return { ...list, formatDateTime, timelineText }
}
