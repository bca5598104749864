/**
 * 导出中心: subscriptions (定时导出) and runs (one produced file each). Every write is one transaction;
 * jobs are added after it commits (a lost add is caught by the tick, export_tick.ts).
 */
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { errors as vineErrors } from '@vinejs/vine'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type User from '#models/user'
import clock from '#services/clock'
import { findRegionInScope, NotFoundInScope } from '#services/region_scope'
import { exportableTable, mayExport, tableProducer, type ExportableTable, type TableKind } from './exportable_tables.ts'
import { nextRunAt, type Frequency } from './export_schedule.ts'
import { enqueueExportRuns } from './export_queue.ts'

/** a user keeps at most this many subscriptions (each is a file per period) */
export const MAX_SUBSCRIPTIONS = 20

export interface SubscriptionInput {
  module: string
  region_id?: number
  frequency: Frequency
  time_of_day: string
  weekday?: number
  month_day?: number
}

export interface ExportRunRow {
  id: number
  user_id: number
  subscription_id: number | null
  due_at: Date | null
  module: string
  kind: TableKind
  region_id: number
  query: Record<string, unknown>
  status: 'queued' | 'running' | 'done' | 'failed' | 'expired'
  progress: number
  row_count: number | null
  file_name: string | null
  file_key: string | null
  size_bytes: string | number | null
  error: string | null
  attempts: number
  requested_at: Date
  started_at: Date | null
  finished_at: Date | null
  expires_at: Date | null
}

function fieldError(field: string, message: string): never {
  throw new vineErrors.E_VALIDATION_ERROR([{ field, message, rule: 'exists' }])
}

/** the table named by `module` (and kind), if `user` may export it; else a field error (nothing written) */
function tableFor(user: User, slug: string, kind: TableKind = 'statistics'): ExportableTable {
  const table = exportableTable(slug, kind)
  if (!table) fieldError('module', '没有这张统计表')
  if (!mayExport(user, table)) fieldError('module', '您没有导出这张统计表的权限')
  return table
}

export async function subscribe(user: User, input: SubscriptionInput) {
  const table = tableFor(user, input.module)
  const region = await findRegionInScope(user, input.region_id)
  if (input.frequency === 'weekly' && !input.weekday) fieldError('weekday', '请选择每周的哪一天')
  if (input.frequency === 'monthly' && !input.month_day) fieldError('month_day', '请选择每月的哪一天')
  const schedule = {
    frequency: input.frequency,
    timeOfDay: input.time_of_day,
    weekday: input.frequency === 'weekly' ? input.weekday! : null,
    monthDay: input.frequency === 'monthly' ? input.month_day! : null,
  }
  const now = clock.now()
  return db.transaction(async (trx) => {
    // one at a time per user, so the limit holds under concurrent requests
    await trx.rawQuery('SELECT pg_advisory_xact_lock(hashtext(?), ?)', ['export_subscriptions', user.id])
    const [{ count }] = await trx.from('export_subscriptions').where('user_id', user.id).count('* as count')
    if (Number(count) >= MAX_SUBSCRIPTIONS) fieldError('module', `每人最多订阅 ${MAX_SUBSCRIPTIONS} 个定时导出，请先取消不需要的`)
    const [row] = await trx
      .insertQuery()
      .table('export_subscriptions')
      .insert({
        user_id: user.id,
        module: table.module.slug,
        region_id: region.id,
        frequency: schedule.frequency,
        time_of_day: schedule.timeOfDay,
        weekday: schedule.weekday,
        month_day: schedule.monthDay,
        next_run_at: nextRunAt(schedule, now).toJSDate(),
        created_at: now.toJSDate(),
        updated_at: now.toJSDate(),
      })
      .returning('*')
    return row
  })
}

export async function unsubscribe(user: User, id: number) {
  const deleted = await db.from('export_subscriptions').where({ id, user_id: user.id }).delete()
  if (!Number(deleted)) throw new NotFoundInScope()
}

export async function subscriptionsOf(user: User) {
  return db
    .from('export_subscriptions as s')
    .join('regions as r', 'r.id', 's.region_id')
    .where('s.user_id', user.id)
    .orderBy('s.id', 'desc')
    .select('s.*', 'r.name as region_name')
}

/**
 * 立即导出 in the background: a run for a table of the user's region (a statistics table), or a records
 * list with the page's filters — checked now by the list's own validator and scope (a bad filter is a
 * 422, a foreign region a 404, nothing written), produced by the worker.
 */
export async function requestRun(user: User, input: { module: string; kind?: TableKind; region_id?: number; query?: Record<string, string> }) {
  const kind = input.kind ?? 'statistics'
  const table = tableFor(user, input.module, kind)
  const region = await findRegionInScope(user, input.region_id)
  const query = { ...(kind === 'records' ? input.query : {}), region_id: region.id }
  if (kind === 'records') await (await tableProducer(table))(user, query)
  const row = await db.transaction(async (trx) => {
    const [run] = await insertRun(trx, { userId: user.id, module: table.module.slug, kind, regionId: region.id, query, subscriptionId: null, dueAt: null })
    return run
  })
  await enqueueExportRuns([row.id])
  return row
}

async function insertRun(
  trx: TransactionClientContract,
  run: { userId: number; module: string; kind: TableKind; regionId: number; query: Record<string, unknown>; subscriptionId: number | null; dueAt: DateTime | null }
): Promise<ExportRunRow[]> {
  const result = await trx.rawQuery(
    `INSERT INTO export_runs (user_id, subscription_id, due_at, module, kind, region_id, query, status, requested_at)
     VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, 'queued', ?)
     ON CONFLICT (subscription_id, due_at) DO NOTHING
     RETURNING *`,
    [run.userId, run.subscriptionId, run.dueAt?.toJSDate() ?? null, run.module, run.kind, run.regionId, JSON.stringify(run.query), clock.now().toJSDate()] as any[]
  )
  return result.rows
}

/** the user's runs, newest first, paged */
export async function runsOf(user: User, page: number, perPage: number) {
  const base = db.from('export_runs as e').join('regions as r', 'r.id', 'e.region_id').where('e.user_id', user.id)
  const [{ count }] = await base.clone().count('* as count')
  const rows = await base.clone().orderBy('e.id', 'desc').limit(perPage).offset((page - 1) * perPage).select('e.*', 'r.name as region_name')
  return { rows: rows as (ExportRunRow & { region_name: string })[], total: Number(count) }
}

/** one of the user's runs; another user's is a 404 */
export async function runOf(user: User, id: number): Promise<ExportRunRow & { region_name: string }> {
  const row = await db
    .from('export_runs as e')
    .join('regions as r', 'r.id', 'e.region_id')
    .where({ 'e.id': id, 'e.user_id': user.id })
    .select('e.*', 'r.name as region_name')
    .first()
  if (!row) throw new NotFoundInScope()
  return row
}

/**
 * The runs of every subscription due at `now`: one run per due time (a repeated tick finds the
 * run already there), and the subscription moves to its next due time. Returns the new run ids.
 */
export async function createDueRuns(now: DateTime = clock.now()): Promise<number[]> {
  const created = await db.transaction(async (trx) => {
    const due = (await trx
      .from('export_subscriptions')
      .where('next_run_at', '<=', now.toJSDate())
      .orderBy('id')
      .limit(500)
      .forUpdate()
      .skipLocked()
      .select('*')) as {
      id: number
      user_id: number
      module: string
      region_id: number
      frequency: Frequency
      time_of_day: string
      weekday: number | null
      month_day: number | null
      next_run_at: Date
    }[]
    const ids: number[] = []
    for (const subscription of due) {
      const dueAt = DateTime.fromJSDate(subscription.next_run_at)
      const [run] = await insertRun(trx, {
        userId: subscription.user_id,
        module: subscription.module,
        kind: 'statistics',
        regionId: subscription.region_id,
        query: { region_id: subscription.region_id },
        subscriptionId: subscription.id,
        dueAt,
      })
      if (run) ids.push(run.id)
      const next = nextRunAt({ frequency: subscription.frequency, timeOfDay: subscription.time_of_day, weekday: subscription.weekday, monthDay: subscription.month_day }, now)
      await trx.from('export_subscriptions').where('id', subscription.id).update({ next_run_at: next.toJSDate(), last_run_at: now.toJSDate(), updated_at: now.toJSDate() })
    }
    return ids
  })
  await enqueueExportRuns(created)
  return created
}
