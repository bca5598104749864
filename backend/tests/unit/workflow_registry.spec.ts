import { test } from '@japa/runner'
import { WORKFLOW_PROCESSES } from '@szpm/core'
import { defineProcess, type ProcessDefinition } from '#workflows/process'
import { processNames, processOf, processProblems, refreshInbox, registerProcess, registeredProcesses, scheduledJobs } from '#workflows/index'
import { jobProcessor, scheduleJobs, schedulerId } from '#workflows/jobs'
import { SYNC_EVALUATION_PERIODS } from '#modules/evaluations/sync_evaluation_periods'
import { todoListValidator } from '#modules/todos/todo_validator'
import { transformTodo } from '#modules/todos/todo_transformer'

/** A second process, as a new workflow module would declare it: one state with a to-do, one job. */
function fakeProcess(calls: string[]): ProcessDefinition {
  return defineProcess({
    name: 'fake_permit',
    label: '临时许可',
    todoPage: 'fake-permit-detail',
    table: 'fake_permits',
    states: { waiting: { label: '待审批', todo: { roles: ['street_handler'], feature: 'todos.handle' } }, done: { label: '已审批' } },
    transitions: { approve: { label: '审批', from: ['waiting'], to: 'done', by: 'system' } },
    describeTodos: async () => new Map(),
    jobs: [
      {
        name: 'expire-fake-permits',
        everyMs: 3_600_000,
        run: async () => {
          calls.push('expire-fake-permits')
          return { expired: 2 }
        },
        describe: (result: { expired: number }) => (result.expired ? `expired ${result.expired}` : null),
      },
    ],
    inbox: { refresh: async () => void calls.push('refresh fake_permit') },
  }) as unknown as ProcessDefinition
}

/** the part of a BullMQ queue the scheduler uses, recording what it is asked */
function recordingQueue(existingSchedulers: string[]) {
  const calls: string[] = []
  const queue = {
    getJobSchedulers: async () => existingSchedulers.map((key) => ({ key, name: key })),
    removeJobScheduler: async (key: string) => (calls.push(`remove ${key}`), true),
    upsertJobScheduler: async (id: string, repeat: { every: number }, template: { name: string }) =>
      void calls.push(`schedule ${id} every ${repeat.every} → ${template.name}`),
    add: async (name: string, _data: unknown, options: { jobId: string }) => void calls.push(`add ${name} as ${options.jobId}`),
  }
  return { queue: queue as any, calls }
}

test.group('Workflow core · the process registry drives the worker, the scheduler and the inbox', (group) => {
  let unregister: (() => void) | null = null
  group.each.teardown(() => {
    unregister?.()
    unregister = null
  })

  test('the registered processes are the ones the modules declare; 街道社区评价 brings its window job', ({ assert }) => {
    assert.deepEqual(processProblems(), [])
    assert.sameMembers(processNames(), WORKFLOW_PROCESSES.map((process) => process.name))
    const evaluation = processOf('evaluation')!
    assert.equal(evaluation.label, '街道社区评价')
    assert.equal(evaluation.todoPage, 'evaluation-detail')
    assert.deepInclude(
      scheduledJobs().map(({ name, everyMs, runAtStart, process }) => ({ name, everyMs, runAtStart, process })),
      { name: SYNC_EVALUATION_PERIODS, everyMs: 60_000, runAtStart: true, process: 'evaluation' }
    )
  })

  test('a second registered process shows up in the worker job list, the schedules, the processor and the inbox', async ({ assert }) => {
    const calls: string[] = []
    const before = scheduledJobs().map((job) => job.name)
    assert.notInclude(before, 'expire-fake-permits')
    unregister = registerProcess(fakeProcess(calls))

    // the worker's job list
    const jobs = scheduledJobs()
    assert.deepEqual(jobs.map((job) => job.name), [...before, 'expire-fake-permits'])
    assert.equal(jobs.find((job) => job.name === 'expire-fake-permits')!.process, 'fake_permit')

    // the scheduler: every job on its schedule, only runAtStart jobs queued at start, stale schedules removed
    const { queue, calls: queued } = recordingQueue(['sync-evaluation-periods-every-minute', schedulerId({ name: 'expire-fake-permits' })])
    await scheduleJobs(queue, jobs, 1234)
    assert.includeMembers(queued, [
      'remove sync-evaluation-periods-every-minute',
      `schedule sync-evaluation-periods-repeat every 60000 → ${SYNC_EVALUATION_PERIODS}`,
      `add ${SYNC_EVALUATION_PERIODS} as ${SYNC_EVALUATION_PERIODS}-at-start-1234`,
      'schedule expire-fake-permits-repeat every 3600000 → expire-fake-permits',
    ])
    assert.notInclude(queued, 'remove expire-fake-permits-repeat')
    assert.isFalse(queued.some((line) => line.startsWith('add expire-fake-permits')), 'not a runAtStart job')

    // the processor finds the job by name and logs what it did
    const logged: string[] = []
    const processor = jobProcessor(jobs, (line) => logged.push(line))
    assert.deepEqual(await processor({ name: 'expire-fake-permits' }), { expired: 2 })
    assert.deepEqual(calls, ['expire-fake-permits'])
    assert.deepEqual(logged, ['[jobs] expire-fake-permits: expired 2'])
    await assert.rejects(() => processor({ name: 'no-such-job' }), /no processor for job no-such-job/)

    // the inbox: its filter accepts the process, its rows take label and step from it, its refresh runs
    assert.equal((await todoListValidator.validate({ process: 'fake_permit' })).process, 'fake_permit')
    await assert.rejects(() => todoListValidator.validate({ process: 'no_such_process' }))
    const row = transformTodo(
      { id: 1, process: 'fake_permit', subject_id: 9, step: 'waiting', title: '许可', summary: null, region_name: '园岭街道', due_on: null, created_at: new Date(), closed_at: null, closed_by_name: null, outcome: null },
      new Map()
    )
    assert.deepInclude(row, { processName: '临时许可', stepName: '待审批' })
    assert.include(registeredProcesses(), processOf('fake_permit'))
    await refreshInbox(registeredProcesses().filter((process) => process.name === 'fake_permit'))
    assert.deepEqual(calls, ['expire-fake-permits', 'refresh fake_permit'])

    // unregistered, it is gone from the job list again
    unregister()
    unregister = null
    assert.deepEqual(scheduledJobs().map((job) => job.name), before)
  })

  test('a process registered twice, or a job name used by two processes, is refused', ({ assert }) => {
    const fake = fakeProcess([])
    unregister = registerProcess(fake)
    assert.throws(() => registerProcess(fakeProcess([])), /"fake_permit" is registered twice/)
    const copycat = { ...fakeProcess([]), name: 'copycat' } as ProcessDefinition
    assert.throws(() => scheduledJobs([fake, copycat]), /job "expire-fake-permits" is declared by both process "fake_permit" and "copycat"/)
  })
})
