import { DateTime } from 'luxon'
import { ZONE } from '#services/clock'
import { AUTO_SCORE, hasClosed, isWithinWindow, periodLabel, startedPeriods, windowOf, type PeriodKey } from '#modules/evaluations/evaluation_periods'
import type { CopyValue } from './copy.ts'
import type { DataGenerator } from './types.ts'
import type { EvaluationTemplateItem } from '@szpm/core'

/** how many ended half-years of history the demo has (newest first) */
const CLOSED_PERIODS = 3

interface Actor { id: number | null; name: string; role: string }

/**
 * 街道社区评价 history: for the last ended half-years every estate was scored by its community and
 * mostly reviewed by its street; the rest were auto-scored 100 at window close. When today is inside
 * a window (e.g. `SZPM_CLOCK=2026-12-10T10:00:00+08:00`), that window is open with work waiting in
 * the inboxes. Histories and to-dos are written exactly as the workflow engine would leave them.
 */
export const evaluations: DataGenerator = {
  name: 'evaluations',
  description: '街道社区评价: half-year evaluations with their workflow history and to-dos',
  tables: ['todos', 'workflow_events', 'evaluations', 'evaluation_periods'],
  async run(ctx) {
    const r = ctx.random()
    const { client } = ctx
    // the generator's clock: today in Shenzhen, and no step, record or to-do after `now`
    const today = DateTime.fromJSDate(ctx.now, { zone: ZONE }).toISODate()!
    const notAfterNow = (when: Date) => (when.getTime() > ctx.now.getTime() ? new Date(ctx.now.getTime()) : when)
    const template = (await client.query(`SELECT id, items FROM evaluation_templates WHERE status = 'active' LIMIT 1`)).rows[0]
    if (!template) throw new Error('no active evaluation template (migration 0009 seeds one)')
    const items = template.items as EvaluationTemplateItem[]

    // the people who act: demo accounts where they exist, else a named stand-in (no account)
    const users = (await client.query(`SELECT id, name, role, region_id FROM users WHERE role IN ('community_handler', 'community_head', 'street_handler')`)).rows
    const communityStaff = new Map<number, Actor>(users.filter((u) => u.role !== 'street_handler').map((u) => [u.region_id, u]))
    const streetHandlers = new Map<number, Actor>(users.filter((u) => u.role === 'street_handler').map((u) => [u.region_id, u]))
    const scorer = (communityId: number, communityName: string): Actor =>
      communityStaff.get(communityId) ?? { id: null, name: `${communityName}经办人`, role: 'community_handler' }
    const reviewer = (streetId: number): Actor => streetHandlers.get(streetId) ?? { id: null, name: '街道经办人', role: 'street_handler' }

    const closed = startedPeriods(today, CLOSED_PERIODS + 1).filter((p) => hasClosed(p, today)).slice(0, CLOSED_PERIODS)
    const open = startedPeriods(today, 1).find((p) => isWithinWindow(p, today))
    const periods: { period: PeriodKey; isOpen: boolean }[] = [
      ...closed.reverse().map((period) => ({ period, isOpen: false })),
      ...(open ? [{ period: open, isOpen: true }] : []),
    ]

    const randomScores = () => Object.fromEntries(items.map((item) => [item.key, Math.round(item.maxScore * (0.6 + r.next() * 0.4) * 2) / 2]))
    const total = (scores: Record<string, number>) =>
      Math.round(items.reduce((sum, item) => sum + (scores[item.key] / item.maxScore) * item.weight, 0) * 100) / 100
    const at = (date: string, hour: number) => notAfterNow(new Date(`${date}T${String(hour).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}:00+08:00`))
    const dayIn = (opensOn: string, last: number) => `${opensOn.slice(0, 8)}${String(r.int(1, last)).padStart(2, '0')}`

    const periodRows: CopyValue[][] = []
    const evaluationRows: CopyValue[][] = []
    const eventRows: CopyValue[][] = []
    const todoRows: CopyValue[][] = []
    let nextId = await ctx.firstId('evaluations')
    const bar = ctx.progress.start('evaluations', periods.length * ctx.state.estates.length, 'evaluations')
    const estates = (await client.query(
      `SELECT e.id, e.name, e.community_id, e.street_id, c.name AS community_name FROM estates e JOIN regions c ON c.id = e.community_id ORDER BY e.id`
    )).rows

    for (const { period, isOpen } of periods) {
      const { opensOn, closesOn } = windowOf(period)
      const label = periodLabel(period)
      const closedAt = isOpen ? null : notAfterNow(new Date(`${closesOn}T16:00:30Z`)) // 00:00:30 the next day in Shenzhen
      periodRows.push([period.year, period.half, opensOn, closesOn, template.id, at(opensOn, 0), closedAt])
      const lastDay = isOpen ? Math.max(1, Number(today.slice(8, 10))) : 30
      for (const estate of estates) {
        const id = nextId++
        const event = (action: string, from: string | null, to: string, actor: Actor | null, when: Date, remark: string | null, data: object = {}) =>
          eventRows.push(['evaluation', id, action, from, to, actor?.id ?? null, actor?.name ?? null, actor?.role ?? null, remark, JSON.stringify(data), when])
        const todo = (step: string, title: string, summary: string, regionId: number, roles: string, created: Date, closedAtTime: Date | null, closedBy: number | null, outcome: string | null) =>
          todoRows.push(['evaluation', id, step, title, summary, regionId, roles, 'evaluations.handle', closesOn, created, closedAtTime, closedBy, outcome])
        const openedAt = at(opensOn, 0)
        event('open', null, 'pending', null, openedAt, null)
        const fate = r.next()
        // open window: 40% still pending, 40% waiting for review, 20% reviewed; ended: 80% reviewed, 8% submitted only, 12% never scored
        const submitted = isOpen ? fate >= 0.4 : fate < 0.88
        const reviewed = isOpen ? fate >= 0.8 : fate < 0.8
        const pendingTitle = `${estate.name} ${label}评价`
        const pendingSummary = `${estate.community_name} · 待社区评分`
        let stateCode = 'pending'
        let submittedScores: Record<string, number> | null = null
        let submittedScore: number | null = null
        let submittedAt: Date | null = null
        let submitter: Actor | null = null
        let reviewedScores: Record<string, number> | null = null
        let finalScore: number | null = null
        let reviewedAt: Date | null = null
        let reviewerActor: Actor | null = null
        let opinion: string | null = null
        if (submitted) {
          submitter = scorer(estate.community_id, estate.community_name)
          submittedScores = randomScores()
          submittedScore = total(submittedScores)
          const day = dayIn(opensOn, Math.max(1, lastDay - (reviewed ? 2 : 0)))
          submittedAt = at(day, r.int(9, 17))
          event('submit', 'pending', 'submitted', submitter, submittedAt, null, { scores: submittedScores, score: submittedScore })
          todo('pending', pendingTitle, pendingSummary, estate.community_id, '{community_head,community_handler}', openedAt, submittedAt, submitter.id, 'done')
          stateCode = 'submitted'
        } else {
          todo('pending', pendingTitle, pendingSummary, estate.community_id, '{community_head,community_handler}', openedAt, closedAt, null, isOpen ? null : 'expired')
        }
        if (submitted) {
          const reviewTitle = `${estate.name} ${label}评价审核`
          const reviewSummary = `${estate.community_name} · 社区评分 ${submittedScore}`
          if (reviewed) {
            reviewerActor = reviewer(estate.street_id)
            reviewedScores = { ...submittedScores! }
            const rescored: string[] = []
            if (r.chance(0.3)) {
              const item = r.pick(items)
              reviewedScores[item.key] = Math.max(0, reviewedScores[item.key] - 0.5 * r.int(1, 4))
              rescored.push(item.key)
            }
            finalScore = total(reviewedScores)
            reviewedAt = notAfterNow(new Date(submittedAt!.getTime() + r.int(1, 48) * 3600_000))
            opinion = rescored.length > 0 ? '经现场核查，调整部分评分' : '同意社区评分'
            event('review', 'submitted', 'reviewed', reviewerActor, reviewedAt, opinion, { scores: reviewedScores, score: finalScore, rescored, opinion })
            todo('submitted', reviewTitle, reviewSummary, estate.street_id, '{street_handler}', submittedAt!, reviewedAt, reviewerActor.id, 'done')
            stateCode = 'reviewed'
          } else {
            todo('submitted', reviewTitle, reviewSummary, estate.street_id, '{street_handler}', submittedAt!, closedAt, null, isOpen ? null : 'expired')
          }
        }
        if (!isOpen && stateCode !== 'reviewed') {
          event('auto_score', stateCode, 'auto_scored', null, closedAt!, '评价期结束未完成审核，按规定自动计100分')
          stateCode = 'auto_scored'
          finalScore = AUTO_SCORE
        }
        const version = 1 + (submitted ? 1 : 0) + (reviewed && submitted ? 1 : 0) + (stateCode === 'auto_scored' ? 1 : 0)
        evaluationRows.push([
          id, estate.id, period.year, period.half, template.id, stateCode,
          submittedScores ? JSON.stringify(submittedScores) : null, submittedScore, null, submitter?.id ?? null, submittedAt,
          reviewedScores ? JSON.stringify(reviewedScores) : null, finalScore, opinion, reviewerActor?.id ?? null, reviewedAt,
          version, openedAt, reviewedAt ?? closedAt ?? submittedAt ?? openedAt,
        ])
      }
      bar.increment(estates.length)
    }
    bar.stop()
    await ctx.copy('evaluation_periods', ['year', 'half', 'opens_on', 'closes_on', 'template_id', 'opened_at', 'closed_at'], periodRows)
    const written = await ctx.copy('evaluations', [
      'id', 'estate_id', 'year', 'half', 'template_id', 'state', 'submitted_scores', 'submitted_score', 'submit_remark', 'submitted_by',
      'submitted_at', 'reviewed_scores', 'final_score', 'review_opinion', 'reviewed_by', 'reviewed_at', 'version', 'created_at', 'updated_at',
    ], evaluationRows)
    await ctx.syncSequence('evaluations')
    const events = await ctx.copy('workflow_events', ['process', 'subject_id', 'action', 'from_state', 'to_state', 'actor_id', 'actor_name', 'actor_role', 'remark', 'data', 'created_at'], eventRows)
    const todos = await ctx.copy('todos', ['process', 'subject_id', 'step', 'title', 'summary', 'region_id', 'roles', 'feature', 'due_on', 'created_at', 'closed_at', 'closed_by', 'outcome'], todoRows)
    return { evaluation_periods: periodRows.length, evaluations: written, workflow_events: events, todos }
  },
}
