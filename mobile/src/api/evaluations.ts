import type {
  EvaluationDetail,
  EvaluationPeriod,
  EvaluationPeriodsMeta,
  EvaluationReviewInput,
  EvaluationSubmitInput,
} from '@szpm/api'
import { api } from './client'

export interface EvaluationPeriods {
  periods: EvaluationPeriod[]
  meta: EvaluationPeriodsMeta
}

/** recent half-year windows, newest first, and the one the pages open by default */
export async function fetchEvaluationPeriods(): Promise<EvaluationPeriods> {
  const { data, meta } = await api.evaluations.periods()
  return { periods: data, meta }
}

export async function fetchEvaluation(id: number): Promise<EvaluationDetail> {
  return (await api.evaluations.show(id)).data
}

/** community staff: scores → 待审核 */
export async function submitEvaluation(id: number, input: EvaluationSubmitInput): Promise<EvaluationDetail> {
  return (await api.evaluations.submit(id, input)).data
}

/** street handler: (re-)scores + 审核意见 → 已审核 */
export async function reviewEvaluation(id: number, input: EvaluationReviewInput): Promise<EvaluationDetail> {
  return (await api.evaluations.review(id, input)).data
}
