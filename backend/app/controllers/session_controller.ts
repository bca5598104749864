import { DateTime } from 'luxon'
import type { HttpContext } from '@adonisjs/core/http'
import User from '#models/user'
import { loginValidator } from '#validators/session'
import { breadcrumb, userRegion } from '#services/region_scope'
import { transformCurrentUser } from '#transformers/user_transformer'
import hash from '@adonisjs/core/services/hash'

const MAX_FAILURES = 5
const LOCK_MINUTES = 30

export default class SessionController {
  /** Log in with phone + password. (The SMS second factor arrives with the identity issue.) */
  async store(ctx: HttpContext) {
    const { phone, password } = await ctx.request.validateUsing(loginValidator)
    const user = await User.findBy('phone', phone)
    if (!user) {
      await hash.make(password) // same work as a real check, so timing does not reveal accounts
      return ctx.response.badRequest({ errors: [{ message: '手机号或密码错误' }] })
    }
    if (user.lockedUntil && user.lockedUntil > DateTime.now()) {
      return ctx.response.status(423).send({ errors: [{ message: `登录失败次数过多，账号已锁定至 ${user.lockedUntil.setZone('Asia/Shanghai').toFormat('HH:mm')}` }] })
    }
    if (!(await hash.verify(user.password, password))) {
      user.failedLogins += 1
      if (user.failedLogins >= MAX_FAILURES) {
        user.lockedUntil = DateTime.now().plus({ minutes: LOCK_MINUTES })
        user.failedLogins = 0
      }
      await user.save()
      return ctx.response.badRequest({ errors: [{ message: '手机号或密码错误' }] })
    }
    if (user.status !== 'active') {
      return ctx.response.forbidden({ errors: [{ message: '账号已停用，请联系上级管理员' }] })
    }
    user.failedLogins = 0
    user.lockedUntil = null
    user.lastLoginAt = DateTime.now()
    await user.save()
    ctx.session.regenerate()
    await ctx.auth.use('web').login(user)
    return this.profile(user)
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
}
