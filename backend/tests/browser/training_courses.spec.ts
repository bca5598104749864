import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { storage } from '#services/file_storage'
import { courseVideoBytes } from '#database/generators/training'
import { loginOnPc } from '#tests/support/browser'
import { resetWorld } from '#tests/support/world'
import { C, seedTraining } from '#tests/support/training'

const base = () => process.env.APP_URL ?? `http://${process.env.HOST}:${process.env.PORT}`

/**
 * 课程管理 (training.manage): the city administrator lists the courses, creates a video course with its
 * uploaded file (a file that is not what its name says is refused at the file field), meets the 409 of
 * a stale edit, edits, retires a course and exports the list.
 */
test.group('宣传培训 · 课程管理 (PC)', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    await seedTraining({ records: false })
  })

  test('create with an upload (a bad file refused at its field), stale edit, edit, retire, export', async ({ visit, assert }) => {
    const page = await loginOnPc(visit, 'city')
    await page.goto(`${base()}/training/courses`)
    const table = page.locator('[data-test="courses-table"]')
    await table.getByText('消防设施日常巡查', { exact: true }).waitFor()

    await page.locator('[data-test="course-add"]').click()
    const dialog = page.locator('[data-test="course-dialog"]')
    await dialog.locator('[data-test="course-title"] input').fill('电梯困人应急演练')
    await dialog.locator('[data-test="course-duration"] input').fill('12')
    // not a video, though named like one: the upload's 422 at the file field
    await dialog.locator('[data-test="course-file-input"]').setInputFiles({ name: 'fake.mp4', mimeType: 'video/mp4', buffer: Buffer.from('not a video at all') })
    await dialog.locator('[data-test="course-file"] .el-form-item__error').waitFor()
    assert.include(await dialog.locator('[data-test="course-file"] .el-form-item__error').innerText(), '文件')

    await dialog.locator('[data-test="course-file-input"]').setInputFiles({ name: '电梯困人应急演练.webm', mimeType: 'video/webm', buffer: courseVideoBytes() })
    await dialog.locator('[data-test="course-file-name"]', { hasText: '电梯困人应急演练.webm' }).waitFor()
    await dialog.locator('[data-test="course-save"]').click()
    await page.locator('.el-message--success', { hasText: '已新建课程' }).waitFor()
    const created = await db.from('training_courses').where('title', '电梯困人应急演练').firstOrFail()
    assert.deepInclude(created, { kind: 'video', content_type: 'video/webm', duration_minutes: 12, published: true })
    assert.equal(Number(created.size_bytes), courseVideoBytes().length)
    assert.equal(Buffer.from(await storage().getBytes(created.storage_key)).length, courseVideoBytes().length)
    await table.getByText('电梯困人应急演练', { exact: true }).waitFor()

    // someone else edited the course meanwhile: 409, the list reloads
    await db.from('training_courses').where('id', C.video).update({ version: 2 })
    await page.locator(`[data-test="course-edit-${C.video}"]`).click()
    await dialog.locator('[data-test="course-title"] input').fill('消防设施日常巡查（修订）')
    await dialog.locator('[data-test="course-save"]').click()
    await page.locator('.el-message--error', { hasText: '已被他人修改，请刷新' }).waitFor()
    await page.locator(`[data-test="course-edit-${C.video}"]`).click()
    await dialog.locator('[data-test="course-title"] input').fill('消防设施日常巡查（修订）')
    await dialog.locator('[data-test="course-save"]').click()
    await page.locator('.el-message--success', { hasText: '已保存' }).waitFor()
    assert.deepInclude(await db.from('training_courses').where('id', C.video).firstOrFail(), { title: '消防设施日常巡查（修订）', version: 3 })

    // 下架
    await page.locator(`[data-test="course-toggle-${created.id}"]`).click()
    await page.locator('.el-message-box__btns .el-button--primary').click()
    await page.locator(`[data-test="course-status-${created.id}"]`, { hasText: '已下架' }).waitFor()
    assert.isFalse((await db.from('training_courses').where('id', created.id).firstOrFail()).published)

    const href = await page.locator('[data-test="courses-export"]').getAttribute('href')
    const download = await page.request.get(new URL(href!, base()).toString())
    assert.equal(download.status(), 200)
    assert.include(download.headers()['content-type'], 'spreadsheetml')
  }).timeout(120_000)
})
