import { DateTime } from 'luxon'
import type { HttpContext } from '@adonisjs/core/http'
import User from '#models/user'
import { loginCodeValidator, loginValidator } from '#modules/sessions/session_validator'
import { breadcrumb, userRegion } from '#services/region_scope'
import { transformCurrentUser } from '#modules/users/user_transformer'
import { otpService } from '#services/otp_service'
import { revokeAllSessions, startSession, verifyPassword } from '#modules/sessions/session_auth'
import hash from '@adonisjs/core/services/hash'

const MAX_FAILURES = 5
const LOCK_MINUTES = 30

type PasswordCheck = { user: User } | { status: number; message: string }

/**
 * PC login (module 2), two factors: step 1 `POST /session/sms` checks the password and sends a
 * 'login' SMS code; step 2 `POST /session` checks the password again and the code, then logs in on
 * a new session id. Both steps count wrong passwords toward the 5-failure / 30-minute lockout.
 */
export default class SessionController {
  async sendCode(ctx: HttpContext) {
    const { phone, password } = await ctx.request.validateUsing(loginCodeValidator)
    const checked = await this.checkPassword(phone, password)
    if (!('user' in checked)) return ctx.response.status(checked.status).send({ errors: [{ message: checked.message }] })
    const { expiresIn, resendIn } = await otpService().send({ phone, purpose: 'login', ip: ctx.request.ip() })
    return { data: { sent: true, resendIn, expiresIn }, meta: {} }
  }

  async store(ctx: HttpContext) {
    const { phone, password, code } = await ctx.request.validateUsing(loginValidator)
    const checked = await this.checkPassword(phone, password)
    if (!('user' in checked)) return ctx.response.status(checked.status).send({ errors: [{ message: checked.message }] })
    const { user } = checked
    await otpService().verify({ phone, purpose: 'login', code })
    if (hash.needsReHash(user.password)) user.password = password // hashed with argon2id on save (AuthFinder)
    await startSession(ctx, user)
    return this.profile(user)
  }

  /** Password check with lockout; a correct password on an active account yields the user. */
  private async checkPassword(phone: string, password: string): Promise<PasswordCheck> {
    const user = await User.findBy('phone', phone)
    if (!user) {
      await hash.make(password) // same work as a real check, so timing does not reveal accounts
      return { status: 400, message: '手机号或密码错误' }
    }
    if (user.lockedUntil && user.lockedUntil > DateTime.now()) {
      return { status: 423, message: `登录失败次数过多，账号已锁定至 ${user.lockedUntil.setZone('Asia/Shanghai').toFormat('HH:mm')}` }
    }
    if (!(await verifyPassword(user.password, password))) {
      user.failedLogins += 1
      if (user.failedLogins >= MAX_FAILURES) {
        user.lockedUntil = DateTime.now().plus({ minutes: LOCK_MINUTES })
        user.failedLogins = 0
      }
      await user.save()
      return { status: 400, message: '手机号或密码错误' }
    }
    if (user.status !== 'active') return { status: 403, message: '账号已停用，请联系上级管理员' }
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
    const region = await userRegion(user)
    return { data: transformCurrentUser(user, region, await breadcrumb(region, region)), meta: {} }
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

