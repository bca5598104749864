/**
 * 纠纷化解台账 (module 22) as a declared process: the city or district bureau enters a dispute and
 * transfers it (转办) to the estate's street; the street handles it (处理, any number of times) and
 * applies to close it (申请办结); the bureau confirms (确认办结) or returns it (退回) to the street.
 * Registered in backend/app/workflows/index.ts.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { defineProcess, type TodoDescription } from '#workflows/process'
import { DISPUTE_STATES, DISPUTE_TYPES, processDeclaration, type DisputeState, type DisputeType } from '@szpm/core'

const BUREAU = ['city_admin', 'district_admin'] as const
const STREET = ['street_head', 'street_handler'] as const

export const disputeProcess = defineProcess({
  // name, 事项类型 label and the page a to-do opens: declared once in core/src/modules/disputes.ts
  ...processDeclaration('dispute'),
  table: 'disputes',
  states: {
    registered: { label: DISPUTE_STATES.registered, todo: { roles: BUREAU, feature: 'disputes.manage' } },
    transferred: { label: DISPUTE_STATES.transferred, todo: { roles: STREET, feature: 'disputes.handle' } },
    handling: { label: DISPUTE_STATES.handling, todo: { roles: STREET, feature: 'disputes.handle' } },
    closing: { label: DISPUTE_STATES.closing, todo: { roles: BUREAU, feature: 'disputes.manage' } },
    closed: { label: DISPUTE_STATES.closed },
  } satisfies Record<DisputeState, unknown>,
  transitions: {
    register: { label: '录入', from: [], to: 'registered', by: { roles: BUREAU, feature: 'disputes.manage' } },
    transfer: { label: '转办', from: ['registered'], to: 'transferred', by: { roles: BUREAU, feature: 'disputes.manage' } },
    handle: {
      label: '处理',
      from: ['transferred', 'handling'],
      to: 'handling',
      by: { roles: STREET, feature: 'disputes.handle' },
      requires: { handled_on: '处理日期', measures: '处理措施', progress: '处理情况' },
    },
    apply_close: {
      label: '申请办结',
      from: ['handling'],
      to: 'closing',
      by: { roles: STREET, feature: 'disputes.handle' },
      requires: { result: '办结情况' },
    },
    confirm_close: { label: '确认办结', from: ['closing'], to: 'closed', by: { roles: BUREAU, feature: 'disputes.manage' } },
    return: {
      label: '退回',
      from: ['closing'],
      to: 'handling',
      by: { roles: BUREAU, feature: 'disputes.manage' },
      requires: { opinion: '退回意见' },
    },
  },

  /** the street's to-dos are addressed to the street, the bureau's to the region that entered the dispute */
  async describeTodos(trx: TransactionClientContract, ids: number[], state) {
    const rows = await trx
      .from('disputes as d')
      .join('estates as e', 'e.id', 'd.estate_id')
      .join('regions as s', 's.id', 'd.street_id')
      .whereIn('d.id', ids)
      .select('d.id', 'd.title', 'd.dispute_type', 'd.street_id', 'd.bureau_region_id', 'e.name as estate_name', 's.name as street_name')
    const todos = new Map<number, TodoDescription>()
    for (const row of rows) {
      const type = DISPUTE_TYPES[row.dispute_type as DisputeType]
      const forStreet = state === 'transferred' || state === 'handling'
      const summary = {
        registered: `${row.estate_name} · ${type} · 待转办`,
        transferred: `${row.estate_name} · ${type} · 已转办至本街道`,
        handling: `${row.estate_name} · ${type} · 处理中`,
        closing: `${row.street_name} · ${row.estate_name} · 申请办结`,
        closed: null,
      }[state as DisputeState]
      todos.set(row.id, {
        title: `纠纷：${row.title}`,
        summary,
        regionId: forStreet ? row.street_id : row.bureau_region_id,
        dueOn: null,
      })
    }
    return todos
  },
})
