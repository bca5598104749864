import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { Page } from 'playwright'
import { E, resetWorld } from '#tests/support/world'
import { loginOnH5, loginOnPc } from '#tests/support/browser'

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
const base = () => process.env.APP_URL ?? `http://${process.env.HOST}:${process.env.PORT}`

/** the el-select of `selector` set to the option `label` */
async function choose(page: Page, selector: string, label: string) {
  await page.locator(`${selector} .el-select`).click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: label }).click()
}

/**
 * The estate's 项目经理 keeps its 从业人员 and 车位 (tests/support/world.ts: `manager` of e1 and e3):
 * from the estate page, add (a 422 shown at its field), edit (someone else's change since → the 409
 * message, the list reloaded), delete and export, on PC and on H5.
 */
test.group('本项目从业人员 / 本项目车位 · the project manager, PC and H5', (group) => {
  group.each.setup(() => resetWorld())

  test('PC: 从业人员 — add with a certificate (bad ID number refused at its field), masked list, stale edit refused, edit, confirm, export, delete', async ({ visit, assert }) => {
    const page = await loginOnPc(visit, 'manager')
    await page.goto(`${base()}/estates/${E.e1}`)
    await page.locator('[data-test="estate-own-staff"]').click()
    await page.waitForURL((url) => url.pathname === `/estates/${E.e1}/staff`)
    await page.locator('[data-test="staff-state"]', { hasText: '未填报' }).waitFor()

    await page.locator('[data-test="staff-add"]').click()
    const dialog = page.locator('[data-test="staff-dialog"]')
    await dialog.locator('[data-test="staff-name"] input').fill('吴保安')
    await dialog.locator('[data-test="staff-id-number"] input').fill('4403041985')
    await dialog.locator('[data-test="staff-phone"] input').fill('13912345678')
    await choose(page, '[data-test="staff-post"]', '保安')
    await dialog.locator('[data-test="staff-add-certificate"]').click()
    await dialog.locator('[data-test="staff-certificate-0"] [data-test="certificate-name"] input').fill('保安员证')
    await dialog.locator('[data-test="staff-certificate-0"] [data-test="certificate-number"] input').fill('BA-001')
    await dialog.locator('[data-test="staff-certificate-0"] [data-test="certificate-issued-on"] input').fill('2020-01-01')
    await dialog.locator('[data-test="staff-certificate-0"] [data-test="certificate-valid-until"] input').fill('2024-12-31')
    await dialog.locator('[data-test="staff-certificate-0"] [data-test="certificate-valid-until"] input').press('Enter')
    await dialog.locator('[data-test="staff-save"]').click()
    // the 422 at its field, nothing stored
    await dialog.locator('[data-test="staff-id-number"] .el-form-item__error').waitFor()
    assert.equal(Number((await db.from('practitioners').where('estate_id', E.e1).count('* as n'))[0].n), 0)

    await dialog.locator('[data-test="staff-id-number"] input').fill('44030419850505123X')
    await dialog.locator('[data-test="staff-save"]').click()
    await page.locator('.el-message--success', { hasText: '已新增' }).waitFor()
    const stored = await db.from('practitioners').where('estate_id', E.e1).firstOrFail()
    assert.equal(stored.id_number, '44030419850505123X')
    assert.equal(stored.post, 'security')
    const certificates = await db.from('practitioner_certificates').where('practitioner_id', stored.id)
    assert.deepEqual(certificates.map((c) => c.name), ['保安员证'])

    // masked in the list, the expired certificate flagged
    const table = page.locator('[data-test="staff-table"]')
    await table.getByText('440304********123X').waitFor()
    assert.include(await table.innerText(), '139****5678')
    assert.notInclude(await table.innerText(), '13912345678')
    assert.include(await table.innerText(), '已过期')
    await page.locator('[data-test="staff-state"]', { hasText: '信息过期' }).waitFor()

    // someone else changed it meanwhile: the edit is refused with the 409 message and the list reloads
    await db.from('practitioners').where('id', stored.id).update({ version: 2, name: '吴保安甲' })
    await page.locator(`[data-test="staff-edit-${stored.id}"]`).click()
    await dialog.locator('[data-test="staff-name"] input').fill('吴保安乙')
    await dialog.locator('[data-test="staff-save"]').click()
    await page.locator('.el-message--error', { hasText: '已被他人修改，请刷新' }).waitFor()
    await table.getByText('吴保安甲').waitFor()
    assert.equal((await db.from('practitioners').where('id', stored.id).firstOrFail()).name, '吴保安甲')

    // edit without retyping ID number and phone: they stay
    await page.locator(`[data-test="staff-edit-${stored.id}"]`).click()
    await dialog.locator('[data-test="staff-name"] input').fill('吴保安乙')
    await dialog.locator('[data-test="staff-save"]').click()
    await page.locator('.el-message--success', { hasText: '已保存' }).waitFor()
    const edited = await db.from('practitioners').where('id', stored.id).firstOrFail()
    assert.deepInclude(edited, { name: '吴保安乙', id_number: '44030419850505123X', phone: '13912345678', version: 3 })
    assert.equal(Number((await db.from('practitioner_certificates').where('practitioner_id', stored.id).count('* as n'))[0].n), 1)

    await page.locator('[data-test="staff-confirm"]').click()
    await page.locator('[data-test="staff-state"]', { hasText: '信息有效' }).waitFor()
    assert.isNotNull(await db.from('estate_staff_confirmations').where('estate_id', E.e1).first())

    // the Excel export of the table
    const href = await page.locator('[data-test="staff-export"]').getAttribute('href')
    const download = await page.request.get(new URL(href!, base()).toString())
    assert.equal(download.status(), 200)
    assert.include(download.headers()['content-type'], 'spreadsheetml')

    await page.locator(`[data-test="staff-delete-${stored.id}"]`).click()
    await page.locator('.el-message-box__btns .el-button--primary').click()
    await page.locator('.el-message--success', { hasText: '已删除' }).waitFor()
    assert.isNull(await db.from('practitioners').where('id', stored.id).first())
  })

  test('PC: 车位 — the first space fills the estate in, a duplicate number is refused at its field, stale edit, edit, export, delete', async ({ visit, assert }) => {
    const page = await loginOnPc(visit, 'manager')
    await page.goto(`${base()}/estates/${E.e3}`)
    await page.locator('[data-test="estate-own-parking"]').click()
    await page.waitForURL((url) => url.pathname === `/estates/${E.e3}/parking`)
    await page.locator('[data-test="parking-state"]', { hasText: '未填报车位信息' }).waitFor()

    const dialog = page.locator('[data-test="parking-dialog"]')
    const addSpace = async () => {
      await page.locator('[data-test="parking-add"]').click()
      await choose(page, '[data-test="parking-kind"]', '人防车位')
      await dialog.locator('[data-test="parking-code"] input').fill('A-001')
      await dialog.locator('[data-test="parking-location"] input').fill('地下一层')
      await dialog.locator('[data-test="parking-save"]').click()
    }
    await addSpace()
    await page.locator('.el-message--success', { hasText: '已新增' }).waitFor()
    await page.locator('[data-test="parking-state"]', { hasText: '已填报' }).waitFor()
    // the same number again: refused at 车位编号
    await addSpace()
    await dialog.locator('[data-test="parking-code"] .el-form-item__error', { hasText: '该物业项目已有此车位编号' }).waitFor()
    await dialog.locator('.el-dialog__headerbtn').click()
    const spaces = await db.from('parking_spaces').where('estate_id', E.e3)
    assert.lengthOf(spaces, 1)
    assert.deepInclude(spaces[0], { code: 'A-001', kind: 'civil_defense', location: '地下一层', status: 'in_use' })
    assert.isNotNull(await db.from('estate_parking_profiles').where('estate_id', E.e3).first())

    await db.from('parking_spaces').where('id', spaces[0].id).update({ version: 2 })
    await page.locator(`[data-test="parking-edit-${spaces[0].id}"]`).click()
    await dialog.locator('[data-test="parking-status"] label', { hasText: '空置' }).click()
    await dialog.locator('[data-test="parking-save"]').click()
    await page.locator('.el-message--error', { hasText: '已被他人修改，请刷新' }).waitFor()
    await page.locator(`[data-test="parking-edit-${spaces[0].id}"]`).click()
    await dialog.locator('[data-test="parking-status"] label', { hasText: '空置' }).click()
    await dialog.locator('[data-test="parking-save"]').click()
    await page.locator('.el-message--success', { hasText: '已保存' }).waitFor()
    assert.deepInclude(await db.from('parking_spaces').where('id', spaces[0].id).firstOrFail(), { status: 'idle', version: 3 })
    await page.locator('[data-test="parking-table"]').getByText('空置').waitFor()

    const href = await page.locator('[data-test="parking-export"]').getAttribute('href')
    const download = await page.request.get(new URL(href!, base()).toString())
    assert.equal(download.status(), 200)
    assert.include(download.headers()['content-type'], 'spreadsheetml')

    await page.locator(`[data-test="parking-delete-${spaces[0].id}"]`).click()
    await page.locator('.el-message-box__btns .el-button--primary').click()
    await page.locator('.el-message--success', { hasText: '已删除' }).waitFor()
    assert.isNull(await db.from('parking_spaces').where('id', spaces[0].id).first())
  })

  test('H5: the project manager adds a practitioner and a space from the estate page, a bad phone shown at its field', async ({ browser, assert }) => {
    const context = await browser.newContext(PHONE)
    try {
      const page = await context.newPage()
      await loginOnH5(page, 'manager')
      await page.locator(`[data-test="home-own-estate-${E.e1}"]`).click()
      await page.locator('[data-test="estate-own-staff"]').click()
      await page.waitForURL((url) => url.pathname === `/m/estates/${E.e1}/staff`)
      await page.locator('[data-test="m-staff-state"]', { hasText: '未填报' }).waitFor()

      await page.locator('[data-test="m-staff-add"]').click()
      const form = page.locator('[data-test="m-staff-form"]')
      await form.locator('[data-test="m-staff-name"] input').fill('钱保洁')
      await form.locator('[data-test="m-staff-id-number"] input').fill('440304199001011234')
      await form.locator('[data-test="m-staff-phone"] input').fill('1391234')
      await form.locator('[data-test="m-post-cleaning"]').click()
      await form.locator('[data-test="m-staff-save"]').click()
      await form.locator('[data-test="m-staff-phone"] .van-field__error-message').waitFor()
      await form.locator('[data-test="m-staff-phone"] input').fill('13912340000')
      await form.locator('[data-test="m-staff-save"]').click()
      await page.locator('.van-toast', { hasText: '已新增' }).waitFor()
      const stored = await db.from('practitioners').where('estate_id', E.e1).firstOrFail()
      assert.deepInclude(stored, { name: '钱保洁', post: 'cleaning', phone: '13912340000' })
      await page.locator(`[data-test="m-staff-${stored.id}"]`, { hasText: '139****0000' }).waitFor()

      // 车位 of the same estate
      await page.goto(`${base()}/m/estates/${E.e1}/parking`)
      await page.locator('[data-test="m-parking-state"]', { hasText: '未填报' }).waitFor()
      await page.locator('[data-test="m-parking-add"]').click()
      const spaceForm = page.locator('[data-test="m-parking-form"]')
      await spaceForm.locator('[data-test="m-kind-charging"]').click()
      await spaceForm.locator('[data-test="m-parking-code"] input').fill('C-08')
      await spaceForm.locator('[data-test="m-parking-save"]').click()
      await page.locator('.van-toast', { hasText: '已新增' }).waitFor()
      const space = await db.from('parking_spaces').where('estate_id', E.e1).where('code', 'C-08').firstOrFail()
      assert.equal(space.kind, 'charging')
      await page.locator('[data-test="m-parking-state"]', { hasText: '已填报' }).waitFor()
      await page.locator(`[data-test="m-parking-${space.id}"]`).click()
      await spaceForm.locator('[data-test="m-parking-remove"]').click()
      await page.locator('.van-dialog__confirm').click()
      await page.locator('.van-toast', { hasText: '已删除' }).waitFor()
      assert.isNull(await db.from('parking_spaces').where('id', space.id).first())
    } finally {
      await context.close()
    }
  })
})
