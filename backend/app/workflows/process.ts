/**
 * The workflow core's vocabulary. A process (evaluation review, tender filing, dispute, 居代业 …) is
 * declared as data: its states, the transitions between them, who may fire each one and the fields
 * each one requires. The engine (engine.ts) is the only code that changes a subject's state.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { FeatureCode, RoleCode } from '#services/roles'
import type { ProcessDeclaration } from '@szpm/core'

/** Who waits for a subject in a state: users of the subject's region at `level`, with a role and the feature. */
export interface TodoRule {
  roles: readonly RoleCode[]
  feature: FeatureCode
}

export interface StateDefinition {
  /** 待审核 */
  label: string
  /** the to-do opened when a subject enters this state (closed when it leaves) */
  todo?: TodoRule
}

export interface TransitionDefinition<State extends string> {
  /** 提交审核 */
  label: string
  /** states it may be fired from; [] = creates the subject */
  from: readonly State[]
  to: State
  /** who may fire it; 'system' = scheduled jobs only */
  by: { roles: readonly RoleCode[]; feature: FeatureCode } | 'system'
  /** input fields that must be present and non-blank → their Chinese name (for the field error) */
  requires?: Readonly<Record<string, string>>
}

/** What the inbox shows for a subject waiting in a state. */
export interface TodoDescription {
  title: string
  summary: string | null
  regionId: number
  /**
   * the estate it concerns; required when it waits for an estate-side account (项目经理 / 业委会主任),
   * whose inbox matches its own estates instead of a region
   */
  estateId?: number | null
  /** YYYY-MM-DD or null */
  dueOn: string | null
  /** who it waits for when not the state's rule (e.g. a developer's filing returns to the street handler, not a director) */
  addressee?: TodoRule
}

/**
 * A time-driven step of a process, run by the jobs worker (`./ace jobs:work`) on a BullMQ repeat
 * schedule. It must be idempotent: running it twice, or every minute, changes nothing the second
 * time. Its processor lives in its own file of the module (e.g. sync_evaluation_periods.ts).
 */
export interface ScheduledJob<Result = unknown> {
  /** BullMQ job name, unique across every registered process (`sync-evaluation-periods`) */
  name: string
  /** the repeat interval */
  everyMs: number
  /** also run once when the worker starts (a step that fell due while nothing ran is done at once) */
  runAtStart?: boolean
  /** the work itself */
  run: () => Promise<Result>
  /** one line for the log; null = nothing happened, so the worker logs nothing */
  describe?: (result: Result) => string | null
}

/** What the inbox (待办事项) asks a process before it reads the to-dos. */
export interface InboxHooks {
  /** bring the process's to-dos up to date (e.g. open the evaluation window that started today) */
  refresh?: () => Promise<void>
}

/**
 * A process: its declaration in core (name, 事项类型 label, the page a to-do opens — see
 * core/src/modules/<slug>.ts `processes`) plus what only the backend knows.
 */
export interface ProcessDefinition<State extends string = string, Action extends string = string> extends ProcessDeclaration {
  /** the subject table: has `id`, `state`, `version`, `updated_at` */
  table: string
  states: Readonly<Record<State, StateDefinition>>
  transitions: Readonly<Record<Action, TransitionDefinition<State>>>
  /** the inbox entries for subjects that have just entered a state with a to-do (one query for many) */
  describeTodos: (trx: TransactionClientContract, subjectIds: number[], state: State) => Promise<Map<number, TodoDescription>>
  /** its time-driven steps (the jobs worker schedules every registered process's jobs) */
  jobs?: readonly ScheduledJob<any>[]
  /** what the inbox asks it */
  inbox?: InboxHooks
}

export function defineProcess<State extends string, Action extends string>(definition: ProcessDefinition<State, Action>) {
  for (const [action, transition] of Object.entries<TransitionDefinition<State>>(definition.transitions)) {
    for (const state of [...transition.from, transition.to]) {
      if (!Object.hasOwn(definition.states, state)) {
        throw new Error(`process ${definition.name}: transition ${action} names unknown state ${state}`)
      }
    }
  }
  return definition
}
