/**
 * 安全检查 (module 15): publishing tasks, the project manager's checklist (submit, rectify), 催办, and
 * the records behind the statistics. Every change is one transaction: the rows, the workflow history
 * and to-dos (the engine, inspection_process.ts) and the outbox events of the changed targets.
 * Data scope: government users by region (#services/region_scope); a project manager sees the targets
 * of the estates bound to them as `project_manager`; anything else is a 404.
 */
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { errors as vineErrors } from '@vinejs/vine'
import { writeInspectionTargetOutbox } from '@szpm/etl'
import type { InspectionResult, InspectionTargetMode, InspectionTargetState, EstateReminderResult } from '@szpm/core'
import type User from '#models/user'
import type Region from '#models/region'
import clock from '#services/clock'
import { isEstateSideRole } from '#services/roles'
import { EstateSet, NotFoundInScope, findRegionInScope, userRegion, userScope, whereEstateIn, type DataScope } from '#services/region_scope'
import { containing } from '#services/like_pattern'
import { TransitionNotAllowed, fire, mayFire, recordCreated } from '#workflows/engine'
import { inspectionWorkflow as process } from '#modules/inspections/inspection_process'
import { stagedAttachments } from '#services/attachments'
import { alreadySentText, notify } from '#modules/messages/notifier'
import { ReminderRefused } from '#modules/messages/estate_reminder'

export const PHOTO_FOLDER = 'inspections'
/** at most this many photos per answer */
export const MAX_PHOTOS = 9

export interface PublishInput {
  title: string
  deadline: string
  items: { content: string; photo_required?: boolean }[]
  target_mode: InspectionTargetMode
  /** region mode: a region inside the publisher's (default: the publisher's own) */
  region_id?: number
  /** estate_type mode */
  estate_types?: string[]
  /** estates mode */
  estate_ids?: number[]
}

export interface AnswerInput {
  item_id: number
  result: InspectionResult
  description?: string
  measures?: string
  rectified?: boolean
  rectified_on?: string
  photos?: string[]
}

export interface TargetFilters {
  region_id?: number
  estate_id?: number
  task_id?: number
  state?: InspectionTargetState
  overdue?: '1'
  problems?: '1' | 'open'
  q?: string
}

function refuse(field: string, message: string, rule = 'inspection'): never {
  throw new vineErrors.E_VALIDATION_ERROR([{ field, message, rule }])
}

/** Appends the targets' current rows to the outbox inside the caller's transaction, after the change. */
export async function publishTargets(trx: TransactionClientContract, ids: number[]) {
  for (let start = 0; start < ids.length; start += 5000) {
    await writeInspectionTargetOutbox((sql, params) => trx.rawQuery(sql, params as any[]).then((result) => result.rows), ids.slice(start, start + 5000), { paramStyle: 'knex' })
  }
}

/** the problem / rectified counts of each target (subqueries over its answers) */
const PROBLEMS = `(select count(*) from inspection_answers a where a.target_id = t.id and a.result = 'problem')::int`
const RECTIFIED = `(select count(*) from inspection_answers a where a.target_id = t.id and a.result = 'problem' and a.rectified)::int`
const ITEMS = `(select count(*) from inspection_items i where i.task_id = t.task_id)::int`

/**
 * The targets of a scope (the records behind a 安全检查 number, 穿透): place, company, task, deadline,
 * state, counts — the rows the warehouse counts; 逾期 = still 待填报 after the deadline (as of `today`).
 */
export function targetQuery(scope: DataScope, filters: TargetFilters, today: string) {
  const query = db
    .from('inspection_targets as t')
    .join('inspection_tasks as k', 'k.id', 't.task_id')
    .join('estates as e', 'e.id', 't.estate_id')
    .leftJoin('regions as c', 'c.id', 'e.community_id')
    .leftJoin('regions as s', 's.id', 'e.street_id')
    .leftJoin('regions as d', 'd.id', 'e.district_id')
    .select(
      't.id', 't.task_id', 't.estate_id', 't.state', 't.version', 't.submitted_at', 't.rectified_at',
      'k.title as task_title', db.raw(`to_char(k.deadline, 'YYYY-MM-DD') as deadline`),
      'e.name as estate_name', 'e.company_name', 'c.name as community_name', 's.name as street_name', 'd.name as district_name',
      db.raw(`${ITEMS} as items`), db.raw(`${PROBLEMS} as problems`), db.raw(`${RECTIFIED} as rectified_problems`)
    )
  whereEstateIn(query, 'e', scope)
  if (filters.estate_id) query.where('t.estate_id', filters.estate_id)
  if (filters.task_id) query.where('t.task_id', filters.task_id)
  if (filters.state) query.where('t.state', filters.state)
  if (filters.overdue) query.where('t.state', 'pending').where('k.deadline', '<', today)
  if (filters.problems === '1') query.whereRaw(`${PROBLEMS} > 0`)
  if (filters.problems === 'open') query.whereRaw(`${PROBLEMS} > ${RECTIFIED}`)
  if (filters.q) {
    const pattern = containing(filters.q)
    query.where((inner) => inner.whereILike('e.name', pattern).orWhereILike('k.title', pattern))
  }
  return query.orderBy('k.deadline', 'desc').orderBy('t.task_id', 'desc').orderBy('e.district_id').orderBy('e.street_id').orderBy('e.community_id').orderBy('t.estate_id')
}

/**
 * Per property company (estates.company_name; estates without one are 未登记物业服务企业) of a scope:
 * estates with targets, targets, submitted (已提交 / 整改中 / 已整改), pending, overdue, problems found
 * and rectified. 信用信息's 安全检查情况 indicator reads it (one call per scope, optionally one task).
 */
export async function inspectionCountsByCompany(scope: DataScope, options: { taskId?: number; q?: string; today?: string } = {}) {
  const today = options.today ?? clock.today()
  const query = db
    .from('inspection_targets as t')
    .join('inspection_tasks as k', 'k.id', 't.task_id')
    .join('estates as e', 'e.id', 't.estate_id')
    .select(
      db.raw(`coalesce(nullif(e.company_name, ''), '未登记物业服务企业') as company_name`),
      db.raw('count(distinct t.estate_id)::int as estates'),
      db.raw('count(*)::int as targets'),
      db.raw(`count(*) filter (where t.state <> 'pending')::int as completed`),
      db.raw(`count(*) filter (where t.state = 'pending')::int as pending`),
      db.raw(`count(*) filter (where t.state = 'pending' and k.deadline < ?)::int as overdue`, [today]),
      db.raw(`coalesce(sum(${PROBLEMS}), 0)::int as problems`),
      db.raw(`coalesce(sum(${RECTIFIED}), 0)::int as rectified_problems`)
    )
    .groupByRaw(`coalesce(nullif(e.company_name, ''), '未登记物业服务企业')`)
    .orderByRaw('count(*) desc, 1')
  whereEstateIn(query, 'e', scope)
  if (options.taskId) query.where('t.task_id', options.taskId)
  if (options.q) query.whereILike('e.company_name', containing(options.q))
  return (await query) as {
    company_name: string; estates: number; targets: number; completed: number; pending: number; overdue: number; problems: number; rectified_problems: number
  }[]
}

export default class InspectionService {
  /** the estates a task published by `user` reaches: inside the publisher's region, by the chosen rule */
  async resolveTargets(user: User, input: PublishInput): Promise<number[]> {
    const root = await userRegion(user)
    const query = db.from('estates as e').select('e.id').orderBy('e.id')
    whereEstateIn(query, 'e', root)
    if (input.target_mode === 'region') {
      // a region outside the publisher's is a 404, as any foreign-scope object
      whereEstateIn(query, 'e', await findRegionInScope(user, input.region_id))
    } else if (input.target_mode === 'estate_type') {
      if (!input.estate_types?.length) refuse('estate_types', '请选择项目类型', 'required')
      query.whereIn('e.estate_type', input.estate_types)
    } else {
      if (!input.estate_ids?.length) refuse('estate_ids', '请选择物业项目', 'required')
      query.whereIn('e.id', input.estate_ids)
      const found = (await query.clone()).map((row) => Number(row.id))
      const missing = input.estate_ids.findIndex((id) => !found.includes(id))
      if (missing >= 0) refuse(`estate_ids.${missing}`, '所选物业项目不在您的管辖范围内', 'scope')
      return found
    }
    return (await query).map((row) => Number(row.id))
  }

  /** 发布任务: the task, its checklist and one target per estate (待填报, to-do for its 项目经理), one transaction */
  async publish(user: User, input: PublishInput): Promise<number> {
    if (!mayFire(process, 'publish', user)) throw new TransitionNotAllowed('您没有权限发布安全检查任务', 403)
    if (input.deadline < clock.today()) refuse('deadline', '截止日期不能早于今天', 'date')
    const estateIds = await this.resolveTargets(user, input)
    if (estateIds.length === 0) refuse('target_mode', '所选范围内没有物业项目', 'targets')
    return db.transaction(async (trx) => {
      const [task] = await trx
        .table('inspection_tasks')
        .insert({
          title: input.title,
          deadline: input.deadline,
          region_id: user.regionId,
          target_mode: input.target_mode,
          target_criteria: JSON.stringify({ region_id: input.region_id ?? null, estate_types: input.estate_types ?? [], estate_ids: input.estate_ids ?? [] }),
          created_by: user.id,
          created_at: clock.now().toJSDate(),
        })
        .returning('id')
      const taskId = Number(task.id ?? task)
      await trx.table('inspection_items').multiInsert(
        input.items.map((item, index) => ({ task_id: taskId, position: index + 1, content: item.content, photo_required: item.photo_required ?? false }))
      )
      const now = clock.now().toJSDate()
      const ids: number[] = []
      for (let start = 0; start < estateIds.length; start += 5000) {
        const rows = await trx
          .table('inspection_targets')
          .multiInsert(estateIds.slice(start, start + 5000).map((estateId) => ({ task_id: taskId, estate_id: estateId, state: 'pending', version: 1, created_at: now, updated_at: now })))
          .returning('id')
        ids.push(...rows.map((row: any) => Number(row.id ?? row)))
      }
      await recordCreated(trx, process, 'publish', ids, user)
      await publishTargets(trx, ids)
      return taskId
    })
  }

  /** tasks with at least one target in the user's scope, newest first, counted over the scope's targets */
  async listTasks(user: User, input: { region_id?: number; q?: string; page: number; perPage: number }) {
    const region = await findRegionInScope(user, input.region_id)
    const query = db
      .from('inspection_tasks as k')
      .join('inspection_targets as t', 't.task_id', 'k.id')
      .join('estates as e', 'e.id', 't.estate_id')
      .join('regions as r', 'r.id', 'k.region_id')
      .leftJoin('users as u', 'u.id', 'k.created_by')
      .groupBy('k.id', 'r.name', 'u.name')
    whereEstateIn(query, 'e', region)
    if (input.q) query.whereILike('k.title', containing(input.q))
    const [{ total }] = await db.from(query.clone().select('k.id').as('tasks')).count('* as total')
    const rows = await query
      .select('k.id', 'k.title', db.raw(`to_char(k.deadline, 'YYYY-MM-DD') as deadline`), 'k.target_mode', 'k.created_at', 'r.name as publisher_region', 'u.name as publisher_name',
        db.raw('(select count(*)::int from inspection_items i where i.task_id = k.id) as items'),
        db.raw('count(*)::int as targets'),
        db.raw(`count(*) filter (where t.state <> 'pending')::int as completed`),
        db.raw(`coalesce(sum(${PROBLEMS}), 0)::int as problems`),
        db.raw(`coalesce(sum(${RECTIFIED}), 0)::int as rectified_problems`))
      .orderBy('k.deadline', 'desc')
      .orderBy('k.id', 'desc')
      .limit(input.perPage)
      .offset((input.page - 1) * input.perPage)
    return { rows, total: Number(total) }
  }

  /** one task with its checklist and the counts of the user's scope; 404 when no target is in scope */
  async task(user: User, taskId: number) {
    const region = await userRegion(user)
    const { rows } = await this.listTasksById(region, taskId)
    if (rows.length === 0) throw new NotFoundInScope()
    const items = await db.from('inspection_items').where('task_id', taskId).orderBy('position').select('id', 'position', 'content', 'photo_required')
    return { ...rows[0], checklist: items }
  }

  private async listTasksById(region: Region, taskId: number) {
    const query = db
      .from('inspection_tasks as k')
      .join('inspection_targets as t', 't.task_id', 'k.id')
      .join('estates as e', 'e.id', 't.estate_id')
      .join('regions as r', 'r.id', 'k.region_id')
      .leftJoin('users as u', 'u.id', 'k.created_by')
      .where('k.id', taskId)
      .groupBy('k.id', 'r.name', 'u.name')
      .select('k.id', 'k.title', db.raw(`to_char(k.deadline, 'YYYY-MM-DD') as deadline`), 'k.target_mode', 'k.created_at', 'r.name as publisher_region', 'u.name as publisher_name',
        db.raw('(select count(*)::int from inspection_items i where i.task_id = k.id) as items'),
        db.raw('count(*)::int as targets'),
        db.raw(`count(*) filter (where t.state <> 'pending')::int as completed`),
        db.raw(`coalesce(sum(${PROBLEMS}), 0)::int as problems`),
        db.raw(`coalesce(sum(${RECTIFIED}), 0)::int as rectified_problems`))
    whereEstateIn(query, 'e', region)
    return { rows: await query }
  }

  /** a project manager's targets (the estates bound to them as project_manager), open ones first */
  async mine(user: User, input: { state?: InspectionTargetState; page: number; perPage: number }) {
    const estateIds = (await db.from('user_estates').where({ user_id: user.id, relation: 'project_manager' }).select('estate_id')).map((row) => Number(row.estate_id))
    const query = targetQuery(new EstateSet(estateIds), { state: input.state }, clock.today())
    query.clearOrder().orderByRaw(`case when t.state in ('pending', 'rectifying') then 0 else 1 end`).orderBy('k.deadline').orderBy('t.id', 'desc')
    const [{ total }] = await targetQuery(new EstateSet(estateIds), { state: input.state }, clock.today()).clearSelect().clearOrder().count('* as total')
    const rows = await query.limit(input.perPage).offset((input.page - 1) * input.perPage)
    return { rows, total: Number(total) }
  }

  /**
   * A target with its checklist and answers (photos): for a government reader inside its region, for an
   * estate-side account of the estate (the project manager fills it); otherwise 404.
   */
  async target(user: User, targetId: number) {
    const scope = await userScope(user)
    const row = await targetQuery(scope, {}, clock.today()).where('t.id', targetId).first()
    if (!row) throw new NotFoundInScope()
    const items = await db
      .from('inspection_items as i')
      .leftJoin('inspection_answers as a', (join) => join.on('a.item_id', 'i.id').andOnVal('a.target_id', targetId))
      .where('i.task_id', row.task_id)
      .orderBy('i.position')
      .select('i.id', 'i.position', 'i.content', 'i.photo_required', 'a.id as answer_id', 'a.result', 'a.description', 'a.measures', 'a.rectified',
        db.raw(`to_char(a.rectified_on, 'YYYY-MM-DD') as rectified_on`))
    const answerIds = items.map((item) => item.answer_id).filter(Boolean)
    const photos = answerIds.length
      ? await db.from('inspection_photos').whereIn('answer_id', answerIds).orderBy('id').select('id', 'answer_id', 'file_name', 'size_bytes')
      : []
    const canFill = isEstateSideRole(user.role) && (await this.isManager(user, row.estate_id))
    return { row, items, photos, canFill, today: clock.today() }
  }

  private async isManager(user: User, estateId: number, trx?: TransactionClientContract) {
    const found = await (trx ?? db).from('user_estates').where({ user_id: user.id, estate_id: estateId, relation: 'project_manager' }).first()
    return Boolean(found)
  }

  /**
   * The target for a change by its project manager, locked: 404 outside the user's estates, 403 for a
   * role that may not fill (the engine's rule), 404 when not its project manager, 422 after the deadline.
   */
  private async targetForChange(trx: TransactionClientContract, user: User, targetId: number, action: string) {
    const target = await trx
      .from('inspection_targets as t')
      .join('inspection_tasks as k', 'k.id', 't.task_id')
      .where('t.id', targetId)
      .forUpdate()
      .select('t.id', 't.task_id', 't.estate_id', 't.state', 't.version', db.raw(`to_char(k.deadline, 'YYYY-MM-DD') as deadline`))
      .first()
    if (!target) throw new NotFoundInScope()
    const scope = await userScope(user)
    if (!(scope instanceof EstateSet) || !scope.estateIds.includes(Number(target.estate_id))) throw new NotFoundInScope()
    if (!mayFire(process, action, user)) throw new TransitionNotAllowed(`您没有权限执行「${process.transitions[action].label}」`, 403)
    if (!(await this.isManager(user, target.estate_id, trx))) throw new NotFoundInScope()
    if (clock.today() > target.deadline) throw new TransitionNotAllowed(`该检查任务已于 ${target.deadline} 截止，不能再提交`)
    return target as { id: number; task_id: number; estate_id: number; state: InspectionTargetState; version: number; deadline: string }
  }

  /** checks one answer's own rules (field-level, Chinese) */
  private checkAnswer(answer: AnswerInput, index: number, photoRequired: boolean, today: string) {
    const at = `answers.${index}`
    if (photoRequired && !(answer.photos?.length)) refuse(`${at}.photos`, '该检查项须上传照片', 'required')
    if (answer.result === 'problem') {
      if (!answer.description?.trim()) refuse(`${at}.description`, '请填写问题描述', 'required')
      if (!answer.measures?.trim()) refuse(`${at}.measures`, '请填写整改措施', 'required')
      if (answer.rectified && !answer.rectified_on) refuse(`${at}.rectified_on`, '请填写整改完成日期', 'required')
      if (answer.rectified_on && answer.rectified_on > today) refuse(`${at}.rectified_on`, '整改完成日期不能晚于今天', 'date')
      if (!answer.rectified && answer.rectified_on) refuse(`${at}.rectified_on`, '整改未完成时不能填写整改完成日期', 'date')
    } else if (answer.rectified || answer.rectified_on) {
      refuse(`${at}.rectified`, '合格的检查项无需整改', 'inspection')
    }
  }

  /**
   * 提交: every checklist item answered once (合格 / 发现问题 with description, 整改措施, 整改完成 and
   * date; photos where required) → 已提交, or 整改中 when a problem is not rectified. One transaction.
   */
  async submit(user: User, targetId: number, input: { version: number; answers: AnswerInput[] }) {
    return db.transaction(async (trx) => {
      const target = await this.targetForChange(trx, user, targetId, 'submit')
      const items = await trx.from('inspection_items').where('task_id', target.task_id).orderBy('position').select('id', 'photo_required')
      const today = clock.today()
      const byItem = new Map<number, number>()
      input.answers.forEach((answer, index) => {
        if (!items.some((item) => item.id === answer.item_id)) refuse(`answers.${index}.item_id`, '检查项不属于该任务', 'inspection')
        if (byItem.has(answer.item_id)) refuse(`answers.${index}.item_id`, '同一检查项只能填写一次', 'distinct')
        byItem.set(answer.item_id, index)
      })
      const unanswered = items.findIndex((item) => !byItem.has(item.id))
      if (unanswered >= 0) refuse('answers', `第 ${unanswered + 1} 项检查内容尚未填写`, 'required')
      for (const item of items) {
        const index = byItem.get(item.id)!
        this.checkAnswer(input.answers[index], index, item.photo_required, today)
      }
      const staged = new Map<number, Awaited<ReturnType<typeof stagedAttachments>>>()
      for (const [index, answer] of input.answers.entries()) {
        if (!answer.photos?.length) continue
        try {
          staged.set(index, await stagedAttachments(answer.photos, user.id, PHOTO_FOLDER))
        } catch (error) {
          if (error instanceof vineErrors.E_VALIDATION_ERROR) refuse(`answers.${index}.photos`, '照片已失效，请重新上传', 'photo')
          throw error
        }
      }
      const open = input.answers.some((answer) => answer.result === 'problem' && !answer.rectified)
      const moved = await fire(trx, process, {
        subjectId: target.id,
        action: open ? 'submit_with_problems' : 'submit',
        actor: user,
        version: input.version,
        data: { problems: input.answers.filter((answer) => answer.result === 'problem').length },
        changes: { submitted_at: clock.now().toJSDate(), submitted_by: user.id, ...(open ? {} : {}) },
      })
      const now = clock.now().toJSDate()
      for (const [index, answer] of input.answers.entries()) {
        const [row] = await trx
          .table('inspection_answers')
          .insert({
            target_id: target.id,
            item_id: answer.item_id,
            result: answer.result,
            description: answer.description?.trim() ?? '',
            measures: answer.result === 'problem' ? answer.measures?.trim() ?? '' : '',
            rectified: answer.result === 'problem' ? Boolean(answer.rectified) : false,
            rectified_on: answer.result === 'problem' && answer.rectified ? answer.rectified_on : null,
            updated_at: now,
          })
          .returning('id')
        const photos = staged.get(index) ?? []
        if (photos.length) {
          await trx.table('inspection_photos').multiInsert(photos.map((photo) => ({
            answer_id: Number(row.id ?? row), file_name: photo.fileName, content_type: photo.contentType, size_bytes: photo.sizeBytes,
            storage_key: photo.storageKey, uploaded_by: user.id, created_at: now,
          })))
        }
      }
      await publishTargets(trx, [target.id])
      return moved
    })
  }

  /**
   * 整改: the problems' 整改完成 and dates (and 整改措施); every problem of the target must be rectified
   * (整改中 → 已整改). One transaction.
   */
  async rectify(user: User, targetId: number, input: { version: number; answers: { item_id: number; measures?: string; rectified_on: string }[] }) {
    return db.transaction(async (trx) => {
      const target = await this.targetForChange(trx, user, targetId, 'rectify')
      const problems = await trx.from('inspection_answers').where({ target_id: target.id, result: 'problem' }).select('id', 'item_id', 'rectified')
      const today = clock.today()
      const given = new Map<number, number>()
      input.answers.forEach((answer, index) => {
        if (!problems.some((problem) => problem.item_id === answer.item_id)) refuse(`answers.${index}.item_id`, '该检查项没有待整改的问题', 'inspection')
        if (given.has(answer.item_id)) refuse(`answers.${index}.item_id`, '同一检查项只能填写一次', 'distinct')
        if (answer.rectified_on > today) refuse(`answers.${index}.rectified_on`, '整改完成日期不能晚于今天', 'date')
        given.set(answer.item_id, index)
      })
      const missing = problems.find((problem) => !problem.rectified && !given.has(problem.item_id))
      if (missing) refuse('answers', '所有问题整改完成后才能提交整改结果', 'required')
      const moved = await fire(trx, process, { subjectId: target.id, action: 'rectify', actor: user, version: input.version, changes: { rectified_at: clock.now().toJSDate() } })
      for (const answer of input.answers) {
        await trx
          .from('inspection_answers')
          .where({ target_id: target.id, item_id: answer.item_id })
          .update({
            rectified: true,
            rectified_on: answer.rectified_on,
            ...(answer.measures?.trim() ? { measures: answer.measures.trim() } : {}),
            updated_at: clock.now().toJSDate(),
          })
      }
      await publishTargets(trx, [target.id])
      return moved
    })
  }

  /** the incomplete (待填报) targets of a task in a region and their active project managers */
  async incompleteManagers(taskId: number, region: Region | null) {
    const query = db
      .from('inspection_targets as t')
      .join('estates as e', 'e.id', 't.estate_id')
      .leftJoin('user_estates as ue', (join) => join.on('ue.estate_id', 't.estate_id').andOnVal('ue.relation', 'project_manager'))
      .leftJoin('users as u', (join) => join.on('u.id', 'ue.user_id').andOnVal('u.status', 'active'))
      .where('t.task_id', taskId)
      .where('t.state', 'pending')
      .select('t.id as target_id', 't.estate_id', 'u.id as user_id')
    if (region) whereEstateIn(query, 'e', region)
    return (await query) as { target_id: number; estate_id: number; user_id: number | null }[]
  }

  /**
   * 催办 (`inspections.remind`): one 催办 message to each project manager of the task's incomplete
   * estates in the user's region (once per recipient per task per day; all reminded already → 409 naming
   * when the last went; nothing incomplete → 422).
   */
  async remind(user: User, taskId: number): Promise<EstateReminderResult> {
    const region = await userRegion(user)
    const task = await this.task(user, taskId)
    if (clock.today() > task.deadline) throw new ReminderRefused(`该检查任务已于 ${task.deadline} 截止，不能再催办`)
    const rows = await this.incompleteManagers(taskId, region)
    const estates = new Set(rows.map((row) => row.estate_id))
    if (estates.size === 0) throw new ReminderRefused(`${region.name}的物业项目均已完成「${task.title}」的填报，无需催办`)
    const recipientIds = [...new Set(rows.filter((row) => row.user_id).map((row) => Number(row.user_id)))].sort((a, b) => a - b)
    const withoutManager = [...estates].filter((estateId) => !rows.some((row) => row.estate_id === estateId && row.user_id)).length
    if (recipientIds.length === 0) throw new ReminderRefused(`${region.name}未完成填报的 ${estates.size} 个物业项目均未设置项目经理账号，无法催办`)
    const result = await notify({
      reason: remindReason(taskId), kind: 'urge', module: 'inspections', recipientIds,
      title: `【催办】安全检查：${task.title}`,
      summary: `${region.name}催办：请在 ${task.deadline} 前完成「${task.title}」的安全检查填报。`,
      senderId: user.id,
    })
    const lastSentAt = result.skipped.reduce<any>((latest, row) => (!latest || row.lastSentAt > latest ? row.lastSentAt : latest), null)
    if (result.sent.length === 0) throw new ReminderRefused(alreadySentText(lastSentAt ?? clock.now(), '催办'), 409)
    const notes = [
      result.skipped.length > 0 ? `${result.skipped.length} 人今天已催办过，本次未重复发送` : '',
      withoutManager > 0 ? `${withoutManager} 个物业项目未设置项目经理账号` : '',
    ].filter(Boolean)
    return {
      estates: estates.size,
      estatesWithoutManager: withoutManager,
      sent: result.sent.length,
      skipped: result.skipped.length,
      lastSentAt: lastSentAt ? lastSentAt.toUTC().toISO() : null,
      message: `已催办 ${result.sent.length} 位项目经理完成 ${estates.size} 个物业项目的安全检查${notes.map((note) => `；${note}`).join('')}`,
    }
  }
}

/** the reason of a task's 催办 and automatic reminder: once per project manager per task per day */
export const remindReason = (taskId: number) => `inspections.remind:${taskId}`
