import { ROLES, type RoleCode } from '#services/roles'
import type { ProcessDefinition } from '#workflows/process'
import type { WorkflowHistoryEntry } from '@szpm/core'

export interface WorkflowEventRow {
  id: number | string
  action: string
  from_state: string | null
  to_state: string
  actor_id: number | null
  actor_name: string | null
  actor_role: string | null
  remark: string | null
  data: Record<string, unknown> | null
  created_at: Date
}

/** one history entry, labelled by its process (names are the ones at the time of the step) */
export function transformWorkflowEvent(process: ProcessDefinition, row: WorkflowEventRow): WorkflowHistoryEntry {
  const state = (code: string | null) => (code ? (process.states[code]?.label ?? code) : null)
  const role = row.actor_role as RoleCode | null
  return {
    id: Number(row.id),
    action: row.action,
    actionName: process.transitions[row.action]?.label ?? row.action,
    fromState: row.from_state,
    fromStateName: state(row.from_state),
    toState: row.to_state,
    toStateName: state(row.to_state)!,
    // the system acts with neither an account nor a name; imported history may carry a name only
    actor: row.actor_id === null && row.actor_name === null
      ? null
      : { id: row.actor_id, name: row.actor_name ?? '', role, roleName: role ? (ROLES[role]?.name ?? null) : null },
    remark: row.remark,
    data: row.data ?? {},
    at: new Date(row.created_at).toISOString(),
  }
}
