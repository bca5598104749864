import { randomBytes } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import env from '#start/env'
import User from '#models/user'
import { authorizeValidator } from '#modules/sessions/session_validator'
import { wechatClient } from '#services/wechat/main'
import { startSession } from '#modules/sessions/session_auth'

export const SESSION_WECHAT_OPENID = 'wechat_openid'
const SESSION_WECHAT_STATE = 'wechat_state'
const SESSION_WECHAT_REDIRECT = 'wechat_redirect'
const H5_HOME = '/m/'

/** only same-site absolute paths are honoured as a redirect target */
function safeRedirect(value: unknown) {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.includes('\\') ? value : H5_HOME
}

function identityPage(error?: string) {
  return error ? `/m/identity?error=${encodeURIComponent(error)}` : '/m/identity'
}

/**
 * 微信网页授权 (module 1). `authorize` sends the browser to WeChat with a one-time state kept in the
 * session; `callback` exchanges the code for the openid, keeps it in the session and logs in the
 * account bound to it, or sends the visitor to the H5 identity page to bind one.
 */
export default class WechatController {
  async authorize(ctx: HttpContext) {
    const { redirect } = await ctx.request.validateUsing(authorizeValidator, { data: ctx.request.qs() })
    const state = randomBytes(16).toString('hex')
    ctx.session.put(SESSION_WECHAT_STATE, state)
    ctx.session.put(SESSION_WECHAT_REDIRECT, safeRedirect(redirect))
    const callback = new URL('/api/v1/wechat/callback', env.get('APP_URL')).toString()
    return ctx.response.redirect().toPath(wechatClient().oauthAuthorizeUrl(callback, state, 'snsapi_base'))
  }

  async callback(ctx: HttpContext) {
    const { code, state } = ctx.request.qs() as { code?: unknown; state?: unknown }
    const expected = ctx.session.pull(SESSION_WECHAT_STATE) as string | undefined
    const redirect = safeRedirect(ctx.session.pull(SESSION_WECHAT_REDIRECT))
    if (typeof code !== 'string' || !code || typeof state !== 'string' || !expected || state !== expected) {
      return ctx.response.redirect().toPath(identityPage('微信授权已失效，请重新进入页面'))
    }
    let openid: string
    try {
      openid = (await wechatClient().exchangeCode(code)).openid
    } catch (error) {
      const message = (error as { message?: string }).message
      ctx.logger.warn({ err: error }, 'wechat code exchange failed')
      return ctx.response.redirect().toPath(identityPage(message || '微信服务暂时不可用，请稍后重试'))
    }
    ctx.session.put(SESSION_WECHAT_OPENID, openid)
    const user = await User.findBy('wechatOpenid', openid)
    if (!user) return ctx.response.redirect().toPath(identityPage())
    if (user.status !== 'active') return ctx.response.redirect().toPath(identityPage('账号已停用，请联系上级管理员'))
    await startSession(ctx, user)
    return ctx.response.redirect().toPath(redirect)
  }
}
