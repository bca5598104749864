import type { HttpContext } from '@adonisjs/core/http'
import { findRegionInScope } from '#services/region_scope'
import { streamExcel, type ExcelColumn } from '#services/excel_export'
import InspectionService from '#modules/inspections/inspection_service'
import { transformInspectionTask } from '#modules/inspections/inspection_transformer'
import { publishValidator, taskListValidator } from '#modules/inspections/inspection_validator'

type TaskRow = ReturnType<typeof transformInspectionTask>
const COLUMNS: ExcelColumn<TaskRow>[] = [
  { header: '检查任务', width: 30, value: (row) => row.title },
  { header: '截止日期', width: 12, value: (row) => row.deadline },
  { header: '发布单位', width: 14, value: (row) => row.publisherRegion },
  { header: '检查项', width: 8, value: (row) => row.items },
  { header: '目标项目', width: 10, value: (row) => row.targets },
  { header: '已完成填报', width: 10, value: (row) => row.completed },
  { header: '待填报', width: 10, value: (row) => row.pending },
  { header: '完成率', width: 10, value: (row) => `${(row.completionRate * 100).toFixed(2)}%` },
  { header: '发现问题', width: 10, value: (row) => row.problems },
  { header: '已整改问题', width: 10, value: (row) => row.rectifiedProblems },
]

/** 安全检查任务 (`inspection_tasks.*`): the tasks reaching the user's region, one task, 发布 and 催办. */
export default class InspectionTasksController {
  #service = new InspectionService()

  async index({ request, auth }: HttpContext) {
    const { page = 1, per_page = 20, ...filters } = await taskListValidator.validate(request.qs())
    const { rows, total } = await this.#service.listTasks(auth.getUserOrFail(), { ...filters, page, perPage: per_page })
    return { data: rows.map(transformInspectionTask), meta: { total, page, perPage: per_page } }
  }

  /** the tasks of the list's filters as an Excel download */
  async export(ctx: HttpContext) {
    const { page: _page, per_page: _perPage, ...filters } = await taskListValidator.validate(ctx.request.qs())
    const user = ctx.auth.getUserOrFail()
    // scope first (404) before anything streams
    await findRegionInScope(user, filters.region_id)
    const service = this.#service
    async function* rows() {
      for (let page = 1; ; page++) {
        const batch = (await service.listTasks(user, { ...filters, page, perPage: 500 })).rows
        for (const row of batch) yield transformInspectionTask(row)
        if (batch.length < 500) return
      }
    }
    await streamExcel<TaskRow>(ctx, '安全检查任务', '安全检查任务', COLUMNS, rows())
  }

  async show({ params, auth }: HttpContext) {
    const task = await this.#service.task(auth.getUserOrFail(), Number(params.id))
    return {
      data: {
        ...transformInspectionTask(task),
        checklist: task.checklist.map((item: any) => ({ id: Number(item.id), position: Number(item.position), content: item.content as string, photoRequired: Boolean(item.photo_required) })),
      },
      meta: {},
    }
  }

  /** 发布任务: the targets are resolved now, inside the publisher's region */
  async store({ request, auth, response }: HttpContext) {
    const input = await request.validateUsing(publishValidator)
    const user = auth.getUserOrFail()
    const id = await this.#service.publish(user, input)
    const task = await this.#service.task(user, id)
    response.status(201)
    return { data: transformInspectionTask(task), meta: {} }
  }

  /** 催办 the project managers of the task's incomplete estates in the user's region (once a day) */
  async remind({ params, auth }: HttpContext) {
    return { data: await this.#service.remind(auth.getUserOrFail(), Number(params.id)), meta: {} }
  }
}
