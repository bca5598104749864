import type { TodoRecord } from '#modules/todos/todo_service'
import { processOf } from '#workflows/index'
import type { TodoRow } from '@szpm/core'

export const TODO_OUTCOME_NAMES: Record<string, string> = { done: '已办理', expired: '逾期自动办结' }

export function transformTodo(row: TodoRecord, workingDaysLeft: Map<string, number | null>): TodoRow {
  const process = processOf(row.process)
  return {
    id: Number(row.id),
    process: row.process,
    processName: process?.label ?? row.process,
    subjectId: row.subject_id,
    step: row.step,
    stepName: process?.states[row.step]?.label ?? row.step,
    title: row.title,
    summary: row.summary,
    regionName: row.region_name,
    dueOn: row.due_on,
    workingDaysLeft: row.due_on && !row.closed_at ? (workingDaysLeft.get(row.due_on) ?? null) : null,
    createdAt: new Date(row.created_at).toISOString(),
    closedAt: row.closed_at ? new Date(row.closed_at).toISOString() : null,
    closedByName: row.closed_by_name,
    outcome: row.outcome,
    outcomeName: row.outcome ? (TODO_OUTCOME_NAMES[row.outcome] ?? row.outcome) : null,
  }
}
