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

export function evaluationsApi(http: Http) {
  return {
    /** recent periods, newest first; meta says which is open today */
    periods: () => http.call<EvaluationPeriod[], EvaluationPeriodsMeta>('evaluations.periods'),
    stats: (query: EvaluationStatsQuery = {}) =>
      http.call<EvaluationStatsRow[], EvaluationStatsMeta>('evaluation_stats.index', { query: query as Query }),
    statsExportUrl: (query: EvaluationStatsQuery = {}) => http.url('evaluation_stats.export', { query: query as Query }),
    list: (query: EvaluationQuery) =>
      http.call<EvaluationRow[], PageMeta & { period: EvaluationPeriod }>('evaluations.index', { query: query as Query }),
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
