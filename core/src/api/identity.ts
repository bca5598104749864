/** 微信端身份认证 (module 1): WeChat authorisation and binding on the H5. */
import type { Http } from './http.ts'
import type { CodeSent, CurrentUser } from './types.ts'

export function identityApi(http: Http) {
  return {
    /** full-page navigation target that starts WeChat web authorisation; `redirect` is an H5 path (/m/…) */
    authorizeUrl: (redirect?: string) => http.url('wechat.authorize', { query: { redirect } }),
    sendCode: (name: string, phone: string) => http.call<CodeSent>('identity.sms', { body: { name, phone } }),
    bind: (name: string, phone: string, code: string) => http.call<CurrentUser>('identity.bind', { body: { name, phone, code } }),
  }
}
