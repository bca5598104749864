import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { USERS, resetWorld } from '#tests/support/world'
import { liftOtpLimits, sentCode } from '#tests/support/identity'
import { loginOnPc } from '#tests/support/browser'
import redis from '@adonisjs/redis/services/main'
import { captchaKey, resetLoginGuard } from '#modules/sessions/login_guard'

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }

/** Module 1 and 2 as the issue tells it: WeChat binding on the H5, two-factor login on the PC. */
test.group('Identity · WeChat binding and PC two-factor login', (group) => {
  group.setup(() => resetWorld())

  test('a preset street handler binds WeChat on the H5 with a stub SMS code and lands on 物业服务', async ({ browser, assert }) => {
    const base = process.env.APP_URL ?? `http://${process.env.HOST}:${process.env.PORT}`
    const handler = USERS.handler
    await liftOtpLimits(handler.phone)
    const context = await browser.newContext(PHONE)
    const page = await context.newPage()

    // not signed in: WeChat authorisation (the stub answers at once) finds no bound account
    await page.goto(`${base}/m/`, { waitUntil: 'commit' })
    await page.waitForURL((url) => url.pathname === '/m/identity')
    assert.notInclude(await page.locator('[data-test="identity-project_manager"]').innerText(), '即将开放')
    assert.notInclude(await page.locator('[data-test="identity-committee_director"]').innerText(), '即将开放')
    // 业主 binds against the house register (电子投票; tests/browser/voting.spec.ts)
    assert.notInclude(await page.locator('[data-test="identity-owner"]').innerText(), '即将开放')
    await page.locator('[data-test="identity-government"]').click()

    // a name that is not preset gets the clear message
    await page.locator('[data-test="identity-name"] input').fill('王不存在')
    await page.locator('[data-test="identity-phone"] input').fill(handler.phone)
    await page.locator('[data-test="identity-send-code"]').click()
    await page.locator('[data-test="identity-error"]').waitFor()
    assert.include(await page.locator('[data-test="identity-error"]').innerText(), '请联系上级管理员预设账号')

    // the preset account: code from the SMS stub, 提交信息 → 物业服务
    await page.locator('[data-test="identity-name"] input').fill(handler.name)
    const sent = page.waitForResponse((response) => response.url().endsWith('/api/v1/identity/sms'))
    await page.locator('[data-test="identity-send-code"]').click()
    assert.equal((await sent).status(), 200)
    await page.locator('[data-test="identity-send-code"]').getByText(/秒后重发/).waitFor()
    await page.locator('[data-test="identity-code"] input').fill(await sentCode(handler.phone))
    await page.locator('[data-test="identity-submit"]').click()
    await page.waitForURL((url) => url.pathname === '/m/')
    await page.locator('[data-test="home-user-name"]').waitFor()
    assert.equal(await page.locator('[data-test="home-user-name"]').innerText(), handler.name)
    assert.equal(await page.title(), '物业服务')
    const user = await db.from('users').where('id', handler.id).first()
    assert.isNotNull(user.wechat_openid)
    await context.close()

    // the same WeChat later: straight to 物业服务, no identity page
    const again = await browser.newContext(PHONE)
    const second = await again.newPage()
    await second.goto(`${base}/m/filings`)
    await second.waitForURL((url) => url.pathname === '/m/filings')
    await second.goto(`${base}/m/`)
    await second.locator('[data-test="home-user-name"]').waitFor()
    assert.equal(await second.locator('[data-test="home-user-name"]').innerText(), handler.name)
    await again.close()
  })

  test('on PC the handler logs in with password + SMS code, then logs out of every device', async ({ visit, assert }) => {
    const page = await loginOnPc(visit, 'handler')
    assert.include(await page.locator('[data-test="user-role"]').innerText(), '街道办经办人')
    await page.locator('[data-test="user-menu"]').click()
    await page.locator('[data-test="logout-all"]').click()
    await page.waitForURL((url) => url.pathname === '/login')
    await page.goto(new URL('/', page.url()).toString())
    await page.waitForURL((url) => url.pathname === '/login')
  })

  test('on PC a wrong code is refused with the server message', async ({ visit, assert }) => {
    await liftOtpLimits(USERS.head.phone)
    const page = await visit('/login')
    await page.locator('[data-test="login-phone"]').fill(USERS.head.phone)
    await page.locator('[data-test="login-password"]').fill('Test@2026pw')
    await page.locator('[data-test="login-send-code"]').click()
    await page.locator('[data-test="login-send-code"]').getByText(/秒后重新获取/).waitFor()
    const code = await sentCode(USERS.head.phone)
    await page.locator('[data-test="login-code"]').fill(code === '000000' ? '111111' : '000000')
    await page.locator('[data-test="login-submit"]').click()
    await page.locator('[data-test="login-error"]').waitFor()
    assert.include(await page.locator('[data-test="login-error"]').innerText(), '验证码错误')
  })

  test('on PC wrong passwords bring up a 图形验证码; with it the owner still signs in', async ({ visit, assert }) => {
    await resetLoginGuard()
    await liftOtpLimits(USERS.head.phone)
    const page = await visit('/login')
    await page.locator('[data-test="login-phone"]').fill(USERS.head.phone)
    await page.locator('[data-test="login-password"]').fill('Wrong@2026pw')
    for (let i = 0; i < 3; i++) {
      const answered = page.waitForResponse((response) => response.url().endsWith('/api/v1/session/sms'))
      await page.locator('[data-test="login-send-code"]').click()
      assert.equal((await answered).status(), 400)
    }
    // the third wrong password: the server message, and the CAPTCHA image appears
    assert.include(await page.locator('[data-test="login-error"]').innerText(), '手机号或密码错误')
    await page.locator('[data-test="login-captcha-image"]').waitFor()
    assert.equal(await page.locator('[data-test="login-captcha-item"] .el-form-item__label').innerText(), '图形验证码')
    // the answer of the image on screen, read where the API keeps it (Redis)
    const captchaOnScreen = async () => {
      const fetched = page.waitForResponse((response) => response.url().endsWith('/api/v1/session/captcha'))
      await page.locator('[data-test="login-captcha-refresh"]').click()
      const { data } = await (await fetched).json()
      await page.waitForFunction((src) => document.querySelector('[data-test="login-captcha-image"]')?.getAttribute('src') === src, data.image)
      return (await redis.connection('main').ioConnection.get(captchaKey(data.id)))!
    }
    await page.locator('[data-test="login-password"]').fill('Test@2026pw')
    await page.locator('[data-test="login-captcha"]').fill(await captchaOnScreen())
    const sent = page.waitForResponse((response) => response.url().endsWith('/api/v1/session/sms'))
    await page.locator('[data-test="login-send-code"]').click()
    assert.equal((await sent).status(), 200)
    await page.locator('[data-test="login-send-code"]').getByText(/秒后重新获取/).waitFor()
    await page.locator('[data-test="login-code"]').fill(await sentCode(USERS.head.phone))
    // the right password cleared the count: the image is gone for step 2
    assert.equal(await page.locator('[data-test="login-captcha-image"]').count(), 0)
    await page.locator('[data-test="login-submit"]').click()
    await page.waitForURL((url) => url.pathname === '/')
    await resetLoginGuard()
  })
})
