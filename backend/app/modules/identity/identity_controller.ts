import { DateTime } from 'luxon'
import type { HttpContext } from '@adonisjs/core/http'
import User from '#models/user'
import { identityBindValidator, identityCodeValidator } from '#modules/sessions/session_validator'
import { otpService } from '#services/otp_service'
import { startSession } from '#modules/sessions/session_auth'
import { currentUserProfile } from '#modules/users/current_user'
import { SESSION_WECHAT_OPENID } from '#modules/identity/wechat_controller'
import { IDENTITY_TYPES, identityTypeOfRole, type IdentityType } from '@szpm/core'
import OwnerBindingService from '#modules/voting/owner_binding_service'

const NO_ACCOUNT = '未找到与姓名、手机号码匹配的账号，请联系上级管理员预设账号'
const BOUND_ELSEWHERE = '该账号已绑定其他微信，请先在 PC 端解绑'
const WECHAT_TAKEN = '该微信已绑定其他账号'
const NO_OPENID = '微信授权已失效，请重新进入页面'
const NO_OWNER = '房屋登记中没有与姓名、手机号码匹配的业主，请联系业主委员会或物业服务中心核对'

/** The account exists but is of another identity than the one chosen: say which one it is. */
function identityMismatch(user: User, chosen: IdentityType): string | null {
  const actual = identityTypeOfRole(user.role)
  if (actual === chosen) return null
  if (!actual) return '该账号暂不支持在微信端认证，请联系上级管理员'
  return `所选身份与账号不符：该账号为“${IDENTITY_TYPES[actual].title}”，请返回重新选择身份`
}

/**
 * 微信端身份认证 (module 1): a government supervisor, a 项目经理 or a 业委会主任 binds the WeChat openid
 * from the session to the preset account with their name, phone and a 'bind' SMS code, and is
 * logged in. The identity chosen on the page (`identity_type`, default government) must be the
 * account's: a mismatch is a 422 naming the account's identity.
 */
export default class IdentityController {
  async sendCode(ctx: HttpContext) {
    const { name, phone, identity_type: chosen = 'government' } = await ctx.request.validateUsing(identityCodeValidator)
    const openid = ctx.session.get(SESSION_WECHAT_OPENID) as string | undefined
    if (!openid) return ctx.response.badRequest({ errors: [{ message: NO_OPENID }] })
    const refused = chosen === 'owner' ? await this.ownerRefusal(ctx, name, phone, openid) : await this.presetRefusal(ctx, name, phone, chosen, openid)
    if (refused) return
    const { expiresIn, resendIn } = await otpService().send({ phone, purpose: 'bind', ip: ctx.request.ip() })
    return { data: { sent: true, resendIn, expiresIn }, meta: {} }
  }

  async bind(ctx: HttpContext) {
    const { name, phone, code, identity_type: chosen = 'government' } = await ctx.request.validateUsing(identityBindValidator)
    const openid = ctx.session.get(SESSION_WECHAT_OPENID) as string | undefined
    if (!openid) return ctx.response.badRequest({ errors: [{ message: NO_OPENID }] })
    if (chosen === 'owner') return this.bindOwner(ctx, name, phone, code, openid)
    if (await this.presetRefusal(ctx, name, phone, chosen, openid)) return
    const user = (await this.presetAccount(name, phone))!
    const holder = await User.query().where('wechat_openid', openid).whereNot('id', user.id).first()
    if (holder) return ctx.response.conflict({ errors: [{ message: WECHAT_TAKEN }] })
    await otpService().verify({ phone, purpose: 'bind', code })
    if (user.wechatOpenid !== openid) {
      user.wechatOpenid = openid
      user.wechatBoundAt = DateTime.now()
    }
    await startSession(ctx, user)
    return { data: await currentUserProfile(user), meta: {} }
  }

  /** answers (and returns true) when a preset account cannot bind: no such account, another identity, another WeChat */
  private async presetRefusal(ctx: HttpContext, name: string, phone: string, chosen: IdentityType, openid: string) {
    const user = await this.presetAccount(name, phone)
    if (!user) {
      ctx.response.unprocessableEntity({ errors: [{ message: NO_ACCOUNT }] })
      return true
    }
    const mismatch = identityMismatch(user, chosen)
    if (mismatch) {
      ctx.response.unprocessableEntity({ errors: [{ message: mismatch, field: 'identity_type', rule: 'business' }] })
      return true
    }
    if (user.wechatOpenid && user.wechatOpenid !== openid) {
      ctx.response.conflict({ errors: [{ message: BOUND_ELSEWHERE }] })
      return true
    }
    return false
  }

  /**
   * answers (and returns true) when an owner cannot bind: the house register must name them (name +
   * phone); a phone that already has an account of another identity, or an owner account bound to
   * another WeChat, cannot
   */
  private async ownerRefusal(ctx: HttpContext, name: string, phone: string, openid: string) {
    const owners = new OwnerBindingService()
    if ((await owners.registerOwners(name, phone)).length === 0) {
      ctx.response.unprocessableEntity({ errors: [{ message: NO_OWNER }] })
      return true
    }
    const account = await owners.accountOf(phone)
    if (!account) return false
    const mismatch = identityMismatch(account, 'owner')
    if (mismatch) {
      ctx.response.unprocessableEntity({ errors: [{ message: mismatch, field: 'identity_type', rule: 'business' }] })
      return true
    }
    if (account.status !== 'active') {
      ctx.response.unprocessableEntity({ errors: [{ message: NO_OWNER }] })
      return true
    }
    if (account.wechatOpenid && account.wechatOpenid !== openid) {
      ctx.response.conflict({ errors: [{ message: BOUND_ELSEWHERE }] })
      return true
    }
    return false
  }

  private async bindOwner(ctx: HttpContext, name: string, phone: string, code: string, openid: string) {
    if (await this.ownerRefusal(ctx, name, phone, openid)) return
    const holder = await User.query().where('wechat_openid', openid).whereNot('phone', phone).first()
    if (holder) return ctx.response.conflict({ errors: [{ message: WECHAT_TAKEN }] })
    await otpService().verify({ phone, purpose: 'bind', code })
    const owners = new OwnerBindingService()
    const user = await owners.bind(name, phone, await owners.registerOwners(name, phone), openid)
    await startSession(ctx, user)
    return { data: await currentUserProfile(user), meta: {} }
  }

  /** an active preset account with exactly this name and phone; every mismatch answers alike */
  private presetAccount(name: string, phone: string) {
    return User.query().where('phone', phone).where('name', name).where('status', 'active').first()
  }
}
