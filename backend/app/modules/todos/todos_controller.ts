import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import TodoService from '#modules/todos/todo_service'
import { todoListValidator } from '#modules/todos/todo_validator'
import { transformTodo } from '#modules/todos/todo_transformer'
import { excelTime, pagedRows, streamExcel } from '#services/excel_export'
import type { TodoRow } from '@szpm/core'

/** 待办事项 (module 4): 待办 / 已办 lists, badge counts and the Excel export. */
@inject()
export default class TodosController {
  constructor(private todos: TodoService) {}

  async index({ request, auth }: HttpContext) {
    const input = await request.validateUsing(todoListValidator, { data: request.qs() })
    const result = await this.todos.list(auth.getUserOrFail(), input)
    const left = await this.todos.workingDaysLeft(result.rows.map((row) => row.due_on))
    return {
      data: result.rows.map((row) => transformTodo(row, left)),
      meta: { total: result.total, page: result.page, perPage: result.perPage },
    }
  }

  async counts({ auth }: HttpContext) {
    return { data: await this.todos.counts(auth.getUserOrFail()), meta: {} }
  }

  async export(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(todoListValidator, { data: ctx.request.qs() })
    const user = ctx.auth.getUserOrFail()
    const tab = input.tab ?? 'pending'
    const { rows } = await pagedRows(
      (page) => this.todos.list(user, { ...input, page, per_page: 200 }),
      async (batch) => {
        const left = await this.todos.workingDaysLeft(batch.rows.map((row) => row.due_on))
        return batch.rows.map((row) => transformTodo(row, left))
      }
    )
    const columns = [
      { header: '事项类型', value: (r: TodoRow) => r.processName },
      { header: '事项', width: 40, value: (r: TodoRow) => r.title },
      { header: '说明', width: 32, value: (r: TodoRow) => r.summary },
      { header: '环节', value: (r: TodoRow) => r.stepName },
      { header: '所属区域', width: 20, value: (r: TodoRow) => r.regionName },
      { header: '到达时间', width: 20, value: (r: TodoRow) => excelTime(r.createdAt) },
      { header: '办理期限', value: (r: TodoRow) => r.dueOn },
    ]
    const extra = tab === 'pending'
      ? [{ header: '剩余工作日', value: (r: TodoRow) => r.workingDaysLeft }]
      : [
          { header: '办理人', value: (r: TodoRow) => r.closedByName },
          { header: '办结时间', width: 20, value: (r: TodoRow) => excelTime(r.closedAt) },
          { header: '结果', value: (r: TodoRow) => r.outcomeName },
        ]
    await streamExcel<TodoRow>(ctx, tab === 'pending' ? '待办事项' : '已办事项', tab === 'pending' ? '待办' : '已办', [...columns, ...extra], rows)
  }
}
