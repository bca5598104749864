import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import clock from '#services/clock'
import { E, USERS, resetWorld } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { at, evaluationOf, scores } from '#tests/support/evaluations'

/** The review page's 提交人 / 审核人 are the people its history names. */
test.group('街道社区评价 · 提交人 and 审核人 on the evaluation', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    return () => clock.reset()
  })

  test('submitted through the API: the detail and the list name the submitter', async ({ client, assert }) => {
    await at('2026-06-15T10:00:00+08:00')
    const row = await evaluationOf(E.e1)
    const submitted = await client.visit('api.evaluations.submit', { id: row.id })
      .json({ version: row.version, scores: scores() }).loginAs(await actor('community')).withCsrfToken()
    submitted.assertStatus(200)
    const detail = await client.visit('api.evaluations.show', { id: row.id }).loginAs(await actor('handler'))
    detail.assertStatus(200)
    assert.equal(detail.body().data.submittedByName, USERS.community.name)
    const submit = detail.body().data.history.find((h: any) => h.action === 'submit')
    assert.equal(submit.actor.name, detail.body().data.submittedByName)
  })

  test('submitted by community staff without an account (as in the demo data): the name comes from the history', async ({ client, assert }) => {
    await at('2026-06-15T10:00:00+08:00')
    const row = await evaluationOf(E.e3)
    const submittedAt = new Date('2026-06-10T09:30:00+08:00')
    const reviewedAt = new Date('2026-06-11T15:00:00+08:00')
    // exactly what the demo generator writes for a community that has no account: actor id null, a name
    await db.from('evaluations').where('id', row.id).update({
      state: 'reviewed', submitted_scores: JSON.stringify(scores()), submitted_score: 100, submitted_by: null, submitted_at: submittedAt,
      reviewed_scores: JSON.stringify(scores()), final_score: 100, review_opinion: '同意社区评分', reviewed_by: null, reviewed_at: reviewedAt, version: 3,
    })
    await db.table('workflow_events').multiInsert([
      { process: 'evaluation', subject_id: row.id, action: 'submit', from_state: 'pending', to_state: 'submitted', actor_id: null,
        actor_name: '园岭二社区经办人', actor_role: 'community_handler', remark: null, data: JSON.stringify({ scores: scores(), score: 100 }), created_at: submittedAt },
      { process: 'evaluation', subject_id: row.id, action: 'review', from_state: 'submitted', to_state: 'reviewed', actor_id: null,
        actor_name: '街道经办人', actor_role: 'street_handler', remark: '同意社区评分', data: JSON.stringify({ scores: scores(), score: 100, rescored: [] }), created_at: reviewedAt },
    ])
    const detail = await client.visit('api.evaluations.show', { id: row.id }).loginAs(await actor('handler'))
    detail.assertStatus(200)
    const data = detail.body().data
    assert.deepInclude(data, { submittedByName: '园岭二社区经办人', reviewedByName: '街道经办人' })
    assert.deepEqual(data.history.filter((h: any) => h.action !== 'open').map((h: any) => h.actor?.name), ['园岭二社区经办人', '街道经办人'])

    const list = await client.visit('api.evaluations.index').qs({ year: 2026, half: 1 }).loginAs(await actor('handler'))
    list.assertStatus(200)
    assert.deepInclude(list.body().data.find((r: any) => r.id === row.id), { submittedByName: '园岭二社区经办人', reviewedByName: '街道经办人' })
  })
})
