import type { HttpContext } from '@adonisjs/core/http'
import InspectionService from '#modules/inspections/inspection_service'
import { transformInspectionTask } from '#modules/inspections/inspection_transformer'
import { publishValidator, taskListValidator } from '#modules/inspections/inspection_validator'

/** 安全检查任务 (`inspection_tasks.*`): the tasks reaching the user's region, one task, 发布 and 催办. */
export default class InspectionTasksController {
  #service = new InspectionService()

  async index({ request, auth }: HttpContext) {
    const { page = 1, per_page = 20, ...filters } = await taskListValidator.validate(request.qs())
    const { rows, total } = await this.#service.listTasks(auth.getUserOrFail(), { ...filters, page, perPage: per_page })
    return { data: rows.map(transformInspectionTask), meta: { total, page, perPage: per_page } }
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
