/**
 * Firing a transition: one transaction (the caller's) that
 *   1. checks who may fire it and the fields it requires,
 *   2. moves the subject with an optimistic lock (`version`): a double submit or a stale page
 *      matches no row and gets a 409, never a second application,
 *   3. appends the immutable history entry,
 *   4. closes the subject's open to-dos and opens the one of the new state.
 * Nothing here knows a particular process; processes are data (process.ts).
 */
import { Exception } from '@adonisjs/core/exceptions'
import { errors as vineErrors } from '@vinejs/vine'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type User from '#models/user'
import clock from '#services/clock'
import { userFeatures } from '#services/roles'
import { NotFoundInScope } from '#services/region_scope'
import type { ProcessDefinition, TransitionDefinition } from '#workflows/process'

export class StaleSubject extends Exception {
  constructor() {
    super('该事项已被他人处理或修改，请刷新后重试', { status: 409, code: 'E_STALE_RECORD' })
  }
}

export class TransitionNotAllowed extends Exception {
  constructor(message: string, status = 422) {
    super(message, { status, code: 'E_INVALID_TRANSITION' })
  }
}

export interface FireInput {
  subjectId: number
  action: string
  /** null = the system */
  actor: User | null
  /** the version the user saw; required for users */
  version: number | null
  remark?: string | null
  /** attached to the history entry (e.g. the scores); also where `requires` fields are looked up */
  data?: Record<string, unknown>
  /** other columns to set on the subject together with the state */
  changes?: Record<string, unknown>
}

export function transitionOf(process: ProcessDefinition, action: string): TransitionDefinition<string> {
  const transition = process.transitions[action]
  if (!transition) throw new Error(`process ${process.name} has no transition ${action}`)
  return transition
}

/** May `user` fire `action` at all (role and feature; data scope is the caller's job)? */
export function mayFire(process: ProcessDefinition, action: string, user: User): boolean {
  const transition = transitionOf(process, action)
  if (transition.by === 'system') return false
  return transition.by.roles.includes(user.role) && userFeatures(user).includes(transition.by.feature)
}

export interface FieldProblem {
  field: string
  message: string
  rule: string
}

/** The transition's required fields that `data` leaves empty, as field errors (请填写审核意见). */
export function missingFields(process: ProcessDefinition, action: string, data: Record<string, unknown>): FieldProblem[] {
  const transition = transitionOf(process, action)
  return Object.entries(transition.requires ?? {})
    .filter(([field]) => {
      const value = data[field]
      return value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
    })
    .map(([field, name]) => ({ field, message: `请填写${name}`, rule: 'required' }))
}

function assertRequired(process: ProcessDefinition, input: FireInput) {
  const missing = missingFields(process, input.action, { remark: input.remark, ...input.data })
  if (missing.length > 0) throw new vineErrors.E_VALIDATION_ERROR(missing)
}

export async function fire(trx: TransactionClientContract, process: ProcessDefinition, input: FireInput) {
  const transition = transitionOf(process, input.action)
  if (input.actor) {
    if (!mayFire(process, input.action, input.actor)) {
      throw new TransitionNotAllowed(`您没有权限执行「${transition.label}」`, 403)
    }
    if (input.version === null) throw new Error('a user transition needs the version the user saw')
  } else if (transition.by !== 'system') {
    throw new Error(`${process.name}.${input.action} must be fired by a user`)
  }
  assertRequired(process, input)

  const now = clock.now().toJSDate()
  const update = trx
    .from(process.table)
    .where('id', input.subjectId)
    .whereIn('state', [...transition.from])
  if (input.version !== null) update.where('version', input.version)
  const moved = await update
    .update({ ...input.changes, state: transition.to, version: trx.raw('version + 1'), updated_at: now })
    .returning(['id', 'state', 'version'])

  if (moved.length !== 1) {
    const current = await trx.from(process.table).where('id', input.subjectId).select('state', 'version').first()
    if (!current) throw new NotFoundInScope()
    if (input.version !== null && current.version !== input.version) throw new StaleSubject()
    const stateName = process.states[current.state]?.label ?? current.state
    throw new TransitionNotAllowed(`当前状态为「${stateName}」，不能执行「${transition.label}」`)
  }

  const fromState = await previousState(trx, process, input.subjectId)
  await appendHistory(trx, process, [
    {
      subjectId: input.subjectId,
      action: input.action,
      fromState,
      toState: transition.to,
      actor: input.actor,
      remark: input.remark ?? null,
      data: input.data ?? {},
      at: now,
    },
  ])
  await closeTodos(trx, process, [input.subjectId], input.actor, now)
  await openTodos(trx, process, [input.subjectId], transition.to, now)
  return moved[0] as { id: number; state: string; version: number }
}

/** the state the subject was in before this transition = the last history entry's target */
async function previousState(trx: TransactionClientContract, process: ProcessDefinition, subjectId: number) {
  const last = await trx
    .from('workflow_events')
    .where({ process: process.name, subject_id: subjectId })
    .orderBy('id', 'desc')
    .select('to_state')
    .first()
  return (last?.to_state as string | undefined) ?? null
}

export interface HistoryRow {
  subjectId: number
  action: string
  fromState: string | null
  toState: string
  actor: User | null
  remark: string | null
  data: Record<string, unknown>
  at: Date
}

export async function appendHistory(trx: TransactionClientContract, process: ProcessDefinition, rows: HistoryRow[]) {
  if (rows.length === 0) return
  for (let start = 0; start < rows.length; start += 2000) {
    await trx.table('workflow_events').multiInsert(
      rows.slice(start, start + 2000).map((row) => ({
        process: process.name,
        subject_id: row.subjectId,
        action: row.action,
        from_state: row.fromState,
        to_state: row.toState,
        actor_id: row.actor?.id ?? null,
        actor_name: row.actor?.name ?? null,
        actor_role: row.actor?.role ?? null,
        remark: row.remark,
        data: JSON.stringify(row.data),
        created_at: row.at,
      }))
    )
  }
}

/** Closes the open to-dos of subjects: `done` by the user who acted, `expired` when the system did. */
export async function closeTodos(
  trx: TransactionClientContract,
  process: ProcessDefinition,
  subjectIds: number[],
  actor: User | null,
  at: Date
) {
  if (subjectIds.length === 0) return
  await trx
    .from('todos')
    .where('process', process.name)
    .whereIn('subject_id', subjectIds)
    .whereNull('closed_at')
    .update({ closed_at: at, closed_by: actor?.id ?? null, outcome: actor ? 'done' : 'expired' })
}

/** Opens the to-do of `state` (if it has one) for each subject that has just entered it. */
export async function openTodos(
  trx: TransactionClientContract,
  process: ProcessDefinition,
  subjectIds: number[],
  state: string,
  at: Date
) {
  const rule = process.states[state]?.todo
  if (!rule || subjectIds.length === 0) return
  const descriptions = await process.describeTodos(trx, subjectIds, state)
  const rows = subjectIds.map((subjectId) => {
    const todo = descriptions.get(subjectId)
    if (!todo) throw new Error(`process ${process.name}: no to-do description for subject ${subjectId}`)
    return {
      process: process.name,
      subject_id: subjectId,
      step: state,
      title: todo.title,
      summary: todo.summary,
      region_id: todo.regionId,
      estate_id: todo.estateId ?? null,
      roles: [...(todo.addressee ?? rule).roles],
      feature: (todo.addressee ?? rule).feature,
      due_on: todo.dueOn,
      created_at: at,
    }
  })
  for (let start = 0; start < rows.length; start += 2000) {
    await trx.table('todos').multiInsert(rows.slice(start, start + 2000))
  }
}

/**
 * A system transition over many subjects at once (e.g. auto-scoring every unreviewed estate when a
 * window closes): one UPDATE, history and to-dos in bulk, same rules as `fire`. `where` narrows the
 * subjects (trusted SQL with bindings); only subjects in one of the transition's `from` states move.
 * Returns the ids that moved. Running it again moves nothing (idempotent).
 */
export async function fireSystemMany(
  trx: TransactionClientContract,
  process: ProcessDefinition,
  action: string,
  where: { sql: string; bindings: unknown[] },
  changes: Record<string, unknown> = {},
  remark: string | null = null
): Promise<number[]> {
  const transition = transitionOf(process, action)
  if (transition.by !== 'system') throw new Error(`${process.name}.${action} is not a system transition`)
  const now = clock.now().toJSDate()
  const columns = Object.keys(changes)
  const sets = columns.map((column) => `"${column}" = ?`).join(', ')
  const result = await trx.rawQuery(
    `WITH target AS (
       SELECT id, state FROM ${process.table} WHERE state = ANY(?) AND (${where.sql}) FOR UPDATE
     )
     UPDATE ${process.table} AS subject
        SET state = ?, version = subject.version + 1, updated_at = ?${sets ? `, ${sets}` : ''}
       FROM target
      WHERE subject.id = target.id
  RETURNING subject.id, target.state AS from_state`,
    [[...transition.from], ...where.bindings, transition.to, now, ...columns.map((column) => changes[column])] as any[]
  )
  const moved = result.rows as { id: number; from_state: string }[]
  const ids = moved.map((row) => row.id)
  await appendHistory(
    trx,
    process,
    moved.map((row) => ({
      subjectId: row.id, action, fromState: row.from_state, toState: transition.to, actor: null, remark, data: {}, at: now,
    }))
  )
  await closeTodos(trx, process, ids, null, now)
  await openTodos(trx, process, ids, transition.to, now)
  return ids
}

/**
 * Records that subjects were created by a creating transition (`from: []`): history entries and the
 * to-dos of the initial state. The caller inserted the rows (in bulk, with the transition's `to` state).
 */
export async function recordCreated(
  trx: TransactionClientContract,
  process: ProcessDefinition,
  action: string,
  subjectIds: number[],
  actor: User | null
) {
  const transition = transitionOf(process, action)
  if (transition.from.length !== 0) throw new Error(`${process.name}.${action} does not create subjects`)
  const now = clock.now().toJSDate()
  await appendHistory(
    trx,
    process,
    subjectIds.map((subjectId) => ({
      subjectId, action, fromState: null, toState: transition.to, actor, remark: null, data: {}, at: now,
    }))
  )
  await openTodos(trx, process, subjectIds, transition.to, now)
}
