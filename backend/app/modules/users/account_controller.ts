import type { HttpContext } from '@adonisjs/core/http'
import hash from '@adonisjs/core/services/hash'
import db from '@adonisjs/lucid/services/db'
import { OtpError } from '#services/otp_service'
import { FieldError, phoneOtp, unbindWechat } from '#modules/users/account_service'
import { currentUserProfile } from '#modules/users/current_user'
import { deregisterValidator, phoneCodeValidator, updateMeValidator } from '#modules/users/user_validator'
import { answerFieldErrors } from '#modules/users/users_controller'
import type User from '#models/user'

async function assertPhoneFree(user: User, phone: string) {
  if (phone === user.phone) throw new FieldError('phone', '新手机号与当前手机号相同')
  if (await db.from('users').where('phone', phone).whereNot('id', user.id).first()) throw new FieldError('phone', '该手机号已有账号')
}

/** 头像 menu (权限管理): the signed-in user's own account — 编辑, 解绑, 注销. */
export default class AccountController {
  /** 编辑: own name; a new phone needs the SMS code sent to it (POST me/phone-code). */
  async update(ctx: HttpContext) {
    const user = ctx.auth.getUserOrFail()
    const { name, phone, code } = await ctx.request.validateUsing(updateMeValidator)
    return answerFieldErrors(ctx, async () => {
      if (phone !== undefined && phone !== user.phone) {
        await assertPhoneFree(user, phone)
        if (!code) throw new FieldError('code', '请输入发送到新手机号的验证码')
        try {
          await phoneOtp.get().verify({ phone, purpose: 'change_phone', code })
        } catch (error) {
          if (error instanceof OtpError) throw new FieldError('code', error.message)
          throw error
        }
        user.phone = phone
      }
      if (name !== undefined) user.name = name
      await user.save()
      return { data: await currentUserProfile(user), meta: {} }
    })
  }

  /** Sends the phone-change code to the new phone. */
  async phoneCode(ctx: HttpContext) {
    const user = ctx.auth.getUserOrFail()
    const { phone } = await ctx.request.validateUsing(phoneCodeValidator)
    return answerFieldErrors(ctx, async () => {
      await assertPhoneFree(user, phone)
      const sent = await phoneOtp.get().send({ phone, purpose: 'change_phone', ip: ctx.request.ip() })
      return { data: sent, meta: {} }
    })
  }

  /** 解绑: clears the WeChat binding (the next H5 visit asks for 姓名 + 手机号 + code again). */
  async unbindWechat({ auth }: HttpContext) {
    const user = auth.getUserOrFail()
    const unbound = await unbindWechat(user)
    return { data: { unbound }, meta: {} }
  }

  /** 注销: the account is deregistered (cannot log in any more) after the password is confirmed. */
  async deregister(ctx: HttpContext) {
    const user = ctx.auth.getUserOrFail()
    const { password } = await ctx.request.validateUsing(deregisterValidator)
    if (!(await hash.verify(user.password, password))) {
      return ctx.response.unprocessableEntity({ errors: [{ message: '密码错误', field: 'password', rule: 'business' }] })
    }
    user.status = 'deregistered'
    user.wechatOpenid = null
    user.wechatBoundAt = null
    await user.save()
    await ctx.auth.use('web').logout()
    ctx.session.clear()
    return { data: null, meta: {} }
  }
}
