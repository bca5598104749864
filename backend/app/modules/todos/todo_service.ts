/**
 * 待办事项 (module 4): the inbox is a projection kept by the workflow engine (table `todos`).
 * 待办 = open to-dos addressed to the user's own region, one of their roles and a feature they hold;
 * 已办 = to-dos this user closed by acting on them.
 * Before reading, every registered process may bring its to-dos up to date (its `inbox.refresh`).
 */
import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import type User from '#models/user'
import clock from '#services/clock'
import { isEstateSideRole, userFeatures } from '#services/roles'
import { CalendarYearMissing, workingDaysBetween } from '#services/working_days'
import { refreshInbox } from '#workflows/index'
import type { TodoTab, WorkflowProcess } from '@szpm/core'
import { containing } from '#services/like_pattern'

export interface TodoListInput {
  tab?: TodoTab
  process?: WorkflowProcess
  q?: string
  page?: number
  per_page?: number
}

export interface TodoRecord {
  id: string | number
  process: WorkflowProcess
  subject_id: number
  step: string
  title: string
  summary: string | null
  region_name: string
  due_on: string | null
  created_at: Date
  closed_at: Date | null
  closed_by_name: string | null
  outcome: string | null
}

export default class TodoService {
  private pending(user: User): DatabaseQueryBuilderContract<any> {
    const query = db
      .from('todos as t')
      .whereNull('t.closed_at')
      .whereRaw('? = ANY(t.roles)', [user.role])
      .whereIn('t.feature', userFeatures(user))
    // an estate-side account has no region: its to-dos are those of the estates it holds in that role
    if (isEstateSideRole(user.role)) {
      return query.whereIn('t.estate_id', db.from('user_estates').where('user_id', user.id).where('relation', user.role).select('estate_id'))
    }
    return query.where('t.region_id', user.regionId)
  }

  private done(user: User): DatabaseQueryBuilderContract<any> {
    return db.from('todos as t').where('t.closed_by', user.id)
  }

  async list(user: User, input: TodoListInput) {
    await refreshInbox()
    const tab = input.tab ?? 'pending'
    const query = tab === 'pending' ? this.pending(user) : this.done(user)
    if (input.process) query.where('t.process', input.process)
    if (input.q) query.whereILike('t.title', containing(input.q))
    const page = input.page ?? 1
    const perPage = input.per_page ?? 20
    const [{ total }] = await query.clone().count('* as total')
    const rows = (await query
      .join('regions as r', 'r.id', 't.region_id')
      .leftJoin('users as u', 'u.id', 't.closed_by')
      .select('t.id', 't.process', 't.subject_id', 't.step', 't.title', 't.summary', 'r.name as region_name',
        db.raw(`to_char(t.due_on, 'YYYY-MM-DD') as due_on`), 't.created_at', 't.closed_at', 'u.name as closed_by_name', 't.outcome')
      .orderBy(tab === 'pending' ? 't.created_at' : 't.closed_at', tab === 'pending' ? 'asc' : 'desc')
      .orderBy('t.id', 'desc')
      .limit(perPage)
      .offset((page - 1) * perPage)) as TodoRecord[]
    return { rows, total: Number(total), page, perPage }
  }

  async counts(user: User) {
    await refreshInbox()
    const [byProcess, done] = await Promise.all([
      this.pending(user).select('t.process').count('* as n').groupBy('t.process'),
      this.done(user).count('* as n').first(),
    ])
    const perProcess = Object.fromEntries(byProcess.map((row: any) => [row.process, Number(row.n)]))
    return {
      pending: Object.values(perProcess).reduce((sum: number, n) => sum + (n as number), 0),
      done: Number(done?.n ?? 0),
      byProcess: perProcess,
    }
  }

  /**
   * Working days from today to each due date (one calendar lookup per distinct date). A date in a
   * year the calendar has no data for answers null: the list still shows, without guessing.
   */
  async workingDaysLeft(dueDates: (string | null)[]) {
    const today = clock.today()
    const result = new Map<string, number | null>()
    for (const due of new Set(dueDates.filter((d): d is string => d !== null))) {
      try {
        result.set(due, await workingDaysBetween(today, due))
      } catch (error) {
        if (!(error instanceof CalendarYearMissing)) throw error
        result.set(due, null)
      }
    }
    return result
  }
}
