import { test } from '@japa/runner'
import { E, resetWorld } from '#tests/support/world'
import { loginOnPc } from '#tests/support/browser'

/** An 业主大会备案 does not expire: its row offers 撤销 but never 标记过期 (the contract's row does). */
test.group('PC · 备案情况 an assembly filing has no 标记过期', (group) => {
  group.each.setup(() => resetWorld())

  test('the estate page offers 标记过期 for the contract only', async ({ visit, assert }) => {
    const page = await loginOnPc(visit, 'handler')
    // the 备案情况 tab of the estate page
    await page.goto(new URL(`/estates/${E.e1}?tab=filings`, page.url()).toString())
    await page.locator('[data-test="filing-records"]').waitFor()
    // filing 1 is e1's contract, filing 2 its 业主大会备案 (tests/support/world.ts)
    await page.locator('[data-test="filing-withdraw-2"]').waitFor()
    assert.equal(await page.locator('[data-test="filing-expire-1"]').count(), 1)
    assert.equal(await page.locator('[data-test="filing-expire-2"]').count(), 0)
    assert.equal(await page.locator('[data-test="filing-withdraw-2"]').count(), 1)
  })
})
