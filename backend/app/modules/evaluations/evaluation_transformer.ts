import { describePeriod } from '#modules/evaluations/evaluation_periods'
import { displayState, num, scoresOf, type EvaluationRecord } from '#modules/evaluations/evaluation_service'
import { evaluationProcess } from '#modules/evaluations/evaluation_process'
import type { ProcessDefinition } from '#workflows/process'
import { transformWorkflowEvent, type WorkflowEventRow } from '#workflows/workflow_history_transformer'
import type { EvaluationDetail, EvaluationHalf, EvaluationPeriod, EvaluationRow, EvaluationTemplateItem } from '@szpm/core'

const PROCESS = evaluationProcess as unknown as ProcessDefinition
const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null)

export const stateName = (state: string) => PROCESS.states[state]?.label ?? state

/** A list row: states and scores as they stand today (an unreviewed half reads 100 once its window closed). */
export function transformEvaluation(row: EvaluationRecord, today: string): EvaluationRow {
  const state = displayState(row, today)
  const scores = scoresOf(row, today)
  return {
    id: row.id,
    estateId: row.estate_id,
    estateName: row.estate_name,
    communityId: row.community_id,
    communityName: row.community_name,
    streetName: row.street_name,
    year: row.year,
    half: row.half,
    state,
    stateName: stateName(state),
    submittedScore: num(row.submitted_score),
    submittedByName: row.submitted_by_name,
    submittedAt: iso(row.submitted_at),
    effectiveScore: scores.effective,
    reviewedByName: row.reviewed_by_name,
    reviewedAt: iso(row.reviewed_at),
    annualScore: scores.annual,
    version: row.version,
  }
}

export function transformEvaluationDetail(detail: {
  row: EvaluationRecord
  today: string
  period: EvaluationPeriod
  template: { id: number; name: string; items: EvaluationTemplateItem[] }
  history: WorkflowEventRow[]
  can: { submit: boolean; review: boolean }
  reason: string | null
}): EvaluationDetail {
  const { row, today } = detail
  const otherHalf = (3 - row.half) as EvaluationHalf
  const scores = scoresOf(row, today)
  const otherStarted = describePeriod({ year: row.year, half: otherHalf }, today)
  const otherState = row.other_state || otherStarted.isOpen || otherStarted.isClosed
    ? displayState({ state: row.other_state ?? 'pending', year: row.year, half: otherHalf }, today)
    : null
  return {
    ...transformEvaluation(row, today),
    period: detail.period,
    template: { id: detail.template.id, name: detail.template.name, items: detail.template.items },
    submittedScores: row.submitted_scores,
    submitRemark: row.submit_remark,
    reviewedScores: row.reviewed_scores,
    reviewOpinion: row.review_opinion,
    otherHalf: otherState ? { half: otherHalf, state: otherState, stateName: stateName(otherState), effectiveScore: scores.other } : null,
    can: detail.can,
    reason: detail.reason,
    history: detail.history.map((event) => transformWorkflowEvent(PROCESS, event)),
  }
}
