import { test } from '@japa/runner'
import User from '#models/user'
import { defineProcess } from '#workflows/process'
import { mayFire, missingFields } from '#workflows/engine'
import { evaluationProcess } from '#modules/evaluations/evaluation_process'
import type { ProcessDefinition } from '#workflows/process'

const PROCESS = evaluationProcess as unknown as ProcessDefinition

function user(role: User['role'], features?: string[]) {
  const model = new User()
  model.role = role
  model.grantedFeatures = features as any
  return model
}

test.group('Workflow core · declared processes', () => {
  test('a process naming an undeclared state is refused when it is defined', ({ assert }) => {
    assert.throws(
      () => defineProcess({
        name: 'evaluation', label: 'x', todoPage: 'evaluation-detail', table: 't',
        states: { a: { label: 'A' } },
        transitions: { go: { label: 'go', from: ['a'], to: 'b' as 'a', by: 'system' } },
        describeTodos: async () => new Map(),
      }),
      /unknown state b/
    )
  })

  test('who may fire a transition: role and feature, never the system steps', ({ assert }) => {
    assert.isTrue(mayFire(PROCESS, 'submit', user('community_handler', ['evaluations.handle'])))
    assert.isFalse(mayFire(PROCESS, 'submit', user('community_handler', ['evaluations.view'])), 'feature withdrawn by the head')
    assert.isFalse(mayFire(PROCESS, 'submit', user('street_handler', ['evaluations.handle'])))
    assert.isTrue(mayFire(PROCESS, 'review', user('street_handler', ['evaluations.handle'])))
    assert.isFalse(mayFire(PROCESS, 'review', user('street_head')), 'the manual gives the review to the handler')
    assert.isFalse(mayFire(PROCESS, 'auto_score', user('city_admin')))
  })

  test('required fields come from the declaration, with their Chinese names', ({ assert }) => {
    assert.deepEqual(missingFields(PROCESS, 'review', { scores: { a: 1 }, opinion: '  ' }), [
      { field: 'opinion', message: '请填写审核意见', rule: 'required' },
    ])
    assert.deepEqual(missingFields(PROCESS, 'submit', { scores: { a: 1 } }), [])
    assert.deepEqual(missingFields(PROCESS, 'submit', {}).map((p) => p.message), ['请填写评分'])
  })
})
