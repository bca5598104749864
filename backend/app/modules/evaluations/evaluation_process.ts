/**
 * 街道社区评价 (module 13) as a declared process: community staff score, the street handler reviews.
 * Registered in backend/app/workflows/index.ts; its jobs and inbox hook live one per file beside it.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { defineProcess, type TodoDescription } from '#workflows/process'
import { periodLabel } from '#modules/evaluations/evaluation_periods'
import { refreshEvaluationTodos } from '#modules/evaluations/refresh_evaluation_todos'
import { syncEvaluationPeriodsJob } from '#modules/evaluations/sync_evaluation_periods'
import { processDeclaration, type EvaluationHalf } from '@szpm/core'

const COMMUNITY_STAFF = ['community_head', 'community_handler'] as const

export const evaluationProcess = defineProcess({
  // name, 事项类型 label and the page a to-do opens: declared once in core/src/modules/evaluations.ts
  ...processDeclaration('evaluation'),
  table: 'evaluations',
  states: {
    pending: { label: '待评价', todo: { roles: COMMUNITY_STAFF, feature: 'evaluations.handle' } },
    submitted: { label: '待审核', todo: { roles: ['street_handler'], feature: 'evaluations.handle' } },
    reviewed: { label: '已审核' },
    auto_scored: { label: '自动计分' },
  },
  transitions: {
    open: { label: '开始评价', from: [], to: 'pending', by: 'system' },
    submit: {
      label: '提交审核',
      from: ['pending'],
      to: 'submitted',
      by: { roles: COMMUNITY_STAFF, feature: 'evaluations.handle' },
      requires: { scores: '评分' },
    },
    review: {
      label: '审核',
      from: ['submitted'],
      to: 'reviewed',
      by: { roles: ['street_handler'], feature: 'evaluations.handle' },
      requires: { scores: '审核评分', opinion: '审核意见' },
    },
    auto_score: { label: '自动计分', from: ['pending', 'submitted'], to: 'auto_scored', by: 'system' },
  },

  async describeTodos(trx: TransactionClientContract, ids: number[], state) {
    const rows = await trx
      .from('evaluations as ev')
      .join('estates as e', 'e.id', 'ev.estate_id')
      .join('regions as c', 'c.id', 'e.community_id')
      .join('evaluation_periods as p', (join) => join.on('p.year', 'ev.year').andOn('p.half', 'ev.half'))
      .whereIn('ev.id', ids)
      .select('ev.id', 'ev.year', 'ev.half', 'ev.submitted_score', 'e.name as estate_name', 'e.community_id', 'e.street_id',
        'c.name as community_name', trx.raw(`to_char(p.closes_on, 'YYYY-MM-DD') as closes_on`))
    const todos = new Map<number, TodoDescription>()
    for (const row of rows) {
      const period = periodLabel({ year: row.year, half: row.half as EvaluationHalf })
      todos.set(
        row.id,
        state === 'pending'
          ? { title: `${row.estate_name} ${period}评价`, summary: `${row.community_name} · 待社区评分`, regionId: row.community_id, dueOn: row.closes_on }
          : { title: `${row.estate_name} ${period}评价审核`, summary: `${row.community_name} · 社区评分 ${Number(row.submitted_score)}`, regionId: row.street_id, dueOn: row.closes_on }
      )
    }
    return todos
  },

  // the window opens and auto-scores on a schedule; the inbox opens today's window on demand
  jobs: [syncEvaluationPeriodsJob],
  inbox: { refresh: refreshEvaluationTodos },
})
