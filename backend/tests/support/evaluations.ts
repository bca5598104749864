import db from '@adonisjs/lucid/services/db'
import clock from '#services/clock'
import EvaluationPeriodService from '#modules/evaluations/evaluation_period_service'
import { E, TEMPLATE } from '#tests/support/world'

/** full marks on every item of the world's template, with optional changes */
export function scores(overrides: Record<string, number> = {}) {
  return { ...Object.fromEntries(TEMPLATE.items.map((item) => [item.key, item.maxScore])), ...overrides }
}

/** moves the clock to a Shenzhen time and opens the window containing it (as the job would) */
export async function at(moment: string) {
  clock.travelTo(moment)
  const service = new EvaluationPeriodService()
  return service.sync()
}

/** the evaluation row of an estate for a half-year */
export async function evaluationOf(estateId: number, year = 2026, half = 1) {
  return db.from('evaluations').where({ estate_id: estateId, year, half }).firstOrFail()
}

export async function workflowCounts() {
  const [events, todos, evaluations, outbox] = await Promise.all([
    db.from('workflow_events').count('* as n').first(),
    db.from('todos').count('* as n').first(),
    db.from('evaluations').select(db.raw(`string_agg(id || ':' || state || ':' || version, ',' ORDER BY id) AS s`)).first(),
    db.from('outbox_events').count('* as n').first(),
  ])
  return { events: Number(events.n), todos: Number(todos.n), evaluations: evaluations.s, outbox: Number(outbox.n) }
}

export { E }
