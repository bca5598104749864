import { test } from '@japa/runner'
import type { Page } from 'playwright'
import db from '@adonisjs/lucid/services/db'
import clock from '#services/clock'
import User from '#models/user'
import DisclosureService, { publishDisclosure } from '#modules/disclosures/disclosure_service'
import ProxyGovernanceService from '#modules/proxy_governance/proxy_governance_service'
import { drillIntoCommunity, exportedFileName, loginOnH5, loginOnPc } from '#tests/support/browser'
import { actor } from '#tests/support/actors'
import { E, R, USERS, resetWorld } from '#tests/support/world'
import { drain } from '#tests/support/warehouse'

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
const base = () => process.env.APP_URL ?? `http://${process.env.HOST}:${process.env.PORT}`
const text = async (page: Page, selector: string) => (await page.locator(selector).first().innerText()).trim()
const cell = (page: Page, id: number, key: string) => text(page, `[data-test="cell-${id}-${key}"]`)

/**
 * 信息公开统计 and 居代业统计 on PC and H5 over the world, as of 2026-11-28: e1 has a 通用公告 (手工发布) and
 * an 业主大会公告 from 电子投票, e3 a voided 业主大会公告, e2 a 居代业 代行中 (its two 居代业公告) — written
 * through the services, drained to the warehouse. The street head drills to an estate and opens the
 * announcements behind a number (PC, then H5); on H5 the street's handler starts a 居代业 for e6 and
 * 居代业统计 counts it.
 */
async function seed() {
  const service = new DisclosureService()
  const handler = await actor('handler')
  const general = Number((await db.from('disclosure_templates').where('code', 'general').firstOrFail()).id)
  const assembly = Number((await db.from('disclosure_templates').where('code', 'owners_assembly').firstOrFail()).id)
  await service.create(handler, { template_id: general, estate_id: E.e1, title: '关于电梯维修的公告', fields: { content: '<p>本周六停梯检修。</p>' }, publish: true })
  await db.transaction(async (trx) => {
    await publishDisclosure(trx, { template: 'owners_assembly', estateId: E.e1, title: '业主大会会议公告', fields: { meeting_date: '2026-12-20', place: '会所', agenda: '<p>议程</p>' }, source: 'voting', sourceId: 901, publishedBy: await User.findOrFail(USERS.director.id) })
  })
  const voided = await service.create(handler, { template_id: assembly, estate_id: E.e3, title: '业主大会（有误）', fields: { meeting_date: '2026-12-20', place: '会所', agenda: '<p>议程</p>' }, publish: true })
  await service.void(handler, voided, 1, '内容有误')
  const proxy = new ProxyGovernanceService()
  const id = await proxy.start(handler, { estate_id: E.e2, reason: '未成立业委会', content: '<p>意见征集</p>' })
  await proxy.step(handler, id, 'appoint', { version: 1, remark: '多数业主同意', content: '<p>指定社区居委会代行。</p>', agent: '园岭一社区居委会' })
  await drain()
}

test.group('信息公开统计 · 居代业统计 · drill path on PC and H5', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    clock.travelTo('2026-11-28T10:00:00+08:00')
    await seed()
    return () => clock.reset()
  })

  test('PC: the menu entry → street → community → estate → 穿透 to the announcements; 居代业统计 likewise', async ({ visit, assert }) => {
    const page = await loginOnPc(visit, 'head')
    await page.goto(`${base()}/disclosures`)
    await page.locator('[data-test="nav-disclosure-statistics"]').click()
    await page.waitForURL((url) => url.pathname === '/disclosures/statistics')
    await page.locator(`[data-test="drill-${R.yl1}"]`).waitFor()
    assert.equal(await cell(page, R.yl1, 'published'), '4')
    assert.equal(await cell(page, R.yl1, 'disclosureRate'), '100.00')
    assert.equal(await cell(page, R.yl2, 'voided'), '1')
    assert.equal(await cell(page, R.yl2, 'disclosureRate'), '0.00')
    assert.match(await exportedFileName(page), /\.xlsx$/)

    await drillIntoCommunity(page, R.yl1, E.e1)
    assert.equal(await cell(page, E.e1, 'voting'), '1')
    await page.locator(`[data-test="cell-${E.e1}-voting"]`).click()
    await page.waitForURL((url) => url.pathname === '/disclosures/records' && url.searchParams.get('source') === 'voting' && url.searchParams.get('state') === 'published')
    await page.locator(`.estate-row-${E.e1}`).first().waitFor()
    assert.equal(await page.locator('[data-test="records-table"] .el-table__body-wrapper tbody tr').count(), 1)
    assert.include(await page.locator(`.estate-row-${E.e1}`).first().innerText(), '业主大会会议公告')

    await page.goto(`${base()}/proxy-governances/statistics`)
    await page.locator(`[data-test="drill-${R.yl1}"]`).waitFor()
    assert.equal(await cell(page, R.yl1, 'acting'), '1')
    assert.equal(await cell(page, R.yl2, 'estatesWithoutCommittee'), '1')
    await page.locator(`[data-test="cell-${R.yl1}-acting"]`).click()
    await page.waitForURL((url) => url.pathname === '/proxy-governances/records' && url.searchParams.get('state') === 'acting')
    await page.locator(`.estate-row-${E.e2}`).first().waitFor()
    assert.include(await page.locator(`.estate-row-${E.e2}`).first().innerText(), '代行中')
  })

  test('H5: 信息公开查询 → 信息公开统计 → community → 穿透; 发起居代业 on the phone, then 居代业统计 counts it', async ({ browser, assert }) => {
    const context = await browser.newContext(PHONE)
    try {
      const page = await context.newPage()
      await loginOnH5(page, 'handler')
      await page.goto(`${base()}/m/disclosures`)
      await page.locator('[data-test="stats-link"]').click()
      await page.waitForURL((url) => url.pathname === '/m/disclosures/statistics')
      await page.locator(`[data-test="drill-${R.yl1}"]`).waitFor()
      await page.locator(`[data-test="drill-${R.yl1}"] .van-cell__title > span`).click()
      await page.waitForURL((url) => url.searchParams.get('region') === String(R.yl1))
      await page.locator(`[data-test="drill-${E.e1}"]`).waitFor()
      await page.locator(`[data-test="cell-${E.e1}-published"]`).click()
      await page.waitForURL((url) => url.pathname === '/m/disclosures/records' && url.searchParams.get('state') === 'published')
      await page.locator('[data-test^="record-row-"]').first().waitFor()
      assert.equal(await page.locator('[data-test^="record-row-"]').count(), 2)

      // 发起居代业 for e6 (no committee): e1 and e3 have one, e2 an open 居代业 — shown disabled
      await page.goto(`${base()}/m/proxy-governances`)
      await page.locator('[data-test="proxy-start-link"]').click()
      await page.waitForURL((url) => url.pathname === '/m/proxy-governances/start')
      await page.locator(`[data-test="start-estate-${E.e1}"]`, { hasText: '已成立业委会' }).waitFor()
      await page.locator(`[data-test="start-estate-${E.e2}"]`, { hasText: '已有进行中的居代业' }).waitFor()
      await page.locator('[data-test="start-submit"]').click()
      await page.locator('[data-test="start-estate-error"]', { hasText: '请选择物业项目' }).waitFor()
      await page.locator(`[data-test="start-estate-${E.e6}"]`).click()
      await page.locator('[data-test="start-chosen"]').waitFor()
      await page.locator('[data-test="start-reason"] textarea').fill('业委会任期届满未换届')
      await page.locator('[data-test="start-content"] textarea').fill('拟由社区居委会代行。\n<script>alert(1)</script>请业主提出意见。')
      await page.locator('[data-test="start-submit"]').click()
      await page.locator('[data-test="proxy-state"]', { hasText: '意见征集' }).waitFor()
      const started = await db.from('proxy_governances').where('estate_id', E.e6).firstOrFail()
      assert.equal(started.state, 'collecting')
      const announcement = await db.from('disclosures').where({ source: 'proxy_governance', source_id: started.id }).firstOrFail()
      assert.notInclude(announcement.body_html, '<script')
      assert.include(announcement.body_html, '请业主提出意见')

      await drain()
      await page.goto(`${base()}/m/proxy-governances`)
      await page.locator('[data-test="proxy-stats-link"]').click()
      await page.waitForURL((url) => url.pathname === '/m/proxy-governances/statistics')
      await page.locator(`[data-test="drill-${R.yl2}"]`).waitFor()
      assert.equal((await text(page, `[data-test="cell-${R.yl2}-collecting"]`)).replace(/\s+/g, ' '), '意见征集 1')
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      assert.isAtMost(overflow, 0)
    } finally {
      await context.close()
    }
  })
})
