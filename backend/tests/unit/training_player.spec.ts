import { test } from '@japa/runner'
import { learningPlayer, videoProgressStep, type LearningCourse, type TrainingApi } from '@szpm/core/api'

const course = { id: 3, progress: 20, enrolledAt: '2026-10-01T01:00:00.000Z', completedAt: null } as LearningCourse

/** A fake client: records the steps posted, answers as the server does (never backwards). */
function fakeTraining(fail = false) {
  const posted: number[] = []
  const training = {
    progress: async (_id: number, progress: number) => {
      posted.push(progress)
      if (fail) throw new Error('offline')
      return { data: { courseId: 3, recordId: 9, progress, hours: 0, enrolledAt: course.enrolledAt, completedAt: progress === 100 ? '2026-10-02T01:00:00.000Z' : null }, meta: {} }
    },
  } as unknown as TrainingApi
  return { training, posted }
}

/** 我的学习's player logic, shared by the PC and H5 pages (core/src/api/training.ts). */
test.group('training player', () => {
  test('a video reports each further 10 % it plays and 100 at its end, never a step already reported', ({ assert }) => {
    assert.isNull(videoProgressStep(5, 100, 0))
    assert.equal(videoProgressStep(10, 100, 0), 10)
    assert.equal(videoProgressStep(57, 100, 10), 50)
    assert.isNull(videoProgressStep(57, 100, 50))
    assert.equal(videoProgressStep(99.8, 100, 90), 100)
    assert.isNull(videoProgressStep(30, Number.NaN, 0), 'no duration known yet')
    assert.isNull(videoProgressStep(30, 0, 0))
  })

  test('report posts only further steps, updates the course, says when it is complete or failed', async ({ assert }) => {
    let current: LearningCourse | null = course
    const events: string[] = []
    const { training, posted } = fakeTraining()
    const player = learningPlayer(training, {
      current: () => current,
      update: (updated) => (current = updated),
      saving: (on) => events.push(on ? 'saving' : 'saved'),
      completed: () => events.push('completed'),
      failed: () => events.push('failed'),
    })
    await player.report(10)
    assert.deepEqual(posted, [], 'not further than 20 %')
    player.onTime({ currentTime: 45, duration: 100 })
    await new Promise((resolve) => setTimeout(resolve, 0))
    assert.deepEqual(posted, [40])
    assert.equal(current?.progress, 40)
    await player.report(100)
    assert.deepEqual(posted, [40, 100])
    assert.isNotNull(current?.completedAt)
    assert.deepEqual(events, ['saving', 'saved', 'saving', 'completed', 'saved'])

    const broken = fakeTraining(true)
    let failed = 0
    const offline = learningPlayer(broken.training, { current: () => course, update: () => assert.fail('no update'), saving: () => {}, completed: () => {}, failed: () => failed++ })
    await offline.report(60)
    assert.equal(failed, 1)
  })
})
