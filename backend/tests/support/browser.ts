import type { Page } from 'playwright'
import { PASSWORD, USERS, type WorldUser } from '#tests/support/world'
import { liftOtpLimits, sentCode } from '#tests/support/identity'
import { identityTypeOfRole } from '@szpm/core'

type Visit = (url: string) => Promise<Page>

/**
 * Logs a world user (or any account, given its phone) in through the PC login page (password →
 * 获取验证码 → the code from the SMS stub → 登录) and waits for the home page.
 */
export async function loginOnPc(visit: Visit, who: WorldUser | { phone: string }, password = PASSWORD): Promise<Page> {
  const phone = typeof who === 'string' ? USERS[who].phone : who.phone
  await liftOtpLimits(phone)
  const page = await visit('/login')
  await page.locator('[data-test="login-phone"]').fill(phone)
  await page.locator('[data-test="login-password"]').fill(password)
  const sent = page.waitForResponse((response) => response.url().endsWith('/api/v1/session/sms'))
  await page.locator('[data-test="login-send-code"]').click()
  if ((await sent).status() !== 200) throw new Error(`session/sms answered ${(await sent).status()}`)
  await page.locator('[data-test="login-code"]').fill(await sentCode(phone))
  await page.locator('[data-test="login-submit"]').click()
  await page.waitForURL((url) => url.pathname === '/')
  return page
}

/**
 * Signs a world user in on the H5 the WeChat way: /m/ → WeChat authorisation (the stub answers at
 * once) → for an unbound WeChat the identity page (各级政府物业监管部门人员 → 姓名, 手机号码, the code
 * from the SMS stub → 提交信息) → 物业服务 home. An already bound user lands on the home directly.
 */
export async function loginOnH5(page: Page, who: WorldUser): Promise<void> {
  const base = process.env.APP_URL ?? `http://${process.env.HOST}:${process.env.PORT}`
  const { name, phone, role } = USERS[who]
  // the identity the account binds as (government staff, 项目经理, 业委会主任)
  const identity = identityTypeOfRole(role) ?? 'government'
  await liftOtpLimits(phone)
  await page.goto(`${base}/m/`)
  // /m/ itself is only the start of the redirects: wait for the identity page or the signed-in home
  await page.locator('[data-test="identity-government"], [data-test="home-user-name"]').first().waitFor()
  if (new URL(page.url()).pathname === '/m/identity') {
    await page.locator(`[data-test="identity-${identity}"]`).click()
    await page.locator('[data-test="identity-name"] input').fill(name)
    await page.locator('[data-test="identity-phone"] input').fill(phone)
    const sent = page.waitForResponse((response) => response.url().endsWith('/api/v1/identity/sms'))
    await page.locator('[data-test="identity-send-code"]').click()
    if ((await sent).status() !== 200) throw new Error(`identity/sms answered ${(await sent).status()}`)
    await page.locator('[data-test="identity-code"] input').fill(await sentCode(phone))
    await page.locator('[data-test="identity-submit"]').click()
  }
  await page.waitForURL((url) => url.pathname === '/m/')
  await page.locator('[data-test="home-user-name"]').waitFor()
}

/** Clicks the page's 导出Excel and returns the name of the file it downloads. */
export async function exportedFileName(page: Page, selector = '[data-test="export"]'): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(selector).click()])
  return download.suggestedFilename()
}

/** On a PC statistics page: drills into the community `regionId` and waits for its estate `estateId`'s row. */
export async function drillIntoCommunity(page: Page, regionId: number, estateId: number): Promise<void> {
  await page.locator(`[data-test="drill-${regionId}"]`).click()
  await page.waitForURL((url) => url.searchParams.get('region') === String(regionId))
  await page.locator(`[data-test="estate-${estateId}"]`).waitFor()
}
