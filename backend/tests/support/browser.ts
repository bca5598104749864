import type { Page } from 'playwright'
import { PASSWORD, USERS, type WorldUser } from '#tests/support/world'

type Visit = (url: string) => Promise<Page>

/** Logs a world user in through the PC login page and waits for the home page. */
export async function loginOnPc(visit: Visit, who: WorldUser, password = PASSWORD): Promise<Page> {
  const page = await visit('/login')
  await page.locator('[data-test="login-phone"]').fill(USERS[who].phone)
  await page.locator('[data-test="login-password"]').fill(password)
  await page.locator('[data-test="login-submit"]').click()
  await page.waitForURL((url) => url.pathname === '/')
  return page
}
