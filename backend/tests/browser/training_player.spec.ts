import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { storage } from '#services/file_storage'
import { COURSE_VIDEO, courseVideoBytes } from '#database/generators/training'
import { loginOnPc } from '#tests/support/browser'
import { resetWorld } from '#tests/support/world'
import { C, P, seedTraining } from '#tests/support/training'

/**
 * The demo's video courses play (database/generators/training.ts: COURSE_VIDEO, made by
 * assets/make_course_video.mjs): the 项目经理 of e1 (a learner, tests/support/training.ts) opens the
 * video course in 我的学习, Chromium decodes it (readyState ≥ 2, a finite duration), it plays to the
 * end and the progress steps are recorded up to 100.
 */
test.group('宣传培训 · the demo video plays', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    await seedTraining({ records: false })
    // the video course carries the demo's file, stored as the generator stores it
    const key = `training/test-demo-video.${COURSE_VIDEO.extension}`
    const bytes = courseVideoBytes()
    await storage().put(key, bytes, { contentType: COURSE_VIDEO.contentType })
    await db.from('training_courses').where('id', C.video).update({ storage_key: key, content_type: COURSE_VIDEO.contentType, size_bytes: bytes.length, file_name: `消防设施日常巡查.${COURSE_VIDEO.extension}` })
  })

  test('PC: 我的学习 — the video loads, plays to its end, and its progress is recorded', async ({ visit, assert }) => {
    const page = await loginOnPc(visit, 'manager')
    await page.goto(new URL('/training/learning', page.url()).toString())
    await page.locator(`[data-test="open-${C.video}"]`).click()
    const video = page.locator('video[data-test="video"]')
    await video.waitFor()
    await page.waitForFunction(() => (document.querySelector('video[data-test="video"]') as HTMLVideoElement | null)?.readyState! >= 2)
    const loaded = await video.evaluate((element: HTMLVideoElement) => ({ readyState: element.readyState, duration: element.duration, width: element.videoWidth, error: element.error?.code ?? null }))
    assert.isAtLeast(loaded.readyState, 2)
    assert.isTrue(Number.isFinite(loaded.duration) && loaded.duration > 0, `duration ${loaded.duration}`)
    assert.isAbove(loaded.width, 0)
    assert.isNull(loaded.error)

    const finished = page.waitForResponse((response) => response.url().endsWith(`/training/courses/${C.video}/progress`) && response.request().postDataJSON()?.progress === 100)
    await video.evaluate((element: HTMLVideoElement) => {
      element.muted = true
      element.playbackRate = 2
      return element.play()
    })
    assert.equal((await finished).status(), 200)
    await page.locator('[data-test="player-progress"][aria-valuenow="100"]').waitFor()
    const record = await db.from('learning_records').where({ practitioner_id: P.lead1, course_id: C.video }).firstOrFail()
    assert.equal(record.progress, 100)
    assert.isNotNull(record.completed_at)
    // the steps on the way were recorded too (the first one enrolled)
    assert.isAbove(Number((await db.from('outbox_events').where('topic', 'learning_record').count('* as n'))[0].n), 1)
  }).timeout(120_000)
})
