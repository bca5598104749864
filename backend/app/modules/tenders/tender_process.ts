/**
 * 招标文件备案 (module 21) as a declared process (domain-rules.md §3): the tenderer files, the street
 * handler does 初审 (拟同意 / 拟不同意), the street head 终审 (同意 / 不同意 / 返回上一级). 不同意 returns the
 * filing to its tenderer (a new round starts when it is resubmitted); 返回上一级 returns it to 初审
 * within the same round. Registered in backend/app/workflows/index.ts.
 *
 * The tenderer is the estate's owners' committee director (estate-side account, `estates.own`), or —
 * for 前期物业管理招标 — the developer, whose filing a street handler registers and resubmits on its
 * behalf (developers have no account). The service checks that the acting tenderer matches the filing.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { defineProcess, type ProcessDefinition, type TodoDescription } from '#workflows/process'
import { remindTendersJob } from '#modules/tenders/remind_tenders'
import { processDeclaration, type TenderState } from '@szpm/core'

const DIRECTOR = { roles: ['committee_director'], feature: 'estates.own' } as const
const HANDLER = { roles: ['street_handler'], feature: 'tenders.handle' } as const
const HEAD = { roles: ['street_head'], feature: 'tenders.approve' } as const

/** the to-do step raised for the city admin when a filing's round touches a year the calendar lacks (never a state) */
export const CALENDAR_MISSING_STEP = 'calendar_missing' as const

export const tenderProcess = defineProcess<TenderState | typeof CALENDAR_MISSING_STEP, string>({
  // name, 事项类型 label and the page a to-do opens: declared once in core/src/modules/tenders.ts
  ...processDeclaration('tender'),
  table: 'tenders',
  states: {
    first_review: { label: '待初审', todo: HANDLER },
    final_review: { label: '待终审', todo: HEAD },
    rejected: { label: '已退回待修改', todo: DIRECTOR },
    approved: { label: '已备案' },
    // a to-do step only (the city admin loads the missing calendar year); no filing is ever in it
    calendar_missing: { label: '节假日日历缺失' },
  },
  transitions: {
    submit: { label: '提交备案', from: [], to: 'first_review', by: DIRECTOR },
    register: { label: '代建设单位登记备案', from: [], to: 'first_review', by: HANDLER },
    resubmit: { label: '修改后重新提交', from: ['rejected'], to: 'first_review', by: DIRECTOR },
    resubmit_on_behalf: { label: '代建设单位重新提交', from: ['rejected'], to: 'first_review', by: HANDLER },
    propose_approve: { label: '初审：拟同意', from: ['first_review'], to: 'final_review', by: HANDLER },
    propose_reject: { label: '初审：拟不同意', from: ['first_review'], to: 'final_review', by: HANDLER, requires: { remark: '初审意见' } },
    approve: { label: '终审：同意', from: ['final_review'], to: 'approved', by: HEAD },
    reject: { label: '终审：不同意', from: ['final_review'], to: 'rejected', by: HEAD, requires: { remark: '终审意见' } },
    send_back: { label: '终审：返回上一级', from: ['final_review'], to: 'first_review', by: HEAD, requires: { remark: '终审意见' } },
  },

  async describeTodos(trx: TransactionClientContract, ids: number[], state) {
    const rows = await trx
      .from('tenders as t')
      .join('estates as e', 'e.id', 't.estate_id')
      .whereIn('t.id', ids)
      .select('t.id', 't.estate_id', 't.filing_no', 't.title', 't.tenderer_kind', 't.round', 'e.name as estate_name', 'e.community_id', 'e.street_id')
    const todos = new Map<number, TodoDescription>()
    for (const row of rows) {
      const title = `${row.estate_name}「${row.title}」招标文件备案`
      const round = row.round > 1 ? ` · 第${row.round}轮` : ''
      if (state === 'first_review') todos.set(row.id, { title, summary: `${row.filing_no} · 待初审${round}`, regionId: row.street_id, dueOn: null })
      else if (state === 'final_review') todos.set(row.id, { title, summary: `${row.filing_no} · 待终审${round}`, regionId: row.street_id, dueOn: null })
      else if (row.tenderer_kind === 'developer') {
        // developers have no account: the street handler who registers for them amends and resubmits
        todos.set(row.id, { title, summary: `${row.filing_no} · 终审不同意，待代建设单位修改后重新提交`, regionId: row.street_id, dueOn: null, addressee: HANDLER })
      } else todos.set(row.id, { title, summary: `${row.filing_no} · 终审不同意，待修改后重新提交`, regionId: row.community_id, estateId: row.estate_id, dueOn: null })
    }
    return todos
  },

  // the reviewer holding a filing is reminded at the end of its round's working day 4; an unknown calendar year raises the city admin's to-do
  jobs: [remindTendersJob],
})

/** the process as the engine takes it (the engine is typed by plain strings) */
export const tenderWorkflow = tenderProcess as unknown as ProcessDefinition
