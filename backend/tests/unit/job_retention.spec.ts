import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import { JOB_RETENTION } from '@szpm/etl'
import env from '#start/env'
import { BACKEND_JOB_OPTIONS, createBackendJobsQueue, scheduleJobs } from '#workflows/jobs'
import { scheduledJobs } from '#workflows/index'

test.group('backend jobs queue · finished jobs expire', () => {
  test('every scheduled business job is kept at most a bounded time and count once finished', async ({ assert, cleanup }) => {
    const connection = new Redis(env.get('REDIS_URL'), { maxRetriesPerRequest: null })
    const queue = createBackendJobsQueue(connection, { prefix: `szpm-test-jobs-${randomUUID().slice(0, 8)}` })
    cleanup(async () => {
      await queue.obliterate({ force: true })
      await queue.close()
      await connection.quit()
    })
    assert.deepInclude(BACKEND_JOB_OPTIONS, { attempts: 3 })
    assert.isAbove(JOB_RETENTION.removeOnComplete.age, 0)
    assert.isAbove(JOB_RETENTION.removeOnFail.count, 0)

    const jobs = scheduledJobs()
    assert.isAbove(jobs.length, 0)
    await scheduleJobs(queue, jobs, 1234)
    const queued = await queue.getJobs(['delayed', 'waiting', 'prioritized'])
    assert.isAbove(queued.length, 0)
    for (const job of queued) {
      assert.deepEqual(job.opts.removeOnComplete, JOB_RETENTION.removeOnComplete, job.name)
      assert.deepEqual(job.opts.removeOnFail, JOB_RETENTION.removeOnFail, job.name)
    }
  })
})
