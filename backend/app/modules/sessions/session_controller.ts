import type { HttpContext } from '@adonisjs/core/http'
import User from '#models/user'
import { loginCodeValidator, loginValidator } from '#modules/sessions/session_validator'
import { currentUserProfile } from '#modules/users/current_user'
import { otpService } from '#services/otp_service'
import { revokeAllSessions, startSession, verifyPassword } from '#modules/sessions/session_auth'
import hash from '@adonisjs/core/services/hash'
import { CAPTCHA_REQUIRED_MESSAGE, LoginGuardError, createCaptcha, guardLogin, loginFailed, loginSucceeded } from '#modules/sessions/login_guard'

type PasswordCheck = { user: User } | { status: number; errors: { message: string; field?: string; rule?: string }[] }

const WRONG_CREDENTIALS = '手机号或密码错误'

/**
 * PC login (module 2), two factors: step 1 `POST /session/sms` checks the password and sends a
 * 'login' SMS code; step 2 `POST /session` checks the password again and the code, then logs in on
 * a new session id. Wrong passwords never lock an account: the login guard (./login_guard.ts) asks
 * for a CAPTCHA after a few (per phone and per IP, unknown phones alike) and refuses an IP that keeps
 * guessing; `GET /session/captcha` serves the image.
 */
export default class SessionController {
  async sendCode(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(loginCodeValidator)
    const checked = await this.checkPassword(ctx, input)
    if (!('user' in checked)) return ctx.response.status(checked.status).send({ errors: checked.errors })
    const { expiresIn, resendIn } = await otpService().send({ phone: input.phone, purpose: 'login', ip: ctx.request.ip() })
    return { data: { sent: true, resendIn, expiresIn }, meta: {} }
  }

  async store(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(loginValidator)
    const checked = await this.checkPassword(ctx, input)
    if (!('user' in checked)) return ctx.response.status(checked.status).send({ errors: checked.errors })
    const { user } = checked
    await otpService().verify({ phone: input.phone, purpose: 'login', code: input.code })
    if (hash.needsReHash(user.password)) user.password = input.password // hashed with argon2id on save (AuthFinder)
    await startSession(ctx, user)
    return this.profile(user)
  }

  /** a CAPTCHA for the next login attempt (public; its answer waits in Redis for 5 minutes) */
  async captcha() {
    return { data: await createCaptcha(), meta: {} }
  }

  /**
   * The login guard, then the password; a correct password on an active account yields the user.
   * An unknown phone gets exactly the answers of a wrong password (status, message, CAPTCHA).
   */
  private async checkPassword(
    ctx: HttpContext,
    input: { phone: string; password: string; captcha_id?: string; captcha?: string }
  ): Promise<PasswordCheck> {
    const attempt = { phone: input.phone, ip: ctx.request.ip(), captchaId: input.captcha_id, captcha: input.captcha }
    try {
      await guardLogin(attempt)
    } catch (error) {
      if (!(error instanceof LoginGuardError)) throw error
      return {
        status: error.status,
        errors: [error.captchaRequired ? { message: error.message, field: 'captcha', rule: 'captchaRequired' } : { message: error.message }],
      }
    }
    const user = await User.findBy('phone', input.phone)
    let valid = false
    if (user) valid = await verifyPassword(user.password, input.password)
    else await hash.make(input.password) // same work as a real check, so timing does not reveal accounts
    if (!user || !valid) {
      if (user) {
        user.failedLogins += 1
        await user.save()
      }
      const captchaDue = await loginFailed(attempt)
      return {
        status: 400,
        errors: [{ message: WRONG_CREDENTIALS }, ...(captchaDue ? [{ message: CAPTCHA_REQUIRED_MESSAGE, field: 'captcha', rule: 'captchaRequired' }] : [])],
      }
    }
    await loginSucceeded(attempt)
    if (user.status !== 'active') return { status: 403, errors: [{ message: '账号已停用，请联系上级管理员' }] }
    return { user }
  }

  /** Gives a first-time visitor the XSRF-TOKEN cookie (Shield sets it on every routed response). */
  async csrf() {
    return { data: null, meta: {} }
  }

  async show({ auth }: HttpContext) {
    return this.profile(auth.getUserOrFail())
  }

  private async profile(user: User) {
    return { data: await currentUserProfile(user), meta: {} }
  }

  async destroy({ auth }: HttpContext) {
    await auth.use('web').logout()
    return { data: null, meta: {} }
  }

  /** 退出所有设备: every session of the user, this one included, ends now. */
  async destroyAll({ auth, session }: HttpContext) {
    const user = auth.getUserOrFail()
    await revokeAllSessions(user.id)
    await auth.use('web').logout()
    session.clear()
    return { data: null, meta: {} }
  }
}

