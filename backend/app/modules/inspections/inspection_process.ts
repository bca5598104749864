/**
 * 安全检查 (module 15): a task's target estate as a declared process. Publishing creates one target per
 * estate (待填报) with a to-do for the estate's 项目经理; the 项目经理 submits the checklist — 已提交 when
 * no problem is left unrectified, else 整改中 (a new to-do) — and reports the rectification (已整改).
 * Nothing moves after the task's deadline (the service refuses with 422). Registered in
 * backend/app/workflows/index.ts.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { defineProcess, type ProcessDefinition, type TodoDescription } from '#workflows/process'
import { remindInspectionsJob } from '#modules/inspections/remind_inspections'
import { processDeclaration, type InspectionTargetState } from '@szpm/core'

/** the target estate's 项目经理 (estate-side account bound to the estate; the service checks the binding) */
export const PROJECT_MANAGER = { roles: ['project_manager'], feature: 'estates.own' } as const
/** the city or district bureau */
export const PUBLISHER = { roles: ['city_admin', 'district_admin'], feature: 'inspections.manage' } as const

export const inspectionProcess = defineProcess<InspectionTargetState, string>({
  // name, 事项类型 label and the page a to-do opens: declared once in core/src/modules/inspections.ts
  ...processDeclaration('inspection'),
  table: 'inspection_targets',
  states: {
    pending: { label: '待填报', todo: PROJECT_MANAGER },
    submitted: { label: '已提交' },
    rectifying: { label: '整改中', todo: PROJECT_MANAGER },
    rectified: { label: '已整改' },
  },
  transitions: {
    publish: { label: '发布检查任务', from: [], to: 'pending', by: PUBLISHER },
    submit: { label: '提交检查结果', from: ['pending'], to: 'submitted', by: PROJECT_MANAGER },
    submit_with_problems: { label: '提交检查结果（有待整改问题）', from: ['pending'], to: 'rectifying', by: PROJECT_MANAGER },
    rectify: { label: '提交整改结果', from: ['rectifying'], to: 'rectified', by: PROJECT_MANAGER },
  },

  async describeTodos(trx: TransactionClientContract, ids: number[], state) {
    const todos = new Map<number, TodoDescription>()
    for (let start = 0; start < ids.length; start += 5000) {
      const rows = await trx
        .from('inspection_targets as t')
        .join('inspection_tasks as k', 'k.id', 't.task_id')
        .join('estates as e', 'e.id', 't.estate_id')
        .whereIn('t.id', ids.slice(start, start + 5000))
        .select('t.id', 't.estate_id', 'k.title', 'e.name as estate_name', 'e.community_id', trx.raw(`to_char(k.deadline, 'YYYY-MM-DD') as deadline`))
      for (const row of rows) {
        const title = `${row.estate_name}「${row.title}」安全检查`
        const summary = state === 'pending' ? `请在 ${row.deadline} 前填报检查结果` : `有发现的问题尚未整改，请在 ${row.deadline} 前提交整改结果`
        todos.set(row.id, { title, summary, regionId: row.community_id, estateId: row.estate_id, dueOn: row.deadline })
      }
    }
    return todos
  },

  // the incomplete targets' project managers are reminded the working day before the deadline
  jobs: [remindInspectionsJob],
})

/** the process as the engine takes it (the engine is typed by plain strings) */
export const inspectionWorkflow = inspectionProcess as unknown as ProcessDefinition
