/**
 * 居代业 (module 23, domain-rules §8) as a declared process: the street starts it for an estate
 * without a working owners' committee (意见征集), then 不启动 (→ 已结束) or 指定 (→ 代行中), and 终止
 * (→ 已结束). The service publishes each step's announcement through 信息公开 in the same
 * transaction. Registered in backend/app/workflows/index.ts.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { defineProcess, type TodoDescription } from '#workflows/process'
import { processDeclaration } from '@szpm/core'
import { refreshProxyGovernanceTodos } from '#modules/proxy_governance/refresh_proxy_governance_todos'

const STREET = ['street_head', 'street_handler'] as const
const HANDLE = { roles: STREET, feature: 'proxy_governance.handle' }

export const proxyGovernanceProcess = defineProcess({
  // name, 事项类型 label and the page a to-do opens: declared once in core/src/modules/proxy_governance.ts
  ...processDeclaration('proxy_governance'),
  table: 'proxy_governances',
  states: {
    collecting: { label: '意见征集', todo: { roles: STREET, feature: 'proxy_governance.handle' } },
    acting: { label: '代行中' },
    ended: { label: '已结束' },
  },
  transitions: {
    start: { label: '发起居代业', from: [], to: 'collecting', by: HANDLE, requires: { reason: '发起原因', content: '公告内容' } },
    decline: { label: '不启动', from: ['collecting'], to: 'ended', by: HANDLE, requires: { remark: '不启动说明', content: '公告内容' } },
    appoint: { label: '指定', from: ['collecting'], to: 'acting', by: HANDLE, requires: { agent: '代行主体', remark: '指定说明', content: '公告内容' } },
    terminate: { label: '终止', from: ['acting'], to: 'ended', by: HANDLE, requires: { remark: '终止原因', content: '公告内容' } },
  },

  async describeTodos(trx: TransactionClientContract, ids: number[]) {
    const rows = await trx
      .from('proxy_governances as g')
      .join('estates as e', 'e.id', 'g.estate_id')
      .join('regions as c', 'c.id', 'e.community_id')
      .whereIn('g.id', ids)
      .select('g.id', 'e.name as estate_name', 'e.street_id', 'c.name as community_name')
    const todos = new Map<number, TodoDescription>()
    for (const row of rows) {
      todos.set(row.id, { title: `${row.estate_name} 居代业意见征集`, summary: `${row.community_name} · 待决定不启动或指定`, regionId: row.street_id, dueOn: null })
    }
    return todos
  },

  // an owners' committee formed while 代行中: the street's to-do to 终止 (opened before the inbox is read)
  inbox: { refresh: refreshProxyGovernanceTodos },
})
