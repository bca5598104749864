/** Wire types of Workflow core · 待办事项 (module 4). */

/**
 * Name of a workflow process that puts work in the inbox (`evaluation`). Processes are declared by
 * their modules (`processes` in core/src/modules/<slug>.ts, listed in WORKFLOW_PROCESSES) and
 * registered in backend/app/workflows/index.ts, so the name is open-ended here.
 */
export type WorkflowProcess = string

/** One entry of the immutable history of a workflow subject (审核信息 / 办理记录). */
export interface WorkflowHistoryEntry {
  id: number
  action: string
  /** 提交审核 / 审核通过 / 自动计分 … */
  actionName: string
  fromState: string | null
  fromStateName: string | null
  toState: string
  toStateName: string
  /** null = the system (a scheduled job); id is null for a person without an account (imported history) */
  actor: { id: number | null; name: string; role: string | null; roleName: string | null } | null
  remark: string | null
  data: Record<string, unknown>
  /** ISO time */
  at: string
}

export type TodoTab = 'pending' | 'done'

export interface TodoRow {
  id: number
  process: WorkflowProcess
  /** 街道社区评价 */
  processName: string
  /** id of the subject (e.g. the evaluation) — the handling / detail page opens it */
  subjectId: number
  /** the state it waits in, e.g. submitted */
  step: string
  /** 待审核 */
  stepName: string
  title: string
  summary: string | null
  regionName: string
  /** YYYY-MM-DD or null */
  dueOn: string | null
  /** working days left until dueOn (0 = due today, negative = overdue); null when there is no due date or the calendar has no data for that year */
  workingDaysLeft: number | null
  /** ISO time the work arrived */
  createdAt: string
  /** 已办 only */
  closedAt: string | null
  closedByName: string | null
  /** done / expired */
  outcome: string | null
  outcomeName: string | null
}

export interface TodoCounts {
  /** 待办 badge */
  pending: number
  done: number
  /** pending per process, e.g. { evaluation: 3 } */
  byProcess: Partial<Record<WorkflowProcess, number>>
}

export interface TodoQuery {
  tab?: TodoTab
  process?: WorkflowProcess
  q?: string
  page?: number
  per_page?: number
}
