/** 街道社区评价 (module 13): periods, statistics, the list, scoring and review, 评分模板. */
import type { Http, Query } from './http.ts'
import type {
  EvaluationDetail,
  EvaluationPeriod,
  EvaluationPeriodsMeta,
  EvaluationQuery,
  EvaluationReviewInput,
  EvaluationRow,
  EvaluationStatsMeta,
  EvaluationStatsQuery,
  EvaluationStatsRow,
  EvaluationSubmitInput,
  EvaluationTemplate,
  EvaluationTemplateInput,
  PageMeta,
} from './types.ts'

/** an estate's evaluation in one half-year (null: none that half) */
export interface EstateEvaluation {
  period: EvaluationPeriod
  row: EvaluationRow | null
}

export function evaluationsApi(http: Http) {
  const list = (query: EvaluationQuery) =>
    http.call<EvaluationRow[], PageMeta & { period: EvaluationPeriod }>('evaluations.index', { query: query as Query })
  return {
    /** recent periods, newest first; meta says which is open today */
    periods: () => http.call<EvaluationPeriod[], EvaluationPeriodsMeta>('evaluations.periods'),
    stats: (query: EvaluationStatsQuery = {}) =>
      http.call<EvaluationStatsRow[], EvaluationStatsMeta>('evaluation_stats.index', { query: query as Query }),
    statsExportUrl: (query: EvaluationStatsQuery = {}) => http.url('evaluation_stats.export', { query: query as Query }),
    list,
    /** the estate page's 社区评价 tab: the estate's evaluation in each of the `count` most recent half-years */
    ofEstate: async (estateId: number, count = 4): Promise<EstateEvaluation[]> => {
      const recent = (await http.call<EvaluationPeriod[], EvaluationPeriodsMeta>('evaluations.periods')).data.slice(0, count)
      return Promise.all(
        recent.map(async (period) => {
          const page = await list({ estate_id: estateId, year: period.year, half: period.half, per_page: 1 })
          return { period, row: page.data[0] ?? null }
        })
      )
    },
    exportUrl: (query: EvaluationQuery) => http.url('evaluations.export', { query: query as Query }),
    show: (id: number) => http.call<EvaluationDetail>('evaluations.show', { params: { id } }),
    /** community staff: score and submit for review */
    submit: (id: number, input: EvaluationSubmitInput) => http.call<EvaluationDetail>('evaluations.submit', { params: { id }, body: input }),
    /** street handler: (re-)score, 审核意见, submit */
    review: (id: number, input: EvaluationReviewInput) => http.call<EvaluationDetail>('evaluations.review', { params: { id }, body: input }),
    templates: {
      list: () => http.call<EvaluationTemplate[]>('evaluation_templates.index'),
      exportUrl: () => http.url('evaluation_templates.export'),
      create: (input: EvaluationTemplateInput) => http.call<EvaluationTemplate>('evaluation_templates.store', { body: input }),
      update: (id: number, input: EvaluationTemplateInput & { version: number }) =>
        http.call<EvaluationTemplate>('evaluation_templates.update', { params: { id }, body: input }),
      activate: (id: number, version: number) =>
        http.call<EvaluationTemplate>('evaluation_templates.activate', { params: { id }, body: { version } }),
      destroy: (id: number) => http.call<null>('evaluation_templates.destroy', { params: { id } }),
    },
  }
}
